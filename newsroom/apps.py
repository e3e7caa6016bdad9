from axes import apps as axes_apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LockoutConfig(axes_apps.AppConfig):
    """django-axes, under a name staff can read in the lists of permissions."""

    default = False
    verbose_name = _("Log-in lockout")


class NewsroomConfig(AppConfig):
    default = True
    name = "newsroom"
    verbose_name = _("Site")

    def ready(self):
        from django.contrib.admin import widgets
        from django.contrib.admin.templatetags import admin_list
        from django.utils.html import format_html
        from django.utils.translation import gettext

        from . import (  # noqa: F401  (lockouts, session records)
            audit,  # noqa: F401  (connects the log-in signals)
            lockout,
            sessions,
        )
        from .admin import install_accusative_names

        install_accusative_names()

        # Django's autocomplete ships no Belarusian file; ours is in static/admin/.
        widgets.SELECT2_TRANSLATIONS["be"] = "be"

        # Django's yes/no icons say "True" and "False" in every language.
        show_boolean = admin_list._boolean_icon
        words = {True: _("Yes"), False: _("No"), None: _("Unknown")}

        def translated_boolean_icon(value):
            icon = show_boolean(value)
            return format_html(icon.replace(f'alt="{value}"', 'alt="{}"'), gettext(words[value]))

        admin_list._boolean_icon = translated_boolean_icon
