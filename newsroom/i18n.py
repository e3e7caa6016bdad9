"""Which language a translated value is really shown in.

modeltranslation falls back to another language when a translation is
missing; readers must then get the right lang attribute and a notice.
"""

from django.conf import settings
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
    """The month's name as it reads after a day number: "10 January", "10 студзеня"."""
    names = [
        pgettext("after a day number", "January"),
        pgettext("after a day number", "February"),
        pgettext("after a day number", "March"),
        pgettext("after a day number", "April"),
        pgettext("after a day number", "May"),
        pgettext("after a day number", "June"),
        pgettext("after a day number", "July"),
        pgettext("after a day number", "August"),
        pgettext("after a day number", "September"),
        pgettext("after a day number", "October"),
        pgettext("after a day number", "November"),
        pgettext("after a day number", "December"),
    ]
    return names[month - 1]


def long_date(value):
    """'10 January 2022' with the month as it reads after a day in each language."""
    return f"{value.day} {month_genitive(value.month)} {value.year}"
