from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
