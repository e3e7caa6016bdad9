"""Which language a translated value is really shown in.

modeltranslation falls back to another language when a translation is
missing; readers must then get the right lang attribute and a notice. The
answer is read from modeltranslation's own descriptor and resolution order,
so it cannot disagree with the text modeltranslation renders.
"""

import functools
import hashlib

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst, get_text_list
from django.utils.translation import (
    get_language,
    get_language_info,
    gettext,
    pgettext,
    pgettext_lazy,
)
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as page_language


def page_address(name, *args, **kwargs):
    """reverse(name, args=args, kwargs=kwargs) in the current language, worked out once per address.

    A page lists many links (a digest's sections' tags, campaigns, meetings):
    the URL patterns never change while the site runs, so each address is
    reversed once per language and script prefix, then remembered.
    """
    return address_in(get_language(), name, *args, **kwargs)


def address_in(language, name, *args, **kwargs):
    """page_address() in `language`, whichever language is active: a page's links to
    itself in the others activate none once each address is known."""
    # The resolver itself is part of the key: a changed URL configuration
    # (clear_url_caches(), a test's ROOT_URLCONF) makes a new one.
    resolver = get_resolver(get_urlconf())
    key = tuple(sorted(kwargs.items()))
    return _reverse(resolver, get_script_prefix(), language, name, args, key)


@functools.lru_cache(maxsize=20_000)
def _reverse(resolver, prefix, language, name, args, kwargs):
    with translation.override(language):
        return reverse(name, args=args, kwargs=dict(kwargs))


@functools.lru_cache(maxsize=16)
def _resolution_order(language):
    return tuple(resolution_order(language))


def fallback_chain(language=None):
    """The languages modeltranslation tries, in order, for a page in `language`."""
    return list(_resolution_order(language or page_language()))


def shown_language(obj, field, language=None):
    """The language whose text `obj.<field>` shows now, or None if it is unknown or empty.

    A computed text (a property) may declare its language as `<field>_language`.
    """
    if hasattr(obj, f"{field}_language"):
        return getattr(obj, f"{field}_language")
    descriptor = getattr(type(obj), field, None)
    if not isinstance(descriptor, TranslationFieldDescriptor):
        return None
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    language = language or page_language()
    order = (
        _resolution_order(language)
        if descriptor.fallback_languages is None
        else resolution_order(language, descriptor.fallback_languages)
    )
    for code in order:
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if descriptor.meaningful_value(value, undefined):
            return code
    return None


def fallback_languages(fields, language=None):
    """The other languages (in the page's fallback order) that `fields` are shown in.

    `fields` are (object, field name) pairs; the page's own language is left out.
    """
    language = language or page_language()
    shown = {shown_language(obj, field, language) for obj, field in fields}
    return [code for code in fallback_chain(language) if code in shown and code != language]


def _in_language(code):
    # The words for "in English" differ by language ("па-англійску", "по-английски").
    phrases = {
        "be": pgettext("a text is shown", "in Belarusian"),
        "ru": pgettext("a text is shown", "in Russian"),
        "en": pgettext("a text is shown", "in English"),
    }
    return phrases.get(code) or get_language_info(code)["name_translated"]


def fallback_notice(codes):
    """'Shown in English: not yet translated into Belarusian.' in the page's language."""
    languages = get_text_list([_in_language(code) for code in codes], gettext("and"))
    return gettext("Shown %(languages)s: not yet translated into this page's language.") % {
        "languages": languages
    }


def is_written(value):
    """Whether a translated value holds text: the editor's empty document does not."""
    # A lone &nbsp; is not text either.
    text = strip_tags(str(value or "")).replace("&nbsp;", " ").replace("\xa0", " ")
    return bool(text.strip())


def text_hash(value):
    """A short fingerprint of a text, to tell later whether it has changed.

    Runs of white space count as one space, so re-wrapped markup is not a change.
    """
    return hashlib.sha256(" ".join(str(value or "").split()).encode()).hexdigest()[:32]


# Django's own msgids for the "E" date format character, so titles and dates
# (newsroom/formats/) share one translation.
MONTHS_GENITIVE = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)


def month_genitive(month):
    """The month's name as it reads after a day number: "10 January", "10 студзеня"."""
    return str(MONTHS_GENITIVE[month - 1])


def date_range(start, end):
    """'2–15 December 2026', '27 December 2021 – 9 January 2022': a period, each part once."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {month_genitive(end.month)} {end.year}"
    if start.year == end.year:
        return (
            f"{start.day} {month_genitive(start.month)} – "
            f"{end.day} {month_genitive(end.month)} {end.year}"
        )
    return f"{long_date(start)} – {long_date(end)}"


def long_date(value):
    """'10 January 2022' with the month as it reads after a day in each language."""
    return f"{value.day} {month_genitive(value.month)} {value.year}"


def require_one_language(instance, *fields, message=None):
    """Errors for translated fields empty in every language: any language may be the original.

    Returned as {NON_FIELD_ERRORS: [...]}, so a form shows them above its fields
    whichever language the editor is looking at. `message` may say it better
    for one model; it can name %(field)s and %(languages)s.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    # Codes, as on the admin's language switch: "BE, RU or EN".
    languages = get_text_list([code.upper() for code in codes], gettext("or"))
    message = message or gettext(
        "“%(field)s” is empty in every language. Write it in at least one: %(languages)s."
    )
    messages = [
        str(message)
        % {"field": capfirst(instance._meta.get_field(name).verbose_name), "languages": languages}
        for name in fields
        if not any(getattr(instance, build_localized_fieldname(name, code)) for code in codes)
    ]
    return {NON_FIELD_ERRORS: messages} if messages else {}
