import datetime

import pytest
from django.utils import translation

from digests.models import period_title
from newsroom.i18n import month_genitive
from tests.factories import DigestFactory

JAN_10 = datetime.date(2022, 1, 10)
JAN_23 = datetime.date(2022, 1, 23)
JAN_24 = datetime.date(2022, 1, 24)
FEB_6 = datetime.date(2022, 2, 6)

BELARUSIAN_MONTHS = [
    "студзеня",
    "лютага",
    "сакавіка",
    "красавіка",
    "мая",
    "чэрвеня",
    "ліпеня",
    "жніўня",
    "верасня",
    "кастрычніка",
    "лістапада",
    "снежня",
]
RUSSIAN_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", "Дайджэст: 10 — 23 студзеня"),
        ("ru", "Дайджест: 10 — 23 января"),
        ("en", "Digest: 10 — 23 January"),
    ],
)
def test_title_of_a_period_within_one_month_names_the_month_once(language, expected):
    assert period_title(JAN_10, JAN_23, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", "Дайджэст: 24 студзеня — 6 лютага"),
        ("ru", "Дайджест: 24 января — 6 февраля"),
        ("en", "Digest: 24 January — 6 February"),
    ],
)
def test_title_of_a_period_spanning_two_months_names_both(language, expected):
    assert period_title(JAN_24, FEB_6, language) == expected


@pytest.mark.parametrize(
    ("language", "names"),
    [("be", BELARUSIAN_MONTHS), ("ru", RUSSIAN_MONTHS), ("en", ENGLISH_MONTHS)],
)
def test_every_month_reads_as_it_does_after_a_day_number(language, names):
    with translation.override(language):
        assert [month_genitive(month) for month in range(1, 13)] == names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", "Дайджэст: 10 — 23 студзеня"),
        ("ru", "Дайджест: 10 — 23 января"),
        ("en", "Digest: 10 — 23 January"),
    ],
)
def test_digest_page_shows_the_title_made_from_its_period_in_the_readers_language(
    client, language, expected
):
    digest = DigestFactory(published=True, period_start=JAN_10, period_end=JAN_23)

    response = client.get(f"/{language}/digests/{digest.slug}/")

    assert not (digest.title_be or digest.title_ru or digest.title_en)
    assert f"<h1>{expected}</h1>" in response.content.decode()


@pytest.mark.django_db
def test_title_written_by_the_editor_replaces_the_generated_one_in_that_language(client):
    digest = DigestFactory(
        published=True, period_start=JAN_10, period_end=JAN_23, title_en="Special edition"
    )

    english = client.get(f"/en/digests/{digest.slug}/").content.decode()
    russian = client.get(f"/ru/digests/{digest.slug}/").content.decode()

    assert "<h1>Special edition</h1>" in english
    assert "<h1>Дайджест: 10 — 23 января</h1>" in russian


@pytest.mark.django_db
def test_archive_card_gives_the_period_with_month_names_in_the_readers_language(client):
    DigestFactory(published=True, period_start=JAN_24, period_end=FEB_6)

    content = client.get("/be/digests/").content.decode()

    assert "24 студзеня – 6 лютага 2022" in content
