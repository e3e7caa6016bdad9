import hashlib
import json

from axes.conf import settings as axes_settings
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from taggit.models import GenericTaggedItemBase, NaturalKeyManager, TagBase

from .i18n import fallback_chain, is_written, require_one_language, text_hash
from .prepared import Prepared
from .svg import CleanSVGField
from .uploads import (
    CleanImageField,
    delete_with_renditions,
    fallback_format,
    make_renditions,
    rendition_height,
    rendition_names,
    validate_image_file,
    validate_touch_icon,
)


class CompletingQuerySet(models.QuerySet):
    """A QuerySet that completes its model rows once they are read.

    `completed_by(function)` returns a copy that, the first time it is read,
    calls `function(rows)` on the rows: for data read in a fixed number
    of queries beside them (a prefetch Django cannot express). Copies of the
    queryset (filter(), order_by(), a Prefetch) keep the functions.
    """

    _completions = ()

    def completed_by(self, function):
        clone = self._chain()
        clone._completions = (*self._completions, function)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._completions = self._completions
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if fetched or self._iterable_class is not models.query.ModelIterable:
            return
        for function in self._completions:
            function(self._result_cache)


class EditCounted(models.Model):
    """A record that counts its saves, so that a form opened before someone
    else's save refuses to overwrite it (newsroom.admin_history)."""

    edit_count = models.PositiveIntegerField(_("times saved"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.edit_count += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "edit_count"}
        return super().save(*args, **kwargs)


def validate_security_contact(value):
    if value.startswith("https://"):
        URLValidator(schemes=["https"])(value)
        return
    try:
        validate_email(value.removeprefix("mailto:"))
    except ValidationError:
        raise ValidationError(
            _("Give an e-mail address or an address starting with https://.")
        ) from None


class SiteSettings(models.Model):
    """The one row of site-wide settings; use SiteSettings.load()."""

    site_name = models.CharField(
        _("site name"),
        max_length=120,
        default="",
        help_text=_("Shown at the top of every page and in browser tabs."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("A short line under the site name, e.g. who publishes the site."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown in the footer. Leave empty to show none."),
    )
    sharing_image = models.ForeignKey(
        "Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_(
            "The picture shown when a page without a cover of its own is shared in a "
            "messenger or a social network, and to search engines. Best 1600 pixels wide "
            "or more, about twice as wide as it is high."
        ),
    )
    security_contact = models.CharField(
        _("security contact"),
        max_length=300,
        blank=True,
        validators=[validate_security_contact],
        help_text=_(
            "An e-mail address or an https:// address where anyone who finds a security "
            "problem with the site can report it. It is published at "
            "/.well-known/security.txt; left empty, the contact e-mail is published there."
        ),
    )
    logo = CleanSVGField(
        _("logo"),
        upload_to="site/",
        blank=True,
        help_text=_(
            "An SVG file shown at the top of every page instead of the site name, and "
            "as the icon in browser tabs. Scripts, links and anything loaded from other "
            "sites are removed on upload. Leave empty to show the site name."
        ),
    )
    # A phone's home screen wants a PNG, and turning an SVG into one needs a
    # rasteriser (cairo) the site does without: the editor uploads it.
    touch_icon = CleanImageField(
        _("home screen icon"),
        upload_to="site/",
        blank=True,
        validators=[validate_image_file, validate_touch_icon],
        help_text=_(
            "A square PNG, 180 × 180 pixels, shown when a reader adds the site to a "
            "phone's home screen. Leave empty to use the white-red-white flag."
        ),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_singleton"),
        ]

    def __str__(self):
        return str(_("Site settings"))

    @classmethod
    def load(cls):
        """The settings with their sharing image and social links, in one query."""
        rows = _site_settings_rows()
        if not rows:
            settings, _created = cls.objects.get_or_create(pk=1, defaults={"site_name": "Newsroom"})
            return settings
        return _settings_from_rows(rows)

    @classmethod
    def for_request(cls, request):
        """The settings a page shows: read once per request however many views and
        templates ask, and made into objects only when they have changed.

        The same query as load(), as plain values: while every value read is the
        same as the last time, this process's page shows the objects made then,
        which no page changes (an editor's form gets its own, from load()).
        """
        if not hasattr(request, "_site_settings"):
            rows = tuple(_site_settings_rows())
            shown = _shown_settings.get("default")
            if shown is not None and shown[0] == rows:
                request._site_settings = shown[1]
            elif rows:
                request._site_settings = _settings_from_rows(rows)
                _shown_settings["default"] = (rows, request._site_settings)
            else:
                request._site_settings = cls.load()
        return request._site_settings

    @cached_property
    def fingerprint(self):
        """A hash of everything the settings show: their fields, sharing image and links."""
        rows = [self, self.sharing_image, *self.social_profiles]
        values = [
            [
                (field.attname, str(getattr(row, field.attname)))
                for field in row._meta.concrete_fields
            ]
            for row in rows
            if row is not None
        ]
        return hashlib.sha256(repr(values).encode()).hexdigest()

    @cached_property
    def social_profiles(self):
        """The social links, fetched once however many parts of a page show them."""
        return list(self.social_links.all())

    def security_contact_uri(self):
        """The Contact line of security.txt: the security contact, else the contact e-mail."""
        contact = self.security_contact or self.contact_email
        if contact and "@" in contact and not contact.startswith(("https://", "mailto:")):
            return f"mailto:{contact}"
        return contact


def _site_settings_columns():
    """The columns of the settings, their sharing image and a social link, as model order."""
    return tuple(
        [field.attname for field in model._meta.concrete_fields]
        for model in (SiteSettings, Image, SocialLink)
    )


def _site_settings_query():
    # Every page shows all three: one row per link (one row when there is
    # none), as values, made into objects by _settings_from_rows(). Names as
    # they are: modeltranslation would read "site_name" in the page's language.
    own, image, link = _site_settings_columns()
    return (
        SiteSettings.objects.rewrite(False)
        .order_by("pk", "social_links__position", "social_links__pk")
        .values_list(
            *own,
            *(f"sharing_image__{name}" for name in image),
            *(f"social_links__{name}" for name in link),
        )
    )


def _settings_from_rows(rows, using="default"):
    own, image, link = _site_settings_columns()
    image_at, link_at = len(own), len(own) + len(image)
    first = rows[0]
    settings = SiteSettings.from_db(using, own, first[:image_at])
    sharing_image = None
    if first[image_at + image.index("id")] is not None:
        sharing_image = Image.from_db(using, image, first[image_at:link_at])
    SiteSettings._meta.get_field("sharing_image").set_cached_value(settings, sharing_image)
    settings.__dict__["social_profiles"] = [
        SocialLink.from_db(using, link, row[link_at:])
        for row in rows
        if row[link_at + link.index("id")] is not None
    ]
    return settings


# Every page reads them: the SQL is made once per process (newsroom/prepared.py).
_site_settings_rows = Prepared(_site_settings_query)
# The values for_request() last read in this process, and the objects made of them.
_shown_settings = {}


class SocialLink(models.Model):
    class Network(models.TextChoices):
        TELEGRAM = "telegram", "Telegram"
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        OTHER = "other", _("Other")

    site = models.ForeignKey(
        SiteSettings,
        on_delete=models.CASCADE,
        related_name="social_links",
        verbose_name=_("site settings"),
    )
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty to show the network's name."),
    )
    url = models.URLField(_("address"), help_text=_("The full address, starting with https://"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("social link")
        verbose_name_plural = _("social links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label or self.get_network_display()


class Person(models.Model):
    """Someone who represents the office, e.g. in partner meetings."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Head of the office'. Shown next to the name."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _described_in_a_language():
    described = Q()
    for code, _name in settings.LANGUAGES:
        described |= Q(**{f"alt_{code}__isnull": False}) & ~Q(**{f"alt_{code}": ""})
    return described


SRC_WIDTH = 960
# Facebook and Telegram show a large card from 1200 pixels wide.
SHARING_WIDTH = 1200


class ImageQuerySet(models.QuerySet):
    def delete(self):
        # The admin's bulk delete comes here, not through Image.delete.
        files = list(self.values_list("file", "width"))
        result = super().delete()
        Image.remove_files_when_unused(files)
        return result


class Image(models.Model):
    """A picture of the media library, uploaded once and used by digests and sections."""

    file = CleanImageField(
        _("image file"),
        upload_to="images/%Y/",
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG or WebP. Location and camera data are removed on upload, and "
            "smaller copies are made for phones."
        ),
    )
    # After `file`: its pre_save fills them in from the cleaned image.
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    alt = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it, e.g. 'Protesters with "
            "white-red-white flags in Vilnius'. Required in at least one language."
        ),
    )
    credit = models.CharField(
        _("credit or source"),
        max_length=200,
        blank=True,
        help_text=_("Who took or made the image, or where it comes from, e.g. 'Photo: Reuters'."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=_described_in_a_language(),
                name="image_described_in_a_language",
            ),
        ]

    def __str__(self):
        description = Truncator(self.alt).chars(80) if self.alt else self.file.name
        return f"{description} ({self.credit})" if self.credit else description

    def save(self, *args, **kwargs):
        uploaded = bool(self.file) and not self.file._committed
        previous = None
        if uploaded and self.pk:
            previous = Image.objects.filter(pk=self.pk).values_list("file", "width").first()
        super().save(*args, **kwargs)
        if uploaded:
            make_renditions(self.file.storage, self.file.name)
        if previous and previous[0] != self.file.name:
            Image.remove_files_when_unused([previous])

    def delete(self, *args, **kwargs):
        files = [(self.file.name, self.width)]
        result = super().delete(*args, **kwargs)
        Image.remove_files_when_unused(files)
        return result

    def clean(self):
        description = _(
            "Describe the image for readers who cannot see it, in at least one "
            "language (%(languages)s)."
        )
        if errors := require_one_language(self, "alt", message=description):
            raise ValidationError(errors)

    @staticmethod
    def remove_files_when_unused(files):
        """Delete originals and renditions once the deletion is committed and no image uses them.

        `files` holds (name, width) pairs. A rolled-back change keeps its files.
        """
        storage = Image._meta.get_field("file").storage

        def remove():
            used = set(
                Image.objects.filter(file__in=[name for name, _width in files]).values_list(
                    "file", flat=True
                )
            )
            for name, width in files:
                if name and name not in used:
                    delete_with_renditions(storage, name, width)

        transaction.on_commit(remove)

    @property
    def fallback_format(self):
        """The format for browsers without WebP: "JPEG" or "PNG" (newsroom/uploads.py)."""
        return fallback_format(self.file.name)

    def renditions(self, image_format):
        """[(name, width)] of one format, narrowest first."""
        return rendition_names(self.file.name, self.width)[image_format]

    def srcset(self, image_format):
        storage = self.file.storage
        return ", ".join(
            f"{storage.url(name)} {width}w" for name, width in self.renditions(image_format)
        )

    def sharing_rendition(self):
        """(url, width, height) of the copy for sharing cards: the narrowest at least
        SHARING_WIDTH wide, else the widest, in the format every reader takes."""
        renditions = self.renditions(self.fallback_format)
        name, width = next(((n, w) for n, w in renditions if w >= SHARING_WIDTH), renditions[-1])
        return self.file.storage.url(name), width, rendition_height(self.width, self.height, width)

    def fallback_rendition(self):
        """The stored name of a middle-sized JPEG or PNG copy, for whoever reads no srcset."""
        renditions = self.renditions(self.fallback_format)
        fitting = [name for name, width in renditions if width <= SRC_WIDTH] or [renditions[0][0]]
        return fitting[-1]

    def fallback_src(self):
        """A middle-sized copy for browsers that do not read srcset."""
        return self.file.storage.url(self.fallback_rendition())


class EditorPreference(models.Model):
    """How one editor likes the admin's translated forms, kept across browsers and devices."""

    class ContentLanguage(models.TextChoices):
        ALL = "all", _("All languages")
        BE = "be", _("Belarusian")
        RU = "ru", _("Russian")
        EN = "en", _("English")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_preference",
        verbose_name=_("editor"),
    )
    content_language = models.CharField(
        _("language of the fields"),
        max_length=3,
        choices=ContentLanguage.choices,
        default=ContentLanguage.ALL,
        help_text=_(
            "Which language's fields the admin's forms show; the switch above each form sets it."
        ),
    )

    class Meta:
        verbose_name = _("editor's preference")
        verbose_name_plural = _("editors' preferences")
        ordering = ["user"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(content_language__in=["all", "be", "ru", "en"]),
                name="editor_preference_known_language",
            ),
        ]

    def __str__(self):
        return str(self.user)


def strip_hash(name):
    """A tag as typed, without the leading '#' the site shows by itself."""
    return name.strip().lstrip("#").strip()


class TagQuerySet(models.QuerySet):
    """Tags are attached to digests, sections and campaigns, which this app does not
    import: "published" is reached through the relations, so it stays defined once."""

    def _published_digests(self):
        digest_model = self.model._meta.get_field("digest").related_model
        return digest_model.objects.published()

    def on_published_digests(self):
        """Tags of published digests: what the archive can be filtered by."""
        return self.filter(self._on("digest", self._published_digests()))

    def public(self):
        """Tags readers may see: on a published digest or its sections, or on a campaign.

        A tag used only by drafts would otherwise announce what is being prepared.
        """
        published = self._published_digests()
        sections = self.model._meta.get_field("section").related_model.objects
        campaigns = self.model._meta.get_field("campaign").related_model.objects
        return self.filter(
            self._on("digest", published)
            | self._on("section", sections.filter(digest__in=published))
            | self._on("campaign", campaigns.all())
        )

    def _on(self, relation, objects):
        """Whether a tag is on one of `objects`, reached by `relation` ("digest").

        An EXISTS for each tag rather than a join: the database stops at the
        first tagged row instead of joining every tagged row and removing
        duplicates (38 ms to well under one on 10,000 digests).
        """
        return models.Exists(
            TaggedItem.objects.filter(
                models.Exists(objects.filter(pk=models.OuterRef("object_id"))),
                tag=models.OuterRef("pk"),
                content_type=ContentType.objects.get_for_model(objects.model),
            )
        )

    def in_name_order(self):
        """A list, sorted by the name readers see, whatever its case.

        Sorted here rather than by the database: SQLite lowercases Latin letters only.
        """
        return sorted(self, key=lambda tag: (str(tag).casefold(), tag.slug))

    def matching(self, name):
        """Tags an editor means by typing `name`: the same name in any language, or the
        same address ("Рэферэндум" and "referendum" are one tag)."""
        name = strip_hash(name)
        same_name = models.Q()
        for code, _language in settings.LANGUAGES:
            same_name |= models.Q(**{f"name_{code}__iexact": name})
        return self.filter(same_name | models.Q(slug=self.model().slugify(name)))

    def get_or_create_for(self, name):
        """The tag `name` means, or a new one named so in the current language."""
        name = strip_hash(name)
        language = translation.get_language() or settings.LANGUAGE_CODE
        matches = list(self.matching(name).order_by("pk"))
        for tag in matches:
            if (getattr(tag, f"name_{language}") or "").casefold() == name.casefold():
                return tag
        if matches:
            return matches[0]
        tag = self.model(**{f"name_{language}": name})
        tag.save()
        return tag


class TagManager(NaturalKeyManager.from_queryset(TagQuerySet)):
    pass


class Tag(TagBase):
    """A tag with a name per language and one Latin address shared by all of them."""

    name = models.CharField(pgettext_lazy("a tag", "name"), max_length=100, blank=True)
    slug = models.SlugField(
        pgettext_lazy("a tag", "address"),
        max_length=100,
        unique=True,
        help_text=_(
            "Made once from the English name (or the name in another language when there "
            "is none) and never changed, so links to the tag keep working."
        ),
    )

    natural_key_fields = ["slug"]
    objects = TagManager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(slug=""), name="tag_slug_not_empty"),
            # One tag per name in each language, whatever the case ("Voice", "voice").
            models.UniqueConstraint(
                Lower("name_be"),
                name="tag_name_be_unique",
                violation_error_message=_("Another tag already has this name in Belarusian."),
            ),
            models.UniqueConstraint(
                Lower("name_ru"),
                name="tag_name_ru_unique",
                violation_error_message=_("Another tag already has this name in Russian."),
            ),
            models.UniqueConstraint(
                Lower("name_en"),
                name="tag_name_en_unique",
                violation_error_message=_("Another tag already has this name in English."),
            ),
        ]

    def __str__(self):
        return self.name or self.slug

    def save(self, *args, **kwargs):
        self.strip_names()
        if self._state.adding and not self.slug:
            # TagBase.save() makes the slug from self.name, which reads the current
            # language; the address must not depend on who created the tag.
            self.slug = self.make_slug()
            if not self.slug:
                raise ValidationError(self.unusable_message())
        super().save(*args, **kwargs)

    def clean(self):
        self.strip_names()
        message = _("Give the tag a name in at least one language.")
        if errors := require_one_language(self, "name", message=message):
            raise ValidationError(errors)
        if self._state.adding and not self.slug and not self.slugify(self.slug_source()):
            raise ValidationError(self.unusable_message())

    def unusable_message(self):
        return _("A tag needs at least one letter or digit in its name: %(name)s") % {
            "name": self.slug_source()
        }

    def strip_names(self):
        """Drop a leading '#' from every language's name; the names left, by language."""
        names = {}
        for code, _language in settings.LANGUAGES:
            field = f"name_{code}"
            value = strip_hash(getattr(self, field) or "")
            setattr(self, field, value or None)
            if value:
                names[code] = value
        return names

    def slug_source(self):
        names = self.strip_names()
        for code in ["en", *fallback_chain(settings.LANGUAGE_CODE)]:
            if names.get(code):
                return names[code]
        return ""

    def make_slug(self):
        """The address from the name, with taggit's rules and a number when it is taken."""
        base = self.slugify(self.slug_source())
        slug, number = base, 1
        while type(self)._default_manager.filter(slug=slug).exists():
            slug = self.slugify(self.slug_source(), number)
            number += 1
        return slug


