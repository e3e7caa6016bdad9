"""A large made-up site for `make bench`: 10,000 digests, 100,000 sections, 2,000
action items, 200 campaigns, in three languages, written with bulk inserts.

Run it on a database of its own (`make bench` uses var/bench.sqlite3, or
BENCH_DATABASE_URL): it refuses one that holds anything else. Every row keeps
the models' rules (published digests have a time, addresses are unique, an
item of a digest's activity list was active during its period), so the pages
show what they would show on a real site of that size.
"""

import datetime
import json
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone, translation

from campaigns.models import ActionItem, Campaign, MeetingTopic, PartnerMeeting
from digests.models import Digest, DigestAction, Section, period_slug
from newsroom.models import SiteSettings, SocialLink, Tag, TaggedItem

BENCH_SITE_NAME = "Bench"
LANGUAGES = ("be", "ru", "en")
FIRST_DAY = datetime.date(2000, 1, 3)
BATCH = 2000

WORDS = {
    "be": "Беларусы за мяжой і ў краіне працягваюць змагацца за свабоду палітвязняў і сумленныя "
    "выбары, збіраюць подпісы і дапамагаюць сем'ям рэпрэсаваных",
    "ru": "Белорусы за границей и в стране продолжают бороться за свободу политзаключённых и "
    "честные выборы, собирают подписи и помогают семьям репрессированных",
    "en": "Belarusians abroad and at home keep working for the release of political prisoners "
    "and fair elections, collect signatures and help the families of the repressed",
}


def text(language, number, length):
    """Words of `language` about `length` characters long, differing with `number`."""
    words = WORDS[language].split()
    start = number % len(words)
    out = " ".join(words[start:] + words[:start])
    while len(out) < length:
        out += ". " + out
    return out[:length].rstrip() + f" ({number})"


def translated(field, number, length, *, html=False, languages=LANGUAGES):
    """{field_be: …, field_ru: …, field_en: …} (missing languages left empty)."""
    values = {}
    for language in LANGUAGES:
        value = text(language, number, length) if language in languages else ""
        if html and value:
            value = f"<p>{value}</p><p><strong>{value[: length // 3]}</strong></p>"
        values[f"{field}_{language}"] = value
    values[field] = values[f"{field}_be"]
    return values


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large made-up site for the benchmark (make bench): "
        "10,000 digests, 100,000 sections, 2,000 action items, 200 campaigns, in be, ru and en. "
        "Does nothing on a database it already filled; refuses one holding anything else."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digests", type=int, default=10_000)
        parser.add_argument("--sections", type=int, default=10, help="per digest")
        parser.add_argument("--campaigns", type=int, default=200)
        parser.add_argument("--action-items", type=int, default=2_000)
        parser.add_argument(
            "--addresses",
            action="store_true",
            help="Print, as JSON, the addresses make bench loads, and do nothing else.",
        )

    def handle(self, *args, addresses=False, **options):
        if addresses:
            self.stdout.write(json.dumps(bench_addresses()))
            return
        site = SiteSettings.objects.filter(pk=1).first()
        if site and site.site_name_en == BENCH_SITE_NAME and Digest.objects.exists():
            self.stdout.write("The bench data is there already.")
            return
        if Digest.objects.exists() or Campaign.objects.exists():
            raise CommandError(
                "This database holds content of its own. The bench data goes into a database "
                "of its own: see `make bench` in README.md."
            )
        started = time.monotonic()
        with translation.override("be"), transaction.atomic():
            generate(self.stdout, **options)
        with connection.cursor() as cursor:
            # Fresh statistics, and on PostgreSQL the visibility map that lets
            # index-only scans skip the table.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(f"Generated in {time.monotonic() - started:.0f} s.")


def bulk(model, rows, stdout):
    made = model.objects.bulk_create(rows, batch_size=BATCH)
    stdout.write(f"  {len(made):>7} {model._meta.label}")
    return made


