"""Which language a translated value is really shown in.

modeltranslation falls back to another language when a translation is
missing; readers must then get the right lang attribute and a notice.
"""

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, pgettext


def fallback_chain(language=None):
    language = language or get_language() or settings.LANGUAGE_CODE
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    chain = [language, *fallbacks.get(language, fallbacks["default"])]
    return list(dict.fromkeys(chain))


def shown_language(obj, field, language=None):
    """The language whose text `obj.<field>` shows now, or None if all are empty."""
    for code in fallback_chain(language):
        if getattr(obj, f"{field}_{code}", None):
            return code
    return None


def month_genitive(month):
    """The month's name as it reads after a day number: "10 January", "10 студзеня".

    Django's own msgids for the "E" date format character, so titles and
    dates (newsroom/formats/) share one translation.
    """
    names = [
        pgettext("alt. month", "January"),
        pgettext("alt. month", "February"),
        pgettext("alt. month", "March"),
        pgettext("alt. month", "April"),
        pgettext("alt. month", "May"),
        pgettext("alt. month", "June"),
        pgettext("alt. month", "July"),
        pgettext("alt. month", "August"),
        pgettext("alt. month", "September"),
        pgettext("alt. month", "October"),
        pgettext("alt. month", "November"),
        pgettext("alt. month", "December"),
    ]
    return names[month - 1]


def long_date(value):
    """'10 January 2022', '10 студзеня 2022': the language's DATE_FORMAT, as in the admin."""
    return formats.date_format(value, "DATE_FORMAT")