class TaggedItem(GenericTaggedItemBase):
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_items", verbose_name=_("tag")
    )

    class Meta:
        verbose_name = _("tagged item")
        verbose_name_plural = _("tagged items")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # From a tag to what it is on (TagQuerySet._on): a few index reads per
            # tag instead of hashing every tagged row.
            models.Index(fields=["tag", "content_type", "object_id"], name="tagged_item_by_tag"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "tag"], name="tagged_item_once"
            ),
        ]

    def __str__(self):
        return f"{self.content_object} #{self.tag}"


class AuditEntry(models.Model):
    """One line of the audit log: who did what to which object, and when.

    Entries are only ever added (`newsroom.audit.record`). Each stores the
    hash of the one before it, so a changed or removed entry breaks the
    chain and `manage.py verify_audit_log` names the first broken link.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("logged in")
        LOGOUT = "logout", _("logged out")
        LOGIN_FAILED = "login_failed", _("failed to log in")
        LOCKED_OUT = "locked_out", _("locked out")
        UNLOCKED = "unlocked", _("unlocked")
        SECOND_FACTOR_ADDED = "second_factor_added", _("second factor enrolled")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("second factor removed")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        SESSIONS_ENDED = "sessions_ended", _("sessions ended")
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        UNPUBLISHED = "unpublished", _("unpublished")
        DELETED = "deleted", _("deleted")
        RESTORED = "restored", _("restored")
        ROLE_CHANGED = "role_changed", _("roles changed")
        PREVIEW_CREATED = "preview_created", _("preview link created")
        PREVIEW_REVOKED = "preview_revoked", _("preview link revoked")
        LOCKDOWN = "lockdown", _("emergency lockdown")

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    # The user name as it was, kept when the account is renamed or removed,
    # and the only trace of a failed log-in for a name that does not exist.
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("what"), max_length=32, choices=Action, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        default_permissions = ["view"]
        permissions = [("lockdown_user", _("Can lock down a staff account in an emergency"))]

    def __str__(self):
        return f"{self.actor_name or '—'} {self.get_action_display()} {self.target_repr}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Audit log entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Audit log entries cannot be deleted."))

    def compute_hash(self):
        """The hash of this entry's contents chained to the previous entry's hash."""
        contents = {
            "previous": self.previous_hash,
            "created_at": self.created_at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_repr": self.target_repr,
            "detail": self.detail,
        }
        encoded = json.dumps(contents, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()


class TranslationStatus(models.TextChoices):
    """How one language's text of a translated field stands."""

    COMPLETE = "complete", pgettext_lazy("translation status", "complete")
    STALE = "stale", pgettext_lazy("translation status", "stale")
    MISSING = "missing", pgettext_lazy("translation status", "missing")

    @classmethod
    def of_summary(cls, summary):
        """[(language, statuses)] of a summary such as translation_summary() makes.

        A language is complete, or stale, missing or both somewhere.
        """
        return [
            (
                code,
                [status for status in (cls.STALE, cls.MISSING) if flags[status]] or [cls.COMPLETE],
            )
            for code, flags in summary.items()
        ]


