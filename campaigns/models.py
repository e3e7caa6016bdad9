from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Replace
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname

from newsroom.i18n import long_date, page_address, require_one_language
from newsroom.models import CompletingQuerySet, EditCounted, Person
from newsroom.richtext import RichTextField
from newsroom.tags import tags_field


class CampaignQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Campaign.Status.ACTIVE)

    def with_current_action_count(self, *, on=None):
        """Each campaign with `current_action_count`, its items on today's list: one query."""
        return self.annotate(
            current_action_count=models.Count(
                "action_items",
                filter=Q(action_items__in=ActionItem.objects.current(on=on)),
            )
        )

    def active_first(self):
        return self.order_by(
            models.Case(
                models.When(status=Campaign.Status.ACTIVE, then=0),
                default=1,
            ),
            "-starts_on",
            "pk",
        )


class Campaign(EditCounted):
    class Kind(models.TextChoices):
        REFERENDUM = "referendum", _("Referendum")
        POPULAR_SANCTIONS = "popular_sanctions", _("Popular sanctions")
        MUSEUM_DONATIONS = "museum_donations", _("Museum donations")
        SOLIDARITY = "solidarity", _("Solidarity with the repressed")
        EXPERT_DISCUSSIONS = "expert_discussions", _("Expert discussions")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    name = models.CharField(
        pgettext_lazy("of a campaign", "name"),
        max_length=200,
        blank=True,
        help_text=_("Required in at least one language."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The campaign's address on the site: Latin letters, digits and hyphens."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown in lists of campaigns."),
    )
    body = RichTextField(_("text"), help_text=_("The full description on the campaign's page."))
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty while it goes on.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    tags = tags_field()

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "pk"]
        permissions = [("translate_campaign", _("Can translate the texts of campaigns"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_address("campaigns:detail", self.slug)

    def clean(self):
        errors = require_one_language(self, "name")
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)


class CampaignLink(models.Model):
    """A call-to-action link of a campaign, e.g. the Voice platform or a chatbot."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="links", verbose_name=_("campaign")
    )
    label = models.CharField(
        _("label"),
        max_length=120,
        blank=True,
        help_text=_(
            "What the reader does, e.g. 'Register on Voice'. Required in at least one language."
        ),
    )
    url = models.URLField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("call-to-action link")
        verbose_name_plural = _("call-to-action links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        if errors := require_one_language(self, "label"):
            raise ValidationError(errors)


class ActionItemQuerySet(models.QuerySet):
    def current(self, *, on=None):
        """Items to show in "the list of activities for today" on a date."""
        on = on or timezone.localdate()
        return self.filter(
            Q(active_until__isnull=True) | Q(active_until__gte=on),
            active_from__lte=on,
        )

    def expired(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(active_until__lt=on)

    def upcoming(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(active_from__gt=on)

    def current_and_upcoming(self, *, on=None):
        """Items shown on a date or later: what a reader's calendar should hold."""
        return self.current(on=on) | self.upcoming(on=on)

    def active_during(self, start, end):
        """Items whose window overlaps the period from start to end."""
        return self.filter(
            Q(active_until__isnull=True) | Q(active_until__gte=start),
            active_from__lte=end,
        )


class ActionItem(EditCounted):
    """One call to action in the registry behind "the list of activities for today"."""

    text = models.CharField(
        _("text"),
        max_length=300,
        blank=True,
        help_text=_(
            "A short imperative sentence, e.g. 'Register on the Voice platform'. "
            "Required in at least one language."
        ),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Optional: why and how, in a few sentences.")
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Optional: where to do it."))
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("campaign"),
    )
    active_from = models.DateField(
        _("shown from"), default=timezone.localdate, help_text=_("First day it is shown.")
    )
    active_until = models.DateField(
        _("shown until"),
        null=True,
        blank=True,
        help_text=_("Last day it is shown. Leave empty for a standing item; it ends by itself."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first in today's list.")
    )
    # When feeds and calendars last saw a change: their dates must not be "now".
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["position", "active_from", "pk"]
        permissions = [("translate_actionitem", _("Can translate the texts of action items"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="action_item_window_not_reversed",
            ),
        ]
        indexes = [
            # current(): the few items still running found without reading the
            # years of ended ones (each half of its OR from the index).
            models.Index(fields=["active_until", "active_from"], name="action_item_window"),
        ]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        # A save of some fields only (ending an item, say) is a change all the same.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        return super().save(*args, **kwargs)

    def clean(self):
        errors = require_one_language(self, "text")
        if self.active_until and self.active_from and self.active_until < self.active_from:
            errors["active_until"] = _("The last day is before the first day.")
        if errors:
            raise ValidationError(errors)

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.active_from <= on and (self.active_until is None or self.active_until >= on)


# Separators of the topic records with_topic_texts() reads in one column; they
# are taken out of the texts, where they have no business anyway.
TOPIC_SEPARATOR = "\x1f"
FIELD_SEPARATOR = "\x1e"


class PartnerMeetingQuerySet(CompletingQuerySet):
    def public(self):
        return self.filter(is_public=True)

    def with_topic_texts(self):
        """Each meeting with its topics, in every language, without a query of their own.

        The topics come in one column of the meetings' query, read back into
        MeetingTopic objects that `meeting.topics.all` returns, in their order.
        """
        fields = [Cast("pk", models.TextField()), Cast("position", models.TextField())]
        for code in topic_languages():
            text = Coalesce(build_localized_fieldname("text", code), Value(""))
            for separator in (TOPIC_SEPARATOR, FIELD_SEPARATOR):
                text = Replace(text, Value(separator), Value(""))
            fields.append(text)
        record = Concat(
            *(
                part
                for index, field in enumerate(fields)
                for part in ((Value(FIELD_SEPARATOR), field) if index else (field,))
            ),
            output_field=models.TextField(),
        )
        records = (
            MeetingTopic.objects.filter(meeting=OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(records=StringAgg(record, Value(TOPIC_SEPARATOR)))
            .values("records")
        )
        return self.annotate(topic_records=Subquery(records)).completed_by(attach_topics)


def topic_languages():
    return list(translation_settings.AVAILABLE_LANGUAGES)


def attach_topics(meetings):
    """Read each meeting's `topic_records` back into the topics `meeting.topics.all` returns."""
    languages = topic_languages()
    for meeting in meetings:
        topics = []
        records = meeting.topic_records.split(TOPIC_SEPARATOR) if meeting.topic_records else []
        for record in records:
            pk, position, *texts = record.split(FIELD_SEPARATOR)
            topic = MeetingTopic(
                pk=int(pk),
                meeting=meeting,
                position=int(position),
                **{
                    build_localized_fieldname("text", code): text
                    for code, text in zip(languages, texts, strict=True)
                },
            )
            topic._state.adding = False
            topic._state.db = meeting._state.db
            topics.append(topic)
        topics.sort(key=lambda topic: (topic.position, topic.pk))
        # As prefetch_related() leaves it: the queryset of the relation, already read.
        queryset = meeting.topics.all()
        queryset._result_cache = topics
        queryset._prefetch_done = True
        meeting._prefetched_objects_cache = {
            **getattr(meeting, "_prefetched_objects_cache", {}),
            "topics": queryset,
        }


class PartnerMeeting(EditCounted):
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    representatives = models.ManyToManyField(
        Person,
        blank=True,
        related_name="meetings",
        verbose_name=_("represented the office"),
    )
    counterpart_name = models.CharField(
        _("counterpart's name"),
        max_length=200,
        blank=True,
        help_text=_("Required in at least one language."),
    )
    counterpart_title = models.CharField(
        _("counterpart's title"), max_length=200, blank=True, help_text=_("E.g. 'Ambassador'.")
    )
    counterpart_organisation = models.CharField(
        _("counterpart's organisation"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Embassy of Switzerland in Poland'."),
    )
    country = CountryField(_("country"), blank=True, help_text=_("The counterpart's country."))
    notes = RichTextField(_("notes"))
    campaigns = models.ManyToManyField(
        Campaign, blank=True, related_name="meetings", verbose_name=_("campaigns")
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Untick to keep this meeting internal: it will never appear on the site."),
    )

    objects = PartnerMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner meeting")
        verbose_name_plural = _("partner meetings")
        ordering = ["-date", "pk"]
        permissions = [
            ("translate_partnermeeting", _("Can translate the texts of partner meetings"))
        ]

    def __str__(self):
        return f"{long_date(self.date)} — {self.counterpart_name}"

    def get_absolute_url(self):
        return page_address("campaigns:meeting", self.pk)

    def clean(self):
        if errors := require_one_language(self, "counterpart_name"):
            raise ValidationError(errors)


class MeetingTopic(models.Model):
    meeting = models.ForeignKey(
        PartnerMeeting,
        on_delete=models.CASCADE,
        related_name="topics",
        verbose_name=_("partner meeting"),
    )
    text = models.CharField(
        _("topic"), max_length=300, blank=True, help_text=_("Required in at least one language.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if errors := require_one_language(self, "text"):
            raise ValidationError(errors)
