import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Codes are typed by hand, often with spaces or hyphens between groups.
SEPARATORS = re.compile(r"[\s-]+")


class TOTPVerificationForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )
    wrong_code_message = _(
        "This code is not right, or it was used already. Wait for the next code and try again."
    )

    def clean_code(self):
        code = SEPARATORS.sub("", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(_("Enter the six digits the app shows."))
        return code


class TOTPEnrolmentForm(TOTPVerificationForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=64,
        required=False,
        help_text=_("So you can tell your devices apart, e.g. “work phone”."),
    )
    field_order = ["name", "code"]
    wrong_code_message = _(
        "This code is not right. Check that the phone's clock is correct and "
        "enter the code the app shows now."
    )


class BackupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Backup code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 12}),
    )
    wrong_code_message = _("This backup code is not right, or it was used already.")

    def clean_code(self):
        code = SEPARATORS.sub("", self.cleaned_data["code"]).lower()
        if not re.fullmatch(r"[a-z2-7]{8}", code):
            raise forms.ValidationError(
                _("A backup code has eight letters and digits, as on your list.")
            )
        return code