def generate(stdout, *, digests, sections, campaigns, action_items, **_options):
    today = timezone.localdate()
    now = timezone.now()
    SiteSettings.objects.update_or_create(
        pk=1,
        defaults={f"site_name_{code}": BENCH_SITE_NAME for code in LANGUAGES}
        | {"site_name": BENCH_SITE_NAME}
        | translated("tagline", 0, 60),
    )
    bulk(
        SocialLink,
        [
            SocialLink(
                site_id=1, network=network, url=f"https://{network}.example/bench", position=n
            )
            for n, network in enumerate(["telegram", "facebook", "instagram", "youtube"])
        ],
        stdout,
    )
    tags = bulk(
        Tag,
        [
            Tag(
                slug=f"topic-{n}",
                name=f"тэма {n}",
                name_be=f"тэма {n}",
                name_ru=f"тема {n}",
                name_en=f"topic {n}",
            )
            for n in range(60)
        ],
        stdout,
    )
    campaign_rows = bulk(
        Campaign,
        [
            Campaign(
                slug=f"campaign-{n}",
                kind=Campaign.Kind.values[n % len(Campaign.Kind.values)],
                starts_on=FIRST_DAY + datetime.timedelta(days=n * 45),
                ends_on=None
                if n >= campaigns - 40
                else FIRST_DAY + datetime.timedelta(n * 45 + 30),
                status=Campaign.Status.ACTIVE if n >= campaigns - 40 else Campaign.Status.CLOSED,
                **translated("name", n, 40),
                **translated("summary", n, 160),
                **translated("body", n, 900, html=True),
            )
            for n in range(campaigns)
        ],
        stdout,
    )
    # Windows of 60 days starting every 5 days from FIRST_DAY: a dozen are
    # current today, and each digest's period overlaps the three it lists.
    items = bulk(
        ActionItem,
        [
            ActionItem(
                campaign=campaign_rows[n % campaigns],
                active_from=FIRST_DAY + datetime.timedelta(days=5 * n),
                active_until=FIRST_DAY + datetime.timedelta(days=5 * n + 60),
                position=n % 5,
                url=f"https://example.org/act/{n}",
                **translated("text", n, 90),
                **translated("explanation", n, 200),
            )
            for n in range(action_items)
        ],
        stdout,
    )
    meetings = bulk(
        PartnerMeeting,
        [
            PartnerMeeting(
                date=today - datetime.timedelta(days=20 * n),
                country=["DE", "PL", "LT", "FR", "CH"][n % 5],
                is_public=n % 6 != 5,
                **translated("place", n, 20),
                **translated("counterpart_name", n, 30),
                **translated("counterpart_title", n, 30),
                **translated("counterpart_organisation", n, 40),
                **translated("notes", n, 400, html=True),
            )
            for n in range(30)
        ],
        stdout,
    )
    bulk(
        MeetingTopic,
        [
            MeetingTopic(meeting=meeting, position=k, **translated("text", n + k, 60))
            for n, meeting in enumerate(meetings)
            for k in range(2)
        ],
        stdout,
    )
    for n, meeting in enumerate(meetings):
        meeting.campaigns.add(campaign_rows[n % campaigns])

    # One digest a day or so, from 2000 to today: the site's years allow no
    # 10,000 two-week periods side by side, so periods overlap.
    span = (today - datetime.timedelta(days=14) - FIRST_DAY).days
    digest_rows, slugs = [], set()
    for n in range(digests):
        start = FIRST_DAY + datetime.timedelta(days=n * span // digests)
        end = start + datetime.timedelta(days=13)
        slug = period_slug(start, end)
        while slug in slugs:
            slug += "-2"
        slugs.add(slug)
        # Every fifth digest is not in English: its page falls back to Russian.
        languages = ("be", "ru") if n % 5 == 4 else LANGUAGES
        digest_rows.append(
            Digest(
                period_start=start,
                period_end=end,
                slug=slug,
                status=Digest.Status.PUBLISHED,
                published_at=min(
                    timezone.make_aware(datetime.datetime.combine(end, datetime.time(12))),
                    now - datetime.timedelta(hours=1),
                ),
                **translated("headline", n, 120, languages=languages),
                **translated("lead", n, 300, languages=languages),
                **translated("closing_call", n, 200, html=True, languages=languages),
            )
        )
    digest_rows = bulk(Digest, digest_rows, stdout)
    # The longest digest: 60 sections, the one `make bench` loads.
    longest = digest_rows[len(digest_rows) * 9 // 10]

    section_rows, entries = [], []
    for n, digest in enumerate(digest_rows):
        languages = ("be", "ru") if n % 5 == 4 else LANGUAGES
        count = 60 if digest is longest else sections
        for position in range(count):
            number = n * sections + position
            section_rows.append(
                Section(
                    digest=digest,
                    position=position,
                    kind=Section.Kind.values[number % len(Section.Kind.values)],
                    campaign=campaign_rows[number % campaigns] if number % 10 == 0 else None,
                    **translated("heading", number, 70, languages=languages),
                    **translated("body", number, 500, html=True, languages=languages),
                )
            )
        last_item = min(max((digest.period_start - FIRST_DAY).days // 5, 2), len(items) - 1)
        for position in range(3):
            item = items[last_item - position]
            entries.append(
                DigestAction(
                    digest=digest,
                    action_item=item,
                    position=position,
                    frozen_url=item.url,
                    **{f"frozen_text_{code}": getattr(item, f"text_{code}") for code in LANGUAGES},
                    frozen_text=item.text_be,
                )
            )
    section_rows = bulk(Section, section_rows, stdout)
    bulk(DigestAction, entries, stdout)
    meeting_links = Section.meetings.through
    bulk(
        meeting_links,
        [
            meeting_links(section_id=section.pk, partnermeeting_id=meetings[n % 30].pk)
            for n, section in enumerate(section_rows)
            if n % 25 == 0
        ],
        stdout,
    )
    digest_type = ContentType.objects.get_for_model(Digest)
    section_type = ContentType.objects.get_for_model(Section)
    campaign_type = ContentType.objects.get_for_model(Campaign)
    tagged = [
        TaggedItem(content_type=digest_type, object_id=digest.pk, tag=tags[(n + k * 7) % 60])
        for n, digest in enumerate(digest_rows)
        for k in range(2)
    ]
    tagged += [
        TaggedItem(content_type=section_type, object_id=section.pk, tag=tags[n % 60])
        for n, section in enumerate(section_rows)
    ]
    tagged += [
        TaggedItem(content_type=campaign_type, object_id=campaign.pk, tag=tags[n % 60])
        for n, campaign in enumerate(campaign_rows)
    ]
    bulk(TaggedItem, tagged, stdout)


def bench_addresses():
    """The longest digest's and the busiest campaign's pages, in Belarusian."""
    with translation.override("be"):
        longest = (
            Digest.objects.published().annotate(count=Count("sections")).order_by("-count").first()
        )
        campaign = (
            Campaign.objects.annotate(count=Count("action_items", distinct=True))
            .order_by("-count", "pk")
            .first()
        )
        return {
            "longest_digest": longest.get_absolute_url(),
            "campaign": campaign.get_absolute_url(),
            "digests": Digest.objects.count(),
            "sections": Section.objects.count(),
        }
