from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .uploads import (
    CleanImageField,
    delete_with_renditions,
    fallback_format,
    make_renditions,
    rendition_names,
)


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
        settings, _created = cls.objects.get_or_create(pk=1, defaults={"site_name": "Newsroom"})
        return settings


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
        if not any(getattr(self, f"alt_{code}", None) for code, _name in settings.LANGUAGES):
            languages = ", ".join(str(name) for _code, name in settings.LANGUAGES)
            raise ValidationError(
                {
                    f"alt_{settings.LANGUAGE_CODE}": _(
                        "Describe the image for readers who cannot see it, in at least one "
                        "language (%(languages)s)."
                    )
                    % {"languages": languages}
                }
            )

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

    def fallback_src(self):
        """A middle-sized copy for browsers that do not read srcset."""
        renditions = self.renditions(self.fallback_format)
        fitting = [name for name, width in renditions if width <= SRC_WIDTH] or [renditions[0][0]]
        return self.file.storage.url(fitting[-1])
