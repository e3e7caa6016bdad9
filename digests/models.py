import datetime
import functools
import hashlib
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import JSONObject
from django.dispatch import receiver
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from campaigns.models import ActionItem, Campaign, PartnerMeeting
from newsroom import audit
from newsroom.i18n import (
    fallback_chain,
    long_date,
    month_genitive,
    page_address,
    require_one_language,
)
from newsroom.models import (
    CompletingQuerySet,
    EditCounted,
    Image,
    TranslationSources,
    TranslationStatus,
)
from newsroom.richtext import RichTextField
from newsroom.roles import can_publish
from newsroom.tags import prefetch_tags, tags_field


def period_title(start, end, language, *, with_year=False):
    """'Digest: 10 — 23 January' in the given language; two months are both named.

    `with_year` adds the year ('10 — 23 January 2022'), both years when the
    period spans two ('27 December 2021 — 9 January 2022').
    """
    # A page names a digest and its neighbours several times (title, card,
    # schema.org data, links): each title is made once per process.
    return _period_title(start, end, language, with_year)


@functools.lru_cache(maxsize=10_000)
def _period_title(start, end, language, with_year):
    with translation.override(language):
        start_year = f" {start.year}" if with_year and start.year != end.year else ""
        end_year = f" {end.year}" if with_year else ""
        if (start.year, start.month) == (end.year, end.month):
            period = f"{start.day} — {end.day} {month_genitive(end.month)}{end_year}"
        else:
            period = (
                f"{start.day} {month_genitive(start.month)}{start_year} — "
                f"{end.day} {month_genitive(end.month)}{end_year}"
            )
        return pgettext("digest title", "Digest: %(period)s") % {"period": period}


@receiver(setting_changed)
def _forget_period_titles(*, setting, **kwargs):
    # New catalogues (a test's languages) may word them differently.
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _period_title.cache_clear()


FIRST_YEAR, LAST_YEAR = 2000, 2100


def validate_year(value):
    """The years a digest may be dated in; the archive and the admin's filter take the same."""
    year = value.year if isinstance(value, datetime.date) else value
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Choose a date between the years %(first)d and %(last)d."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def parse_year(text):
    """The year in an address or a filter ("2022"), or None when it is not a digest year."""
    # isdigit() alone lets "²" through to int(); a long string of digits overflows.
    if not (text and text.isascii() and text.isdigit() and len(text) <= 4):
        return None
    try:
        validate_year(int(text))
    except ValidationError:
        return None
    return int(text)


def period_slug(start, end):
    """'digest-2022-01-10-23': one address for a period, the same under /be/, /ru/ and /en/."""
    if start.year != end.year:
        return f"digest-{start:%Y-%m-%d}-{end:%Y-%m-%d}"
    if start.month != end.month:
        return f"digest-{start:%Y-%m-%d}-{end:%m-%d}"
    return f"digest-{start:%Y-%m-%d}-{end:%d}"


def new_contents_version():
    return secrets.token_hex(8)


class Year(models.Func):
    """The year of a date as an integer, by each database's own means.

    Django's own (dates(), __year) has SQLite call a Python function for
    every row: 35 ms for the archive's years of 10,000 digests.
    """

    output_field = models.IntegerField()
    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps a date as its ISO text.
        template = "CAST(substr(%(expressions)s, 1, 4) AS integer)"
        return self.as_sql(compiler, connection, template=template, **extra)


