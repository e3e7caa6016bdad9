"""Demo content built from the facts of the digest of 10 — 23 January 2022.

The texts are in digests/demo/*.toml, where someone who does not read Python
can edit them. Every row is found again by a natural key (a slug, a date, a
campaign and a start day, a position), so running the command again updates
the rows in place instead of adding copies.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from campaigns.models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting
from digests import demo
from digests.models import Digest, DigestAction, Section, period_slug
from digests.services import publish_digest
from newsroom.models import Person, SiteSettings, SocialLink, Tag


class Command(BaseCommand):
    help = (
        "Load the demo content of digests/demo/*.toml: site settings, campaigns, action items, "
        "partner meetings and three published digests. Running it again updates the same rows "
        "and adds nothing; the most recent digest covers the two weeks up to yesterday."
    )

    @transaction.atomic
    def handle(self, *args, **options):
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
    return digest


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
