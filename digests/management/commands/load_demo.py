"""Demo content built from the facts of the digest of 10 — 23 January 2022.

The texts are in digests/demo/*.toml, where someone who does not read Python
can edit them. Every row is found again by a natural key (a slug, a date, a
campaign and a start day, a position), so running the command again updates
the rows in place instead of adding copies.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from campaigns.models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting
from digests import demo
from digests.models import Digest, DigestAction, Section, period_slug
from digests.services import publish_digest, record_translations
from newsroom.models import Image, Person, SiteSettings, SocialLink, Tag


class Command(BaseCommand):
    help = (
        "Load the demo content of digests/demo/*.toml: site settings, campaigns, action items, "
        "partner meetings and three published digests. Running it again updates the same rows "
        "and adds nothing; the most recent digest covers the two weeks up to yesterday. "
        "Refuses a database holding content the demo did not create, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even into a database that holds content of its own.",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not force and (found := foreign_content()):
            raise CommandError(
                "The database holds content the demo did not create: "
                + "; ".join(f"{what} {', '.join(names)}" for what, names in found.items())
                + ". Loading the demo would publish invented news beside it and overwrite "
                "the site's settings. Run it on an empty database, or add --force if this "
                "really is a test site."
            )
        with demo.reading("site.toml"):
            load_site(demo.read("site.toml"))
        people = demo.each("people.toml", load_person)
        tags = demo.each("tags.toml", load_tag)
        campaigns = demo.each("campaigns.toml", load_campaign, tags)
        items = demo.each("action_items.toml", load_action_item, campaigns)
        meetings = demo.each("meetings.toml", load_meeting, campaigns, people)
        for path in sorted(demo.DIRECTORY.glob("digest-*.toml")):
            with demo.reading(path.name):
                load_digest(demo.read(path.name), tags, campaigns, items, meetings)
        self.stdout.write(self.style.SUCCESS(summary()))


def load_site(data):
    fields = demo.values(SiteSettings, data, "site_name", "tagline", "contact_email")
    site = demo.upsert(SiteSettings, {"pk": SiteSettings.load().pk}, fields)
    for position, link in enumerate(data.get("social_links", []), start=1):
        fields = {"url": link["url"], "position": position}
        demo.upsert(SocialLink, {"site": site, "network": link["network"]}, fields)


def load_person(key, entry):
    fields = demo.values(Person, entry, "name", "role")
    return demo.upsert(Person, {"name_en": fields["name_en"]}, fields)


def load_tag(slug, entry):
    """The one place tags are made: a name per language, the slug as written."""
    return demo.upsert(Tag, {"slug": slug}, demo.translations("name", entry["name"]))


def load_campaign(slug, entry, tags):
    names = ["kind", "status", "starts_on", "ends_on", "name", "summary", "body"]
    campaign = demo.upsert(Campaign, {"slug": slug}, demo.values(Campaign, entry, *names))
    campaign.tags.set(demo.pick_all(tags, entry.get("tags", []), "tag"))
    links = entry.get("links", [])
    for position, link in enumerate(links, start=1):
        lookup = {"campaign": campaign, "position": position}
        demo.upsert(CampaignLink, lookup, demo.values(CampaignLink, link, "url", "label"))
    campaign.links.filter(position__gt=len(links)).delete()
    return campaign


def load_action_item(key, entry, campaigns):
    campaign = demo.pick(campaigns, entry["campaign"], "campaign")
    lookup = {"campaign": campaign, "active_from": entry["active_from"]}
    names = ["active_until", "position", "url", "text", "explanation"]
    return demo.upsert(ActionItem, lookup, demo.values(ActionItem, entry, *names))


def load_meeting(key, entry, campaigns, people):
    lookup = {"date": entry["date"], "country": entry["country"]}
    names = ["is_public", "place", "counterpart_name", "counterpart_title"]
    names += ["counterpart_organisation", "notes"]
    meeting = demo.upsert(PartnerMeeting, lookup, demo.values(PartnerMeeting, entry, *names))
    meeting.representatives.set(demo.pick_all(people, entry.get("representatives", []), "person"))
    meeting.campaigns.set(demo.pick_all(campaigns, entry.get("campaigns", []), "campaign"))
    topics = entry.get("topics", [])
    for position, texts in enumerate(topics, start=1):
        lookup = {"meeting": meeting, "position": position}
        demo.upsert(MeetingTopic, lookup, demo.translations("text", texts))
    meeting.topics.filter(position__gt=len(topics)).delete()
    return meeting


def period(data):
    """The digest's first and last days; recent_days counts back from yesterday."""
    if "recent_days" not in data:
        return data["period_start"], data["period_end"]
    end = timezone.localdate() - datetime.timedelta(days=1)
    return end - datetime.timedelta(days=data["recent_days"] - 1), end


