"""Which language a translated value is really shown in.

modeltranslation falls back to another language when a translation is
missing; readers must then get the right lang attribute and a notice.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import capfirst, get_text_list
from django.utils.translation import get_language, gettext, pgettext
from modeltranslation.utils import build_localized_fieldname


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


def require_one_language(instance, *fields):
    """Errors for translated fields empty in every language: any language may be the original.

    Returned as {NON_FIELD_ERRORS: [...]}, so a form shows them above its fields
    whichever language the editor is looking at.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    # Codes, as on the admin's language switch: "BE, RU or EN".
    languages = get_text_list([code.upper() for code in codes], gettext("or"))
    messages = [
        gettext("“%(field)s” is empty in every language. Write it in at least one: %(languages)s.")
        % {"field": capfirst(instance._meta.get_field(name).verbose_name), "languages": languages}
        for name in fields
        if not any(getattr(instance, build_localized_fieldname(name, code)) for code in codes)
    ]
    return {NON_FIELD_ERRORS: messages} if messages else {}