class TranslationSources(models.Model):
    """Translated texts that remember what each translation was made from.

    `translation_sources` keeps, per translated field and written language,
    the hash of that text as last recorded and, for a translation, the
    language it was made from with the hash of that language's text then:
    {"headline": {"be": {"text": h1}, "ru": {"text": h2, "from": "be", "source": h1}}}.
    Once the source's text no longer has that hash, the translation is stale.
    The services record it after each save (digests.services.record_translations).
    """

    translation_sources = models.JSONField(
        _("translation sources"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @classmethod
    def translated_fields(cls):
        """The fields editors translate, in the model's order."""
        names = translator.get_options_for_model(cls).all_fields
        return [f.name for f in cls._meta.fields if f.name in names and f.editable]

    def texts(self, field):
        """{language: text} of one translated field, in the site's order."""
        return {
            code: getattr(self, build_localized_fieldname(field, code)) or ""
            for code, _name in settings.LANGUAGES
        }

    def translated_from(self, field, language):
        """The language this text was translated from; None for an original."""
        return self.translation_sources.get(field, {}).get(language, {}).get("from")

    def text_status(self, field, language):
        """Complete, stale or missing; None when the field is written in no language."""
        texts = self.texts(field)
        written = [code for code, text in texts.items() if is_written(text)]
        if not written:
            return None
        if language not in written:
            return TranslationStatus.MISSING
        entry = self.translation_sources.get(field, {}).get(language, {})
        source = entry.get("from")
        if source in written and entry.get("source") != text_hash(texts[source]):
            return TranslationStatus.STALE
        return TranslationStatus.COMPLETE

    def text_statuses(self, language):
        """{field: status} of this object's fields that are written in some language."""
        statuses = {field: self.text_status(field, language) for field in self.translated_fields()}
        return {field: status for field, status in statuses.items() if status}

    def translation_summary(self):
        """{language: {"stale": bool, "missing": bool}} of this object's own texts.

        Empty when nothing is written yet: there is nothing to translate.
        """
        summary = {}
        for code, _name in settings.LANGUAGES:
            statuses = set(self.text_statuses(code).values())
            if not statuses:
                return {}
            summary[code] = {
                TranslationStatus.STALE: TranslationStatus.STALE in statuses,
                TranslationStatus.MISSING: TranslationStatus.MISSING in statuses,
            }
        return summary

    def record_translation_sources(self, *, translating=None, checked=()):
        """Remember what each text changed since the last record was translated from.

        A changed translation keeps the language it was made from, a changed
        original stays an original. A new text comes from a language written
        before it (an original first, in the site's order); a text written
        when no other was, or together with all the others, is an original.
        `translating` is the translator's view's (source, target) pair: it
        names the source outright, and makes a target text that counted as an
        original a translation of the source. `checked` holds (field, language) pairs of
        translations an editor confirmed still match their source. The caller
        saves the object.
        """
        records = {}
        for field in self.translated_fields():
            hashes = {
                code: text_hash(text)
                for code, text in self.texts(field).items()
                if is_written(text)
            }
            old = self.translation_sources.get(field, {})
            record = {}
            for code, fingerprint in hashes.items():
                previous = old.get(code, {})
                # Saved in the translator's view, a text taken for an original
                # becomes the translation of the chosen original.
                declared = (
                    translating
                    and code == translating.target
                    and translating.source in hashes
                    and "from" not in previous
                    and old.get(translating.source, {}).get("from") != code
                )
                unchanged = previous.get("text") == fingerprint
                if unchanged and (field, code) not in checked and not declared:
                    record[code] = previous
                    continue
                # An original stays one, a translation keeps its source; a new text
                # comes from a language written before it.
                source = previous.get("from") if previous else self._earlier(code, hashes, old)
                if translating and code == translating.target:
                    source = translating.source
                if source not in hashes or source == code:
                    source = None
                record[code] = {"text": fingerprint}
                if source:
                    record[code] |= {"from": source, "source": hashes[source]}
            if record:
                records[field] = record
        self.translation_sources = records

    @staticmethod
    def _earlier(code, hashes, old):
        # A language written before this text, not itself translated from it.
        earlier = [c for c in hashes if c != code and c in old and old[c].get("from") != code]
        originals = [c for c in earlier if "from" not in old[c]]
        return (originals or earlier or [None])[0]


class StaffSession(models.Model):
    """A browser a staff member is logged in with: for "Your sessions" and to end it.

    It holds the session's key, as the session table itself does, because
    ending a session means removing it from the session store; it never holds
    an address. Kept up to date by newsroom.sessions, at most once a minute.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_sessions",
    )
    session_key = models.CharField(max_length=40, unique=True, editable=False)
    device = models.CharField(
        _("device"),
        max_length=100,
        blank=True,
        help_text=_("The browser and system, as the browser named them when logging in."),
    )
    started_at = models.DateTimeField(_("logged in at"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last active"), default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at", "-pk"]
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")
        default_permissions = []

    def __str__(self):
        return f"{self.user} · {self.device or '—'}"


class LoginFailures(AccessAttempt):
    """django-axes' count of failed log-ins for one user name, shown in the admin.

    Axes keeps one row per user name (newsroom.lockout gives it no address
    and no browser); AXES_FAILURE_LIMIT of them pause logging in with it.
    """

    class Meta:
        proxy = True
        ordering = ["-attempt_time"]
        verbose_name = _("failed log-ins of a user name")
        verbose_name_plural = _("failed log-ins")
        default_permissions = ["view", "delete"]

    def __str__(self):
        return self.username or "—"

    @property
    def paused_until(self):
        """When logging in with this name is possible again, or None if it is not paused."""
        if self.failures_since_start < axes_settings.AXES_FAILURE_LIMIT:
            return None
        ends = self.attempt_time + get_cool_off()
        return ends if ends > timezone.now() else None
