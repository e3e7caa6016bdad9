"""The digests and today's list of activities as RSS and Atom feeds, in each language."""

import mimetypes

from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from campaigns.feeds import ActionEntries
from campaigns.models import ActionItem
from newsroom.feeds import AtomFeed, SiteFeed, absolute_html, start_of_day

from .models import Digest

DIGESTS_IN_FEED = 20


class DigestFeed(SiteFeed):
    def title(self):
        return _("%(site)s: digests") % {"site": self.site.site_name}

    def description(self):
        return _("Every digest in full, newest first.")

    def link(self):
        return reverse("digests:archive")

    def items(self):
        return Digest.objects.published().newest_first().with_contents()[:DIGESTS_IN_FEED]

    def item_title(self, digest):
        return digest.title_with_year

    def item_description(self, digest):
        html = render_to_string("digests/feed_digest.html", {"digest": digest})
        return absolute_html(html, self.absolute(digest.get_absolute_url()))

    def item_pubdate(self, digest):
        return digest.published_at

    def item_updateddate(self, digest):
        # Edited while it was scheduled: it still changed no earlier than it appeared.
        return max(digest.published_at, digest.updated_at)

    def item_categories(self, digest):
        return [str(tag) for tag in digest.tags.all()]

    def item_enclosures(self, digest):
        if not digest.cover:
            return []
        name = digest.cover.fallback_rendition()
        storage = digest.cover.file.storage
        try:
            length = storage.size(name)
        except OSError:
            return []  # A copy gone missing must not take the whole feed down.
        return [
            feedgenerator.Enclosure(
                url=self.absolute(storage.url(name)),
                length=str(length),
                mime_type=mimetypes.guess_type(name)[0],
            )
        ]


class DigestAtomFeed(DigestFeed):
    feed_type = AtomFeed


class TodayFeed(ActionEntries, SiteFeed):
    """An entry for each call to action of today's list; entries come and go with the list."""

    def title(self):
        return _("%(site)s: what you can do today") % {"site": self.site.site_name}

    def description(self):
        return _("The list of activities for today: an entry for each call to action.")

    def link(self):
        return reverse("digests:today")

    def items(self):
        return ActionItem.objects.current().select_related("campaign")

    def action_page(self, item):
        return reverse("digests:today")

    def updated(self, obj):
        # An item that ended changed the list too, though it is no longer in it.
        ended = ActionItem.objects.expired().aggregate(
            last_day=Max("active_until"), changed=Max("updated_at")
        )
        dates = [ended["changed"]] if ended["changed"] else []
        if ended["last_day"]:
            dates.append(start_of_day(ended["last_day"] + ActionEntries.ONE_DAY))
        return max(dates, default=None)


class TodayAtomFeed(TodayFeed):
    feed_type = AtomFeed
