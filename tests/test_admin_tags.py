"""The tag admin: names per language, a fixed address, merging, in every admin language."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from newsroom.models import Tag
from tests.factories import CampaignFactory, DigestFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

TAGS = "/admin/newsroom/tag/"
# What taggit's admin and Django's defaults showed in English on the tag screens.
ENGLISH = [
    "Taggit",
    "Tags",
    "Tag",
    "Name",
    "Slug",
    "Address",
    "Merge selected tags",
    "Merge tags",
    "A comma-separated list of tags.",
    "Separate tags with commas",
    "times used",
    "Cancel",
    "Made once from the English name",
]


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


def english_words_in(text):
    return [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


@pytest.fixture
def in_language(admin_client):
    def switch(language):
        admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        return admin_client

    return switch


@pytest.mark.parametrize("language", ["be", "ru"])
def test_tag_screens_have_no_english_interface_words(in_language, language):
    client = in_language(language)
    tag = TagFactory(name_en="Voice")
    tagged = DigestFactory(tags=[tag, TagFactory()])
    pages = [
        "/admin/",
        TAGS,
        f"{TAGS}add/",
        f"{TAGS}{tag.pk}/change/",
        f"/admin/digests/digest/{tagged.pk}/change/",
        f"/admin/campaigns/campaign/{CampaignFactory().pk}/change/",
    ]
    merge = client.post(
        TAGS,
        {"action": "merge", ACTION_CHECKBOX_NAME: list(Tag.objects.values_list("pk", flat=True))},
    )

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words_in(visible_text(response)) == [], url
    assert merge.status_code == 200
    assert english_words_in(visible_text(merge)) == []


def test_taggits_own_admin_is_gone(admin_client):
    index = admin_client.get("/admin/").content.decode()

    assert "Taggit" not in index
    assert "/admin/taggit/" not in index
    assert admin_client.get("/admin/taggit/tag/").status_code == 404


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_tag_added_in_the_admin_loses_its_hash_and_gets_an_address(in_language, language):
    client = in_language(language)

    response = client.post(
        f"{TAGS}add/", {"name_be": "#палітвязні", "name_ru": "", "name_en": "#political prisoners"}
    )

    assert response.status_code == 302
    tag = Tag.objects.get()
    assert (tag.name_be, tag.name_ru, tag.name_en) == ("палітвязні", None, "political prisoners")
    assert tag.slug == "political-prisoners"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("be", "Іншы тэг ужо мае такую назву па-англійску."),
        ("ru", "У другого тега уже есть такое название на английском."),
        ("en", "Another tag already has this name in English."),
    ],
)
def test_a_name_another_tag_has_is_refused_with_a_message(in_language, language, message):
    TagFactory(name_en="Voice")

    response = in_language(language).post(f"{TAGS}add/", {"name_en": "#voice"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Tag.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("be", "Дайце тэгу назву хаця б на адной мове."),
        ("ru", "Дайте тегу название хотя бы на одном языке."),
    ],
)
def test_a_tag_without_a_name_is_refused_with_a_message(in_language, language, message):
    response = in_language(language).post(f"{TAGS}add/", {"name_be": "#", "name_ru": " "})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Tag.objects.exists()


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_address_does_not_change_when_a_name_does(in_language, language):
    tag = TagFactory(name_en="referendum")

    response = in_language(language).post(
        f"{TAGS}{tag.pk}/change/",
        {"name_be": "рэферэндум", "name_ru": "референдум", "name_en": "vote", "slug": "vote"},
    )

    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name_be, tag.name_en, tag.slug) == ("рэферэндум", "vote", "referendum")


@pytest.mark.parametrize("language", ["be", "ru"])
def test_typing_a_hash_in_the_belarusian_digest_form_stores_the_tag_without_it(
    in_language, post_new_digest, language
):
    in_language(language)

    post_new_digest({"tags": "#санкцыі, палітвязні"})

    assert sorted(Tag.objects.values_list(f"name_{language}", flat=True)) == [
        "палітвязні",
        "санкцыі",
    ]


def test_merging_tags_keeps_every_link_and_the_chosen_address(in_language):
    client = in_language("be")
    keep = TagFactory(name_be="санкцыі", name_ru=None, name_en="sanctions")
    other = TagFactory(name_be="санкцыі ЕС", name_ru="санкции", name_en="EU sanctions")
    digest = DigestFactory(tags=[keep, other])
    section = SectionFactory(digest=digest, tags=[other])
    campaign = CampaignFactory(tags=[other])

    response = client.post(
        TAGS,
        {"action": "merge", ACTION_CHECKBOX_NAME: [keep.pk, other.pk], "into": keep.pk},
        follow=True,
    )

    assert "1 тэг далучаны да «#санкцыі»." in response.content.decode()
    assert list(Tag.objects.all()) == [keep]
    for tagged in (digest, section, campaign):
        assert list(tagged.tags.all()) == [keep]
    keep.refresh_from_db()
    assert (keep.name_be, keep.name_ru, keep.name_en) == ("санкцыі", "санкции", "sanctions")


def test_merging_one_tag_only_asks_for_two(in_language):
    tag = TagFactory()

    response = in_language("ru").post(
        TAGS, {"action": "merge", ACTION_CHECKBOX_NAME: [tag.pk]}, follow=True
    )

    assert "Чтобы объединить теги, выберите хотя бы два." in response.content.decode()
    assert Tag.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "help_text"),
    [
        ("be", "Тэгі раздзяляюцца коскамі"),
        ("ru", "Теги разделяются запятыми"),
        ("en", "Separate tags with commas"),
    ],
)
def test_tag_fields_explain_themselves_in_the_admins_language(in_language, language, help_text):
    client = in_language(language)

    for url in ("/admin/digests/digest/add/", "/admin/campaigns/campaign/add/"):
        html = client.get(url).content.decode()
        assert help_text in html, url
        assert "A comma-separated list of tags." not in html, url
