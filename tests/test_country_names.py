import datetime
import re

import pytest
from django.utils import translation
from django_countries import countries

from campaigns.models import PartnerMeeting


@pytest.fixture
def swiss_meeting(db):
    return PartnerMeeting.objects.create(
        date=datetime.date(2022, 1, 12),
        counterpart_name_be="Ганна Мюлер",
        counterpart_name_en="Anna Müller",
        country="CH",
        is_public=True,
    )


def test_every_country_has_a_belarusian_name():
    with translation.override("be"):
        untranslated = [c for c in countries if re.search("[A-Za-z]", c.name)]
    assert untranslated == []


def test_country_names_are_belarusian_in_belarusian_and_russian_in_russian():
    with translation.override("be"):
        assert countries.name("CH") == "Швейцарыя"
        assert countries.name("US") == "Злучаныя Штаты Амерыкі"
    with translation.override("ru"):
        assert countries.name("CH") == "Швейцария"


@pytest.mark.django_db
def test_the_belarusian_meetings_page_names_the_country_in_belarusian(client, swiss_meeting):
    content = client.get("/be/meetings/").content.decode()
    assert '<option value="CH">Швейцарыя</option>' in content
    assert "· Швейцарыя</p>" in content
    assert "Switzerland" not in content


@pytest.mark.django_db
def test_the_russian_meetings_page_names_the_country_in_russian(client, swiss_meeting):
    content = client.get("/ru/meetings/").content.decode()
    assert '<option value="CH">Швейцария</option>' in content
    assert "Switzerland" not in content


@pytest.mark.parametrize("language", ["be", "ru"])
def test_countries_are_listed_in_the_alphabetical_order_of_each_language(language):
    with translation.override(language):
        names = [str(name) for _code, name in countries]

    initials = [name[0] for name in names]
    assert initials == sorted(initials, key="АБВГҐДЕЁЖЗІИЙКЛМНОПРСТУЎФХЦЧШЩЪЫЬЭЮЯ".index)
