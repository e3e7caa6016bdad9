"""Every interface string is translated, and the compiled catalogues are current."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import DigestFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
# Our own catalogue, and the corrections to other packages' strings.
CATALOGUES = [
    LOCALE / "be" / "LC_MESSAGES" / "django",
    LOCALE / "ru" / "LC_MESSAGES" / "django",
    LOCALE / "be" / "LC_MESSAGES" / "djangojs",
    LOCALE / "ru" / "LC_MESSAGES" / "djangojs",
    *(
        LOCALE / "corrections" / language / "LC_MESSAGES" / domain
        for language in ("be", "ru")
        for domain in ("django", "djangojs")
    ),
]


def po_entries(language):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()
    # Every entry starts with a msgid line; the first is the header.
    return len(re.findall(r"^msgid ", text, re.MULTILINE)) - 1


def mo_entries(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    # Plural entries appear once per form, under (msgid, n); the header under "".
    return len({key[0] if isinstance(key, tuple) else key for key in catalog} - {""})


@pytest.mark.parametrize("language", ["be", "ru"])
def test_every_string_is_translated_and_compiled(language):
    # msgfmt leaves untranslated and fuzzy entries out of the .mo file, and a
    # catalogue not compiled since its last change has fewer entries.
    assert mo_entries(language) == po_entries(language)


@pytest.mark.parametrize("language", ["be", "ru"])
def test_catalogue_has_no_fuzzy_entries(language):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text()

    assert "#, fuzzy" not in text.split("\n\n", 1)[1]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(LOCALE)))
def test_every_catalogue_is_complete_compiled_and_not_fuzzy(catalogue):
    text = catalogue.with_suffix(".po").read_text()
    entries = len(re.findall(r"^msgid ", text, re.MULTILINE)) - 1
    with open(catalogue.with_suffix(".mo"), "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    keys = {key[0] if isinstance(key, tuple) else key for key in compiled} - {""}

    assert "#, fuzzy" not in text.split("\n\n", 1)[1]
    assert len(keys) == entries


BELARUSIAN_ONLY_LETTERS = set("ўіЎІ")


def test_the_russian_admin_scripts_fall_back_to_no_belarusian_string(admin_client):
    # A string missing from the Russian catalogues falls back to the site's
    # default language, Belarusian: every one the admin's scripts use needs Russian.
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"

    escaped = admin_client.get("/admin/jsi18n/").content.decode()
    catalogue = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), escaped)

    assert not BELARUSIAN_ONLY_LETTERS & set(catalogue)


@pytest.mark.django_db
def test_the_russian_admin_list_reads_russian_in_its_actions_and_filters(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    DigestFactory(published=True)

    response = admin_client.get("/admin/digests/digest/")

    content = response.content.decode()
    actions = content.split('name="action"')[1].split("</select>")[0]
    assert "Выберите действие" in actions
    assert not BELARUSIAN_ONLY_LETTERS & set(actions)
    assert not BELARUSIAN_ONLY_LETTERS & set(content.split('id="changelist-filter"')[1])