class DigestQuerySet(CompletingQuerySet):
    def published(self, *, now=None):
        """Digests readers may see: published and due (a future date is scheduled)."""
        return self.filter(
            status=Digest.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def years(self):
        """The years of these digests' periods, newest first, as integers."""
        return list(
            self.annotate(year=Year("period_start"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def scheduled(self, *, now=None):
        """Published digests whose time has not come yet: readers see them from then."""
        return self.filter(
            status=Digest.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def newest_first(self):
        return self.order_by("-period_start", "-pk")

    def translation_status(self, *, language, status):
        """Digests whose texts in `language` are all complete, or stale or missing somewhere.

        Sections and the activity list count too, as record_translations last saw them.
        """
        key = f"translation_status__{language}"
        if status == TranslationStatus.COMPLETE:
            return self.filter(**{f"{key}__stale": False, f"{key}__missing": False})
        return self.filter(**{f"{key}__{status}": True})

    def with_contents(self):
        """Everything the digest page shows, in a fixed number of queries."""
        return self.select_related("cover").completed_by(prefetch_contents)

    def neighbours_of(self, digest):
        """The digests just before and just after `digest` here, in one query.

        In Digest.neighbours()'s order; apply it to published() so that they
        are published. Each is found from the archive's index.
        """
        before, after = self._before_and_after(digest.period_start, digest.pk)
        # IN of two values, each this queryset's: filtering the outer query
        # as well would have SQLite test every digest.
        found = [models.Subquery(before.values("pk")[:1]), models.Subquery(after.values("pk")[:1])]
        return self.model.objects.filter(pk__in=found)

    def with_neighbour_links(self, neighbours):
        """These digests, each with what links to the digests just before and just
        after it among `neighbours` (say published()) show: Digest.neighbours().

        Best on a query of one digest, a page's: each link is a subquery.
        """
        before, after = neighbours._before_and_after(
            models.OuterRef("period_start"), models.OuterRef("pk")
        )
        link = JSONObject(**{name: name for name in NEIGHBOUR_LINK_FIELDS})

        def first(found):
            return models.Subquery(
                found.annotate(link=link).values("link")[:1], output_field=models.JSONField()
            )

        return self.annotate(previous_link=first(before), next_link=first(after))

    def _before_and_after(self, start, pk):
        before = self.filter(
            Q(period_start__lt=start) | Q(period_start=start, pk__lt=pk), period_start__lte=start
        ).order_by("-period_start", "-pk")
        after = self.filter(
            Q(period_start__gt=start) | Q(period_start=start, pk__gt=pk), period_start__gte=start
        ).order_by("period_start", "pk")
        return before, after


# What a link to a digest shows: its address and its title, or the period it is made from.
NEIGHBOUR_LINK_FIELDS = [
    "id",
    "slug",
    "period_start",
    "period_end",
    *(f"title_{code}" for code, _name in settings.LANGUAGES),
]


def prefetch_contents(digests):
    """The tags, activity lists and sections (with their tags, campaigns, images and
    public meetings with their topics) of `digests`: five queries however many there are."""
    prefetch_digest_parts(digests)
    sections = [section for digest in digests for section in digest.sections.all()]
    prefetch_sections(sections, also_tags_of=digests)


def prefetch_digest_parts(digests, *, sections=True):
    """The activity lists of `digests` and (with `sections`) their sections, without
    the sections' own parts."""
    lookups = [
        models.Prefetch(
            "action_entries", queryset=DigestAction.objects.select_related("action_item")
        )
    ]
    if sections:
        lookups.append(models.Prefetch("sections", queryset=Section.objects.for_page()))
    models.prefetch_related_objects(digests, *lookups)


def prefetch_sections(sections, *, also_tags_of=()):
    """The public meetings (with their topics) and tags of `sections`, in two queries.

    Read them with Section.objects.for_page().
    """
    models.prefetch_related_objects(
        sections,
        models.Prefetch("meetings", queryset=PartnerMeeting.objects.public().with_topic_texts()),
    )
    prefetch_tags([*also_tags_of, *sections])


class Digest(EditCounted, TranslationSources):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    period_start = models.DateField(_("period starts"), validators=[validate_year])
    period_end = models.DateField(_("period ends"), validators=[validate_year])
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave empty: it is made from the period in each language, "
            "e.g. 'Digest: 10 — 23 January'."
        ),
    )
    headline = models.CharField(
        _("headline"),
        max_length=300,
        blank=True,
        help_text=_("The main news of the period in one sentence. Required to publish."),
    )
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("Two or three sentences that sum up the period.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "The digest's address on the site, the same in every language. Leave empty "
            "to make it from the period (digest-2022-01-10-23); Latin letters, digits and "
            "hyphens only. If you change it, the old address leads readers to the new one."
        ),
        error_messages={"unique": _("Another digest already uses this address. Choose another.")},
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Readers see the digest from this moment. A time in the future schedules it. "
            "Left empty, it is set when you publish."
        ),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    cover = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="digests",
        verbose_name=_("cover"),
        help_text=_(
            "Optional. Type a few words of its description to choose an image of the "
            "library, or click + to upload a new one."
        ),
    )
    closing_call = RichTextField(
        _("closing call to action"),
        help_text=_("The closing words and list, e.g. 'Victory is the business of each of us'."),
    )
    tags = tags_field()
    actions = models.ManyToManyField(
        ActionItem,
        through="DigestAction",
        related_name="digests",
        verbose_name=_("activity list"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the digest list shows and filters by, so that it needs no query
    # per digest; kept by digests.services.record_translations.
    translation_status = models.JSONField(
        _("translation status"), default=dict, blank=True, editable=False
    )
    # Changes whenever anything the digest's sections show changes, so that
    # their kept rendering is used only while it is current (digests/rendering.py).
    contents_version = models.CharField(
        _("contents version"), max_length=16, default=new_contents_version, editable=False
    )

    objects = DigestQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-period_start", "-pk"]
        indexes = [
            # The archive's order with what published() reads: a page's first row
            # (newsroom.pagination.KeysetPaginator), the count and the neighbours
            # are read from the index alone.
            models.Index(
                fields=["status", "period_start", "id", "published_at"],
                name="digest_archive_order",
            ),
        ]
        permissions = [
            ("publish_digest", _("Can publish, schedule, unpublish and edit live digests")),
            ("translate_digest", _("Can translate the texts of digests")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="digest_period_not_reversed",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="digest_published_has_time",
            ),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if (
            self.pk is not None
            and not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            # Only digests.rendering moves contents_version on, in the database:
            # a digest read before its sections changed must not put it back.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "contents_version"
            ]
        if self.slug:
            with transaction.atomic():
                self.keep_former_address()
                return super().save(*args, **kwargs)
        # Two editors saving the same period at once may pick the same slug:
        # the loser takes the next free one instead of failing.
        for _attempt in range(5):
            self.slug = self.unique_slug()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not Digest.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
                    raise
        raise IntegrityError(f"No free address for {self}")

    def get_absolute_url(self):
        return page_address("digests:detail", self.slug)

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period ends before it starts.")
        if self.slug and self.slug.isdigit():
            errors["slug"] = _("An address of digits only is a year of the archive. Add a word.")
        if self.status == self.Status.PUBLISHED and not self.headline_languages:
            errors["headline_" + settings.LANGUAGE_CODE] = _(
                "Write the headline in at least one language before publishing."
            )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # Published without a time is a request to publish now: publish_digest
        # sets the time. The database itself still refuses such a row.
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            exclude = {*(exclude or ()), "published_at"}
        super().validate_constraints(exclude=exclude)

    def translation_parts(self):
        """The digest and everything of it whose texts are translated."""
        return [self, *self.sections.all(), *self.action_entries.all()]

    def current_translation_status(self):
        """{language: {"stale": bool, "missing": bool}} over the digest and all its parts.

        Empty when nothing is written yet.
        """
        summaries = [
            summary for part in self.translation_parts() if (summary := part.translation_summary())
        ]
        if not summaries:
            return {}
        return {
            code: {
                flag: any(summary[code][flag] for summary in summaries)
                for flag in (TranslationStatus.STALE, TranslationStatus.MISSING)
            }
            for code, _name in settings.LANGUAGES
        }

    @property
    def headline_languages(self):
        """The languages the headline is written in, in the site's order."""
        return [code for code, _name in settings.LANGUAGES if getattr(self, f"headline_{code}")]

    @property
    def display_title(self):
        """The editor's title in the current language, else one made from the period."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        title = getattr(self, f"title_{language}", None)
        if title:
            return title
        if self.period_start and self.period_end:
            return period_title(self.period_start, self.period_end, language)
        return str(_("New digest"))

    @property
    def title_with_year(self):
        """display_title with the year, for browser tabs, sharing cards and search engines,
        where a title stands without the page's dates."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        title = getattr(self, f"title_{language}", None)
        if not (self.period_start and self.period_end):
            return self.display_title
        if title:
            return (
                title if str(self.period_end.year) in title else f"{title}, {self.period_end.year}"
            )
        return period_title(self.period_start, self.period_end, language, with_year=True)

    def unique_slug(self):
        base = period_slug(self.period_start, self.period_end)
        slug, number = base, 2
        while Digest.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def keep_former_address(self):
        """A changed address keeps answering: the old one redirects to the new."""
        if self.pk is None:
            return
        stored = Digest.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if stored and stored != self.slug:
            FormerAddress.objects.update_or_create(slug=stored, defaults={"digest": self})
        FormerAddress.objects.filter(slug=self.slug).delete()

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def editable_by(self, user):
        """A published digest (live or scheduled) is changed only by whoever may publish."""
        return self.status != self.Status.PUBLISHED or can_publish(user)

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_visible

    def freeze_activity_list(self):
        """Keep each activity's words as they read now (digests.services.publish_digest)."""
        for entry in self.action_entries.select_related("action_item"):
            if not entry.is_frozen:
                entry.freeze()

    def neighbours(self):
        """The previous and next published digests, by period: (previous, following).

        Read with the digest by DigestQuerySet.with_neighbour_links(), else
        looked up now.
        """
        if "previous_link" in self.__dict__:
            return _linked(self.previous_link), _linked(self.next_link)
        found = Digest.objects.published().neighbours_of(self)
        key = (self.period_start, self.pk)
        previous = next((d for d in found if (d.period_start, d.pk) < key), None)
        following = next((d for d in found if (d.period_start, d.pk) > key), None)
        return previous, following


def _linked(link):
    """A digest as with_neighbour_links() read it (its link's fields only), or None."""
    if link is None:
        return None
    values = dict(link)
    for name in ("period_start", "period_end"):
        if values[name] is not None:
            values[name] = datetime.date.fromisoformat(values[name])
    # from_db() takes the values in the model's order of fields.
    names = [f.attname for f in Digest._meta.concrete_fields if f.attname in values]
    return Digest.from_db(None, names, [values[name] for name in names])


class FormerAddress(models.Model):
    """An address a digest had before an editor changed it; it redirects for good."""

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="former_addresses", verbose_name=_("digest")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        ordering = ["-changed_at", "pk"]

    def __str__(self):
        return self.slug


class DigestAction(TranslationSources):
    """An item of a digest's own activity list, frozen when the digest is published."""

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="action_entries", verbose_name=_("digest")
    )
    action_item = models.ForeignKey(
        ActionItem,
        on_delete=models.PROTECT,
        related_name="digest_entries",
        verbose_name=_("action item"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    wording = models.CharField(
        _("wording in this digest"),
        max_length=400,
        blank=True,
        help_text=_("Optional: say it differently in this digest. Empty uses the item's text."),
    )
    frozen_text = models.CharField(
        _("text as published"), max_length=400, blank=True, editable=False
    )
    frozen_url = models.URLField(_("link as published"), blank=True, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity list")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "action_item"], name="digest_action_once_per_digest"
            ),
        ]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        # Another item chosen for this row: the words frozen for the old one go.
        if self.pk and self.is_frozen:
            stored = DigestAction.objects.filter(pk=self.pk).values_list(
                "action_item_id", flat=True
            )
            if stored.first() != self.action_item_id:
                for language, _name in settings.LANGUAGES:
                    setattr(self, f"frozen_text_{language}", "")
                self.frozen_url = ""
        super().save(*args, **kwargs)

    def clean(self):
        digest = getattr(self, "digest", None)
        item = getattr(self, "action_item", None)
        if not (digest and item and digest.period_start and digest.period_end):
            return
        if digest.period_end < digest.period_start:
            return  # The digest's own error says so; no item fits a reversed period.
        if (
            not ActionItem.objects.active_during(digest.period_start, digest.period_end)
            .filter(pk=item.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "action_item": _(
                        "'%(item)s' was not active during this digest's period "
                        "(%(start)s – %(end)s). Change the item's dates or choose another."
                    )
                    % {
                        "item": item,
                        "start": long_date(digest.period_start),
                        "end": long_date(digest.period_end),
                    }
                }
            )

    @property
    def is_frozen(self):
        return any(
            getattr(self, f"frozen_text_{language}") for language, _name in settings.LANGUAGES
        )

    def freeze(self):
        """Keep the item's words as they read now, whatever happens to the item later."""
        item = self.action_item
        for language, _name in settings.LANGUAGES:
            setattr(self, f"frozen_text_{language}", getattr(item, f"text_{language}") or "")
        self.frozen_url = item.url
        self.save()

    def _source(self):
        # The reader's language before any fallback: a wording written only in
        # English must not hide the Russian words the digest was published with.
        words = (self, "frozen_text") if self.is_frozen else (self.action_item, "text")
        for language in fallback_chain():
            for obj, field in ((self, "wording"), words):
                if getattr(obj, f"{field}_{language}", None):
                    return obj, field, language
        return self.action_item, "text", None

    @property
    def text(self):
        obj, field, language = self._source()
        return getattr(obj, f"{field}_{language}") if language else getattr(obj, field)

    @property
    def text_language(self):
        return self._source()[2]

    @property
    def url(self):
        # Frozen means frozen: an item that had no link then gets none later.
        return self.frozen_url if self.is_frozen else self.action_item.url


class SectionQuerySet(models.QuerySet):
    def published(self):
        """Sections readers may see: those of published digests."""
        # EXISTS for each section, not IN (all published digests): the database
        # starts from the sections asked for (a campaign's, a tag's) and looks
        # up each one's digest, rather than reading every digest's sections.
        return self.filter(
            models.Exists(Digest.objects.published().filter(pk=models.OuterRef("digest_id")))
        )

    def for_page(self):
        """With what a section shows of its campaign and image; prefetch_sections() the rest."""
        return self.select_related("campaign", "image")


class Section(TranslationSources):
    class Kind(models.TextChoices):
        CAMPAIGN_UPDATE = "campaign_update", _("Campaign update")
        PARTNER_MEETING = "partner_meeting", _("Partner meeting")
        INTERNATIONAL = "international", _("International")
        STATEMENT = "statement", _("Statement")
        EVENT = "event", _("Event")
        EXPERT_DISCUSSION = "expert_discussion", _("Expert discussion")
        OTHER = "other", _("Other")

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="sections", verbose_name=_("digest")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(
        _("heading"), max_length=200, blank=True, help_text=_("Required in at least one language.")
    )
    body = RichTextField(_("text"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
        verbose_name=_("campaign"),
        help_text=_("Optional: the campaign this section is about."),
    )
    meetings = models.ManyToManyField(
        PartnerMeeting,
        blank=True,
        related_name="sections",
        verbose_name=_("partner meetings"),
    )
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
        verbose_name=_("image"),
        help_text=_(
            "Optional: an image shown under the heading. Choose one of the library or "
            "click + to upload a new one."
        ),
    )
    tags = tags_field()

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return self.digest.get_absolute_url() + f"#{self.anchor}"

    def clean(self):
        if errors := require_one_language(self, "heading"):
            raise ValidationError(errors)

    @property
    def anchor(self):
        return f"section-{self.pk}"


class SectionsRendering(models.Model):
    """A digest's article as HTML in one language, kept once rendered: its page reads
    one row instead of rendering it (digests/rendering.py)."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="renderings")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    # The digest's contents_version and the code's version it was rendered with.
    contents_version = models.CharField(max_length=16)
    code_version = models.CharField(max_length=64)
    html = models.TextField()
    # The SHA-256 of the HTML's UTF-8: the page's ETag without hashing it again.
    html_sha256 = models.CharField(max_length=64, default="")
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "language"], name="sections_rendering_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.digest_id} {self.language}"


def default_period(today=None):
    """A two-week period ending today, for a new digest."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=13), today


PREVIEW_HOURS_MIN, PREVIEW_HOURS_DEFAULT, PREVIEW_HOURS_MAX = 1, 72, 30 * 24
# 32 random bytes in URL-safe base64: 43 characters, no padding.
PREVIEW_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def hash_preview_token(token):
    """What the database keeps of a preview token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, *, now=None):
        """Links that open their digest: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def for_token(self, token):
        """The active link a token opens, or None; any string may be passed."""
        if not isinstance(token, str) or not PREVIEW_TOKEN.fullmatch(token):
            return None
        return self.active().filter(token_hash=hash_preview_token(token)).first()


class PreviewLink(models.Model):
    """An address showing a digest as last saved, for a reader without an account.

    Only the token's hash is stored: whoever reads the database cannot open
    the previews, and the address is shown once, to the editor who creates it.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("preview link", "Active")
        EXPIRED = "expired", pgettext_lazy("preview link", "Expired")
        REVOKED = "revoked", pgettext_lazy("preview link", "Revoked")

    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("digest")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    note = models.CharField(
        _("note"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optional, seen by staff only: what the link is for, e.g. 'check of the Russian "
            "text'. Better no full names."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        # The emergency lockdown (newsroom.services.lock_down) revokes them all.
        related_name="created_preview_links",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
        editable=False,
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="preview_link_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=Q(revoked_by__isnull=True) | Q(revoked_at__isnull=False),
                name="preview_link_revoked_by_only_when_revoked",
            ),
        ]

    def __str__(self):
        return pgettext("preview link", "Preview of “%(digest)s” until %(time)s") % {
            "digest": self.digest,
            "time": formats.date_format(timezone.localtime(self.expires_at), "DATETIME_FORMAT"),
        }

    def revoke(self, *, by, now=None):
        """Close this address for good, and say so in the audit log (`by` None: a command)."""
        self.revoked_at = now or timezone.now()
        self.revoked_by = by
        self.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            audit.Action.PREVIEW_REVOKED,
            actor=by,
            target=self.digest,
            detail={"preview_link": self.pk},
        )

    @property
    def status(self):
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.ACTIVE