def load_digest(data, tags, campaigns, items, meetings):
    start, end = period(data)
    fields = {"period_start": start, "period_end": end}
    fields |= demo.values(Digest, data, "title", "headline", "lead", "closing_call")
    digest = demo.upsert(Digest, {"slug": period_slug(start, end)}, fields)
    digest.tags.set(demo.pick_all(tags, data.get("tags", []), "tag"))

    chosen = demo.pick_all(items, data.get("actions", []), "action item")
    digest.action_entries.exclude(action_item__in=chosen).delete()
    # Unfrozen, so publishing below freezes each item's current words again.
    unfrozen = {
        f"{name}_{code}": "" for name in ["wording", "frozen_text"] for code in demo.LANGUAGES
    }
    for position, item in enumerate(chosen, start=1):
        # full_clean refuses an item that was not active during the digest's period.
        fields = {"position": position, "frozen_url": "", **unfrozen}
        demo.upsert(DigestAction, {"digest": digest, "action_item": item}, fields)

    sections = data.get("sections", [])
    digest.sections.filter(position__gt=len(sections)).delete()
    for position, entry in enumerate(sections, start=1):
        fields = demo.values(Section, entry, "kind", "heading", "body")
        campaign = entry.get("campaign")
        fields["campaign"] = demo.pick(campaigns, campaign, "campaign") if campaign else None
        section = demo.upsert(Section, {"digest": digest, "position": position}, fields)
        section.meetings.set(demo.pick_all(meetings, entry.get("meetings", []), "meeting"))
        section.tags.set(demo.pick_all(tags, entry.get("tags", []), "tag"))

    publish_digest(digest=digest, by=None, at=data.get("published_at"))
    record_translations(digest=digest, by=None)
    return digest


def foreign_content():
    """What the database holds that the demo did not put there: {what: [a few of them]}.

    A row is the demo's when the key this command updates it by (a slug, a
    date) and one of its texts in some language are the demo files' own: a
    real campaign that happens to have a demo campaign's address is not. The
    recent digest, whose dates move with the day it is loaded, is known by its
    headline alone. The demo has no images, so any image is someone's.
    """
    # Read leniently: a mistake in a file is reported by the load itself, with its place.
    site = demo.read("site.toml")
    digests = [demo.read(path.name) for path in sorted(demo.DIRECTORY.glob("digest-*.toml"))]
    headlines = {text for data in digests for text in _texts(data.get("headline"))}
    campaigns = _keyed("campaigns.toml", "name")
    tags = _keyed("tags.toml", "name")
    items = {
        (entry.get("campaign"), entry.get("active_from"), text)
        for entry in _entries("action_items.toml").values()
        for text in _texts(entry.get("text"))
    }
    meetings = {
        (entry.get("date"), entry.get("country"), text)
        for entry in _entries("meetings.toml").values()
        for text in _texts(entry.get("counterpart_name"))
    }
    people = {
        text for entry in _entries("people.toml").values() for text in _texts(entry.get("name"))
    }
    links = {(link.get("network"), link.get("url")) for link in site.get("social_links", [])}
    rows = {
        "digests": [d for d in Digest.objects.all() if not _in(headlines, d, "headline")],
        "campaigns": [c for c in Campaign.objects.all() if not _in(campaigns, c, "name", c.slug)],
        "action items": [
            item
            for item in ActionItem.objects.select_related("campaign")
            if not _in(items, item, "text", item.campaign.slug, item.active_from)
        ],
        "partner meetings": [
            meeting
            for meeting in PartnerMeeting.objects.all()
            if not _in(meetings, meeting, "counterpart_name", meeting.date, meeting.country.code)
        ],
        "people": [person for person in Person.objects.all() if not _in(people, person, "name")],
        "tags": [tag for tag in Tag.objects.all() if not _in(tags, tag, "name", tag.slug)],
        "images": Image.objects.all(),
        "social links": [
            link for link in SocialLink.objects.all() if (link.network, link.url) not in links
        ],
        "site settings": [
            settings
            for settings in SiteSettings.objects.all()
            if not _demo_settings(settings, site)
        ],
    }
    return {what: _some(found) for what, found in rows.items() if found}


def _entries(name):
    return {key: entry for key, entry in demo.read(name).items() if isinstance(entry, dict)}


def _keyed(name, field):
    """{(key, text)} for each text of `field` of each entry of a file keyed by slug."""
    return {
        (key, text) for key, entry in _entries(name).items() for text in _texts(entry.get(field))
    }


def _texts(value):
    if not isinstance(value, dict):
        return []
    return [" ".join(text.split()) for text in value.values() if isinstance(text, str)]


def _in(known, row, field, *key):
    """True if (*key, text) is known for a text of the row's field in some language."""
    texts = {getattr(row, f"{field}_{code}") for code in demo.LANGUAGES}
    return any((*key, text) in known if key else text in known for text in texts)


def _some(rows, shown=3):
    rows = list(rows)
    names = [f"“{row}”" for row in rows[:shown]]
    if len(rows) > shown:
        names.append(f"and {len(rows) - shown} more")
    return names


def _demo_settings(settings, data):
    """True if the site settings are still the default ones or the demo's."""
    for name in ["site_name", "tagline"]:
        allowed = {"", "Newsroom", *_texts(data.get(name))}
        # A language column never written holds None.
        texts = (getattr(settings, f"{name}_{code}") or "" for code in demo.LANGUAGES)
        if any(text not in allowed for text in texts):
            return False
    return settings.contact_email in {"", data.get("contact_email", "")}


def summary():
    counts = {
        "campaigns": Campaign.objects.count(),
        "call-to-action links": CampaignLink.objects.count(),
        "action items": ActionItem.objects.count(),
        "current today": ActionItem.objects.current().count(),
        "partner meetings": PartnerMeeting.objects.count(),
        "public meetings": PartnerMeeting.objects.public().count(),
        "digests": Digest.objects.count(),
        "published digests": Digest.objects.published().count(),
        "sections": Section.objects.count(),
        "activity entries": DigestAction.objects.count(),
        "people": Person.objects.count(),
        "social links": SocialLink.objects.count(),
        "tags": Tag.objects.count(),
    }
    return "Demo content: " + ", ".join(f"{name} {count}" for name, count in counts.items()) + "."
