from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static import apps as otp_static_apps
from django_otp.plugins.otp_totp import apps as otp_totp_apps


class LockoutConfig(axes_apps.AppConfig):
    """django-axes, under a name staff can read in the lists of permissions."""

    default = False
    verbose_name = _("Log-in lockout")


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = _("Site")

    def ready(self):
        import reversion
        from django.contrib.admin import widgets
        from django.contrib.admin.templatetags import admin_list
        from django.utils.html import format_html
        from django.utils.translation import gettext

        from . import (  # noqa: F401  (the log-in signals, lockouts, session records, page cache)
            audit,
            caching,
            lockout,
            sessions,
        )
        from .admin import install_accusative_names, install_action_checks
        from .models import TaggedItem

        # A tag's link to a digest, section or campaign is part of their history.
        reversion.register(TaggedItem)

        install_accusative_names()
        install_action_checks()

        # Django's autocomplete ships no Belarusian file; ours is in static/admin/.
        widgets.SELECT2_TRANSLATIONS["be"] = "be"

        # Django's yes/no icons say "True" and "False" in every language.
        show_boolean = admin_list._boolean_icon
        words = {True: _("Yes"), False: _("No"), None: _("Unknown")}

        def translated_boolean_icon(value):
            icon = show_boolean(value)
            return format_html(icon.replace(f'alt="{value}"', 'alt="{}"'), gettext(words[value]))

        admin_list._boolean_icon = translated_boolean_icon


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site that asks staff for their second factor."""

    default = False
    default_site = "newsroom.sites.NewsroomAdminSite"


# django-otp names its apps "Otp_Static" and "Otp_Totp", in no language; the
# admin shows the names beside their permissions.
class BackupCodesConfig(otp_static_apps.DefaultConfig):
    default = False
    verbose_name = _("Backup codes")


class AuthenticatorAppsConfig(otp_totp_apps.DefaultConfig):
    default = False
    verbose_name = _("Authenticator apps")
