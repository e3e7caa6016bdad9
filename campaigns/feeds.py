"""Feeds of a campaign, and calendars of action items (RFC 5545), in each language.

The calendar is written with the icalendar package, which escapes text and
folds lines at 75 octets as RFC 5545 wants; by hand that is easy to get
almost right.
"""

import datetime

import icalendar
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.feeds import AtomFeed, SiteFeed, absolute_html, other_language, start_of_day
from newsroom.models import SiteSettings

from .models import ActionItem, Campaign
from .views import published_sections

SECTIONS_IN_FEED = 20


class ActionEntries:
    """Entries for action items; `action_page` is the page that lists them."""

    ONE_DAY = datetime.timedelta(days=1)

    def action_page(self, item):
        raise NotImplementedError

    def action_anchor(self, item):
        return f"{self.action_page(item)}#action-{item.pk}"

    def item_title(self, item):
        return item.text

    def item_link(self, item):
        return item.url or self.action_anchor(item)

    def item_guid(self, item):
        return self.absolute(self.action_anchor(item))

    def item_guid_is_permalink(self, item):
        return False  # The entry's link may be another site's.

    def item_description(self, item):
        html = render_to_string("includes/feed_action.html", {"item": item})
        return absolute_html(html, self.absolute(self.action_page(item)))

    def item_pubdate(self, item):
        return start_of_day(item.active_from)

    def item_updateddate(self, item):
        # It entered the list on its first day, even when written long before.
        return max(item.updated_at, start_of_day(item.active_from))

    def item_language(self, item):
        return other_language(item, "text")


class CampaignFeed(ActionEntries, SiteFeed):
    """A campaign's current calls to action and the published digest sections about it."""

    def get_object(self, request, slug):
        return Campaign.objects.get(slug=slug)

    def title(self, campaign):
        return _("%(site)s: %(campaign)s") % {"site": self.site.site_name, "campaign": campaign}

    def description(self, campaign):
        return campaign.summary or _(
            "What you can do for the campaign “%(campaign)s”, and what the digests say about it."
        ) % {"campaign": campaign}

    def link(self, campaign):
        return campaign.get_absolute_url()

    def items(self, campaign):
        actions = campaign.action_items.current().select_related("campaign")
        sections = published_sections(campaign.sections).select_related("image")
        entries = [*actions, *sections[:SECTIONS_IN_FEED]]
        return sorted(entries, key=self.item_updateddate, reverse=True)

    def action_page(self, item):
        return item.campaign.get_absolute_url()

    def item_title(self, item):
        return super().item_title(item) if isinstance(item, ActionItem) else item.heading

    def item_link(self, item):
        return super().item_link(item) if isinstance(item, ActionItem) else item.get_absolute_url()

    def item_guid(self, item):
        if isinstance(item, ActionItem):
            return super().item_guid(item)
        return self.absolute(item.get_absolute_url())

    def item_description(self, item):
        if isinstance(item, ActionItem):
            return super().item_description(item)
        html = render_to_string("campaigns/feed_section.html", {"section": item})
        return absolute_html(html, self.absolute(item.get_absolute_url()))

    def item_pubdate(self, item):
        if isinstance(item, ActionItem):
            return super().item_pubdate(item)
        return item.digest.published_at

    def item_updateddate(self, item):
        if isinstance(item, ActionItem):
            return super().item_updateddate(item)
        return max(item.digest.published_at, item.digest.updated_at)

    def item_language(self, item):
        if isinstance(item, ActionItem):
            return super().item_language(item)
        return other_language(item, "heading")


class CampaignAtomFeed(CampaignFeed):
    feed_type = AtomFeed


def action_calendar(request, slug=None):
    """Current and upcoming calls to action as all-day events, one per item's window.

    Every value comes from the items themselves (DTSTAMP is the item's last
    change), so the file changes only when an item does.
    """
    items = ActionItem.objects.current_and_upcoming().select_related("campaign")
    site = SiteSettings.load()
    if slug is None:
        name = _("%(site)s: calls to action") % {"site": site.site_name}
        page = reverse("digests:today")
    else:
        campaign = get_object_or_404(Campaign, slug=slug)
        items = items.filter(campaign=campaign)
        name = _("%(site)s: %(campaign)s") % {"site": site.site_name, "campaign": campaign}
        page = campaign.get_absolute_url()
    language = get_language()
    host, _port = split_domain_port(request.get_host())

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{host}//Calls to action//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    # Older readers know only these X- names; the library takes them for raw values.
    calendar.add("x-wr-calname", icalendar.vText(name))
    description = _("Calls to action, each on the days it is meant for.")
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", icalendar.vText(description))
    calendar.add("url", request.build_absolute_uri(page))
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(datetime.timedelta(hours=6)))
    for item in items:
        calendar.add_component(action_event(request, item, host=host))
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def action_event(request, item, *, host):
    event = icalendar.Event()
    # The same in every language: it is the same event.
    event.add("uid", f"action-item-{item.pk}@{host}")
    event.add("dtstamp", item.updated_at)
    event.add("last-modified", item.updated_at)
    event.add("sequence", item.edit_count)
    event.add("dtstart", item.active_from)
    # DTEND is exclusive; a standing item (no last day) is shown on its first day.
    event.add("dtend", (item.active_until or item.active_from) + ActionEntries.ONE_DAY)
    event.add("summary", item.text, parameters=language_parameter(item, "text"))
    lines = [item.explanation] if item.explanation else []
    if item.active_until is None:
        lines.append(_("No last day: it stands until further notice."))
    lines.append(_("Campaign: %(campaign)s") % {"campaign": item.campaign})
    event.add("description", "\n\n".join(lines))
    event.add("url", item.url or request.build_absolute_uri(item.campaign.get_absolute_url()))
    event.add("transp", "TRANSPARENT")
    return event


def language_parameter(item, field):
    language = other_language(item, field)
    return {"LANGUAGE": language} if language else {}
