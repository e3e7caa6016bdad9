"""Date formats per language (FORMAT_MODULE_PATH), and the month names they use.

Django's Belarusian catalogue gets the month names wrong: the nominative
("F", as in the date hierarchy's "студзень 2022") reads "студзеня", March
after a day number reads "сакавік", and some names are in taraškievica
("верасьня", "сьнежня"). Listing Django's own msgids here puts them in our
catalogue, whose translations win (LOCALE_PATHS). The names after a day
number ("E", context "alt. month") are listed in newsroom.i18n.
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
