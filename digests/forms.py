from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import PREVIEW_HOURS_DEFAULT, PreviewLink


def _hours_label(hours):
    if hours < 24:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


# Choices are made once, at start-up: each label is translated when shown.
hours_label = lazy(_hours_label, str)


class PreviewLinkForm(forms.Form):
    """What an editor chooses for a new preview link, on the digest's page."""

    HOURS = [1, 6, 24, 72, 7 * 24, 14 * 24, 30 * 24]

    hours = forms.TypedChoiceField(
        label=_("Open for"),
        choices=[(hours, hours_label(hours)) for hours in HOURS],
        coerce=int,
        initial=PREVIEW_HOURS_DEFAULT,
        help_text=_("After that the link shows nothing. You can revoke it sooner."),
        error_messages={
            "required": _("Choose how long the link stays open."),
            "invalid_choice": _("Choose how long the link stays open from the list."),
        },
    )
    note = PreviewLink._meta.get_field("note").formfield()
