import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from digests.models import Digest
from digests.services import publish_digest
from newsroom.models import Tag
from tests.factories import CampaignFactory, DigestFactory, SectionFactory, TagFactory
from tests.test_admin_validation import errors_of

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_tag_without_a_letter_or_digit_is_refused_with_a_message(post_new_digest):
    response = post_new_digest({"tags": "referendum, 🙂"})

    assert "These tags need at least one letter or digit: 🙂" in errors_of(response)
    assert not Digest.objects.exists()


def test_a_lone_hash_is_refused_as_a_tag(post_new_digest):
    response = post_new_digest({"tags": "referendum, #"})

    assert "These tags need at least one letter or digit: #" in errors_of(response)
    assert not Tag.objects.exists()


def test_cyrillic_tag_gets_a_latin_address(post_new_digest):
    post_new_digest({"tags": "ЭкспертнаяСреда"})

    assert Digest.objects.get().tags.get().slug == "ekspertnaiasreda"


def test_a_tag_without_a_letter_or_digit_cannot_be_added_in_code_either():
    digest = DigestFactory()

    with pytest.raises(ValidationError):
        digest.tags.add("🙂")

    assert not Tag.objects.exists()


def test_tag_typed_with_a_hash_in_the_belarusian_admin_is_shown_with_one_hash(
    admin_client, post_new_digest, client
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    post_new_digest({"tags": "#ЭкспертнаяСреда, ##палітвязні"})
    digest = Digest.objects.get()
    publish_digest(digest=digest, by=None)

    assert sorted(Tag.objects.values_list("name_be", flat=True)) == [
        "ЭкспертнаяСреда",
        "палітвязні",
    ]
    digest_page = page(client, f"/be{digest.get_absolute_url()[3:]}")
    tag_page = page(client, "/be/tags/ekspertnaiasreda/")
    assert "##" not in digest_page + tag_page
    assert ">#ЭкспертнаяСреда</a>" in digest_page
    assert re.search(r"<title>#ЭкспертнаяСреда ·", tag_page)
    assert "<h1>#ЭкспертнаяСреда</h1>" in tag_page


def test_tag_names_show_in_the_readers_language(client):
    tag = TagFactory(name_be="рэферэндум", name_ru="референдум", name_en="referendum")
    digest = DigestFactory(published=True, tags=[tag])
    path = digest.get_absolute_url()[3:]

    for language, name in [("be", "рэферэндум"), ("ru", "референдум"), ("en", "referendum")]:
        digest_page = page(client, f"/{language}{path}")
        tag_page = page(client, f"/{language}/tags/{tag.slug}/")
        # No lang attribute: the name is in the page's own language.
        assert f'<a class="tag" href="/{language}/tags/referendum/">#{name}</a>' in digest_page
        assert f"<h1>#{name}</h1>" in tag_page


def test_a_tag_named_in_one_language_only_carries_that_languages_lang(client):
    tag = TagFactory(name_be=None, name_ru=None, name_en="Voice")
    digest = DigestFactory(published=True, tags=[tag])
    campaign = CampaignFactory(tags=[tag])

    for url in (
        f"/ru{digest.get_absolute_url()[3:]}",
        f"/be{campaign.get_absolute_url()[3:]}",
        "/ru/tags/voice/",
        "/be/digests/",
    ):
        assert re.search(r' lang="en">#Voice<', page(client, url)), url


def test_archive_filter_lists_names_in_the_readers_language_in_alphabetical_order(client):
    tags = [
        TagFactory(name_be="Голас", name_ru="Голос", name_en="Voice"),
        TagFactory(name_be="культура", name_ru="культура", name_en="culture"),
        TagFactory(name_be="ЭкспертнаеАсяроддзе", name_ru="ЭкспертнаяСреда", name_en="Expert"),
        TagFactory(name_be="санкцыі", name_ru="санкции", name_en="sanctions"),
    ]
    DigestFactory(published=True, tags=tags)
    DigestFactory(tags=[TagFactory(name_en="draft only")])

    def options(language):
        tag_filter = page(client, f"/{language}/digests/").split('<nav class="filters"')[1]
        return re.findall(r'<a class="tag" href="[^"]+"[^>]*>([^<]+)</a>', tag_filter)

    assert options("en") == ["#culture", "#Expert", "#sanctions", "#Voice"]
    assert options("ru") == ["#Голос", "#культура", "#санкции", "#ЭкспертнаяСреда"]
    assert options("be") == ["#Голас", "#культура", "#санкцыі", "#ЭкспертнаеАсяроддзе"]


def test_a_name_typed_in_another_language_finds_the_same_tag():
    tag = TagFactory(name_be="рэферэндум", name_ru=None, name_en=None, slug="referendum")
    digest = DigestFactory()

    with translation.override("ru"):
        # As the Russian admin shows it (fallen back), and as a Russian editor types it.
        digest.tags.set(["рэферэндум"])
        assert list(digest.tags.all()) == [tag]
        digest.tags.set(["Референдум"])
        assert list(digest.tags.all()) == [tag]
    with translation.override("en"):
        digest.tags.set(["Referendum"])

    assert list(digest.tags.all()) == [tag]
    assert Tag.objects.count() == 1


def test_a_new_tag_is_named_in_the_editors_language_only():
    digest = DigestFactory()

    with translation.override("ru"):
        digest.tags.add("санкции")

    tag = Tag.objects.get()
    assert (tag.name_be, tag.name_ru, tag.name_en, tag.slug) == (None, "санкции", None, "sanktsii")


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_saving_a_digest_unchanged_keeps_its_tags(admin_client, admin_form_data, language):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    named_in_be = TagFactory(name_ru=None, name_en=None)
    named_in_en = TagFactory(name_be=None, name_ru=None)
    digest = DigestFactory(tags=[named_in_be, named_in_en])
    url = f"/admin/digests/digest/{digest.pk}/change/"

    response = admin_client.post(url, admin_form_data(admin_client.get(url)))

    assert response.status_code == 302
    assert set(digest.tags.all()) == {named_in_be, named_in_en}
    assert Tag.objects.count() == 2


def test_sections_and_campaigns_keep_their_tags_on_the_tag_page(client):
    tag = TagFactory(name_en="museum")
    campaign = CampaignFactory(tags=[tag])
    SectionFactory(digest=DigestFactory(published=True), tags=[tag], campaign=campaign)

    html = page(client, f"/en/tags/{tag.slug}/")

    assert "<h1>#museum</h1>" in html
    assert campaign.name_en in html


def test_a_tag_only_on_drafts_has_no_page(client):
    tag = TagFactory()
    DigestFactory(tags=[tag])

    assert client.get(f"/en/tags/{tag.slug}/").status_code == 404
