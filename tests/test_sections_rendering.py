"""A digest's article (header, activity list, sections, closing call and tags) is
rendered once per language, kept, and used while current.

Every change to what they show, made any way an editor can, shows on the
next request; a change to anything else leaves the kept rendering in use.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.models.query import QuerySet
from django.template import engines
from django.urls import reverse
from django.utils import translation

from campaigns.models import MeetingTopic
from digests import rendering
from digests.models import Digest, Section, SectionsRendering
from digests.services import publish_digest, record_translations
from newsroom.models import SiteSettings, Tag
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    ImageFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest():
    digest = DigestFactory(
        published=True,
        headline_en="The headline",
        closing_call_en="<p>Join us</p>",
        cover=ImageFactory(alt_en="The square"),
        tags=["voice"],
    )
    meeting = PartnerMeetingFactory(counterpart_name_en="Ms Ambassador")
    MeetingTopicFactory(meeting=meeting, text_en="Sanctions")
    SectionFactory(
        digest=digest,
        heading_en="Referendum",
        kind=Section.Kind.PARTNER_MEETING,
        campaign=CampaignFactory(name_en="New Belarus"),
        image=ImageFactory(alt_en="A crowd"),
        meetings=[meeting],
        tags=["prisoners"],
    )
    SectionFactory(digest=digest, heading_en="Museum")
    DigestActionFactory(digest=digest, action_item=ActionItemFactory(text_en="Register on Voice"))
    return digest


def page(client, digest, language="en"):
    response = client.get(f"/{language}/digests/{digest.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def kept_html(digest, language="en"):
    return SectionsRendering.objects.get(digest=digest, language=language).html


def test_the_first_reader_keeps_the_sections_and_the_next_one_reads_them(client, digest):
    first = page(client, digest)
    assert "Referendum" in kept_html(digest)
    assert "The headline" in kept_html(digest) and "#voice" in kept_html(digest)
    assert page(client, digest) == first
    assert first.count('<section class="section') == 2


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_each_language_keeps_its_own(client, digest, language):
    page(client, digest, language)
    assert list(SectionsRendering.objects.values_list("language", flat=True)) == [language]
    rendered = kept_html(digest, language)
    assert (f'href="/{language}/tags/' in rendered) and (f"/{language}/campaigns/" in rendered)


def test_the_kept_html_is_what_the_page_would_render(client, digest):
    kept = page(client, digest)
    SectionsRendering.objects.all().delete()
    assert page(client, digest) == kept


def test_a_rendering_of_an_old_version_is_not_used(client, digest):
    page(client, digest)
    SectionsRendering.objects.update(html="<p>Old sections</p>", contents_version="0" * 16)
    shown = page(client, digest)
    assert "Old sections" not in shown and "Referendum" in shown


def test_a_rendering_by_other_code_is_not_used(client, digest, monkeypatch):
    page(client, digest)
    SectionsRendering.objects.update(html="<p>Rendered by the last release</p>")
    monkeypatch.setattr(rendering, "code_version", lambda: "a" * 64)
    assert "Rendered by the last release" not in page(client, digest)
    assert SectionsRendering.objects.get().code_version == "a" * 64


def test_the_code_version_follows_the_templates(settings, tmp_path):
    rendering.code_version.cache_clear()
    before = rendering.code_version()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>new</p>")
    settings.BASE_DIR = tmp_path
    rendering.code_version.cache_clear()
    try:
        assert rendering.code_version() != before
    finally:
        rendering.code_version.cache_clear()


def section_of(digest):
    return digest.sections.get(heading_en="Referendum")


def edit_heading(digest):
    section = section_of(digest)
    section.heading_en = "Referendum results"
    section.save()
    return "Referendum results"


def add_section(digest):
    SectionFactory(digest=digest, heading_en="Sanctions news")
    return "Sanctions news"


def delete_section(digest):
    digest.sections.get(heading_en="Museum").delete()
    return "!Museum"


def tag_section(digest):
    section_of(digest).tags.add("exhibits")
    return "#exhibits"


def untag_section(digest):
    section_of(digest).tags.clear()
    return "!#prisoners"


def rename_tag(digest):
    tag = Tag.objects.get(slug="prisoners")
    tag.name_en = "political prisoners"
    tag.save()
    return "#political prisoners"


def delete_tag(digest):
    Tag.objects.get(slug="prisoners").delete()
    return "!#prisoners"


def rename_campaign(digest):
    campaign = section_of(digest).campaign
    campaign.name_en = "Free Belarus"
    campaign.save()
    return "Free Belarus"


def edit_meeting(digest):
    meeting = section_of(digest).meetings.get()
    meeting.counterpart_name_en = "Mr Minister"
    meeting.save()
    return "Mr Minister"


def hide_meeting(digest):
    meeting = section_of(digest).meetings.get()
    meeting.is_public = False
    meeting.save()
    return "!Ms Ambassador"


def unlink_meeting(digest):
    section_of(digest).meetings.clear()
    return "!Ms Ambassador"


def unlink_meeting_from_its_side(digest):
    section_of(digest).meetings.get().sections.clear()
    return "!Ms Ambassador"


def link_meeting_from_its_side(digest):
    PartnerMeetingFactory(counterpart_name_en="Mr Envoy").sections.add(section_of(digest))
    return "Mr Envoy"


def delete_meeting(digest):
    section_of(digest).meetings.get().delete()
    return "!Ms Ambassador"


def edit_topic(digest):
    topic = MeetingTopic.objects.get(text_en="Sanctions")
    topic.text_en = "Visas"
    topic.save()
    return "Visas"


def delete_topic(digest):
    MeetingTopic.objects.get(text_en="Sanctions").delete()
    return "!Sanctions"


def describe_image(digest):
    image = section_of(digest).image
    image.alt_en = "Thousands in the square"
    image.save()
    return "Thousands in the square"


def edit_action_item(digest):
    # An entry not frozen yet (the digest published without the write path) shows its item's words.
    item = digest.action_entries.get().action_item
    item.text_en = "Register on the Voice platform"
    item.save()
    return "Register on the Voice platform"


def reword_entry(digest):
    entry = digest.action_entries.get()
    entry.wording_en = "Sign up on Voice today"
    entry.save()
    return "Sign up on Voice today"


def add_entry(digest):
    DigestActionFactory(digest=digest, action_item=ActionItemFactory(text_en="Withdraw deposits"))
    return "Withdraw deposits"


def delete_entry(digest):
    digest.action_entries.get().delete()
    return "!Register on Voice"


def edit_headline(digest):
    digest.headline_en = "A new headline"
    digest.save()
    return "A new headline"


def edit_closing_call(digest):
    digest = Digest.objects.get(pk=digest.pk)
    digest.closing_call_en = "<p>Donate to the museum</p>"
    digest.save(update_fields=["closing_call_en"])
    return "Donate to the museum"


def tag_digest(digest):
    digest.tags.add("sanctions")
    return "#sanctions"


def untag_digest(digest):
    digest.tags.remove("voice")
    return "!#voice"


def rename_digest_tag(digest):
    tag = Tag.objects.get(slug="voice")
    tag.name_en = "Voice platform"
    tag.save()
    return "#Voice platform"


def delete_digest_tag(digest):
    Tag.objects.get(slug="voice").delete()
    return "!#voice"


def describe_cover(digest):
    cover = digest.cover
    cover.alt_en = "Thousands with flags"
    cover.save()
    return "Thousands with flags"


def change_cover(digest):
    digest.cover = ImageFactory(alt_en="A museum exhibit")
    digest.save()
    return "A museum exhibit"


CHANGES = [
    edit_headline,
    edit_closing_call,
    tag_digest,
    untag_digest,
    rename_digest_tag,
    delete_digest_tag,
    describe_cover,
    change_cover,
    edit_heading,
    add_section,
    delete_section,
    tag_section,
    untag_section,
    rename_tag,
    delete_tag,
    rename_campaign,
    edit_meeting,
    hide_meeting,
    unlink_meeting,
    unlink_meeting_from_its_side,
    link_meeting_from_its_side,
    delete_meeting,
    edit_topic,
    delete_topic,
    describe_image,
    edit_action_item,
    reword_entry,
    add_entry,
    delete_entry,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_every_change_to_what_the_sections_show_shows_at_once(client, digest, change):
    page(client, digest)
    before = Digest.objects.get(pk=digest.pk).contents_version
    expected = change(digest)
    assert Digest.objects.get(pk=digest.pk).contents_version != before
    shown = page(client, digest)
    if expected.startswith("!"):
        assert expected[1:] not in shown
    else:
        assert expected in shown
    assert kept_html(digest) in shown


def test_a_change_elsewhere_keeps_the_rendering(client, digest):
    other = DigestFactory(published=True)
    page(client, digest)
    before = Digest.objects.get(pk=digest.pk).contents_version
    SectionFactory(digest=other)
    ActionItemFactory()
    site = SiteSettings.load()
    site.site_name_en = "The office"
    site.save()
    CampaignFactory()  # about no section of this digest
    assert Digest.objects.get(pk=digest.pk).contents_version == before


def test_a_digest_read_before_its_sections_changed_does_not_put_its_version_back(digest):
    stale = Digest.objects.get(pk=digest.pk)
    edit_heading(digest)
    changed = Digest.objects.get(pk=digest.pk).contents_version
    stale.headline_en = "A new headline"
    stale.save()
    saved = Digest.objects.get(pk=digest.pk)
    assert saved.contents_version not in {stale.contents_version, changed}
    assert saved.headline_en == "A new headline"


def test_the_write_path_renders_every_language_once_committed(
    digest, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_translations(digest=digest, by=editor)
    current = Digest.objects.get(pk=digest.pk).contents_version
    assert sorted(
        SectionsRendering.objects.filter(contents_version=current).values_list(
            "language", flat=True
        )
    ) == ["be", "en", "ru"]


def test_publishing_renders_the_sections(django_capture_on_commit_callbacks):
    draft = DigestFactory()
    SectionFactory(digest=draft, heading_en="Ready")
    with django_capture_on_commit_callbacks(execute=True):
        publish_digest(digest=draft, by=None)
    assert "Ready" in kept_html(draft)


def test_a_database_that_refuses_to_keep_still_serves_the_page(client, digest, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(QuerySet, "bulk_create", refuse)
    assert "Referendum" in page(client, digest)
    assert not SectionsRendering.objects.exists()


def test_a_preview_keeps_nothing(admin_client, digest):
    response = admin_client.get(reverse("admin:digests_digest_preview", args=[digest.pk]))
    assert response.status_code == 200
    assert "Referendum" in response.content.decode()
    assert not SectionsRendering.objects.exists()


def test_render_digests_renders_what_is_stale(digest):
    DigestFactory(published=True)
    call_command("render_digests", verbosity=0)
    assert SectionsRendering.objects.count() == 2 * 3
    edit_heading(digest)
    call_command("render_digests", verbosity=0)
    assert "Referendum results" in kept_html(digest, "be") + kept_html(digest, "en")
    assert SectionsRendering.objects.count() == 2 * 3


def test_the_kept_article_goes_into_the_page_as_it_was_kept(client, digest):
    first = page(client, digest, "be")
    with translation.override("be"):
        found = rendering.find_published(digest.slug)
    # SQLite hands over the stored UTF-8 as it is; PostgreSQL the text.
    assert isinstance(found.kept_sections, bytes if connection.vendor == "sqlite" else str)
    again = client.get(f"/be/digests/{digest.slug}/")
    assert again.content.decode() == first
    assert again.content.count(kept_html(digest, "be").encode()) == 1
    assert rendering.KeptArticle.MARKER not in first


def test_a_template_that_leaves_the_kept_article_out_is_refused(rf):
    response = rendering.KeptArticleResponse(
        rf.get("/"),
        engines["django"].from_string("<p>No article</p>"),
        {"article_html": rendering.KeptArticle("<p>Статья</p>".encode())},
    )
    with pytest.raises(ImproperlyConfigured):
        response.render()
    shown = rendering.KeptArticleResponse(
        rf.get("/"),
        engines["django"].from_string("<main>{{ article_html }}</main>"),
        {"article_html": rendering.KeptArticle("<p>Статья</p>".encode())},
    ).render()
    assert shown.content.decode() == "<main><p>Статья</p></main>"


def test_the_kept_article_offers_the_offline_copy_and_a_preview_does_not(
    client, admin_client, digest
):
    offline = f'href="/en/digests/{digest.slug}/offline.html"'
    assert offline in page(client, digest) and offline in kept_html(digest)
    response = admin_client.get(
        reverse("admin:digests_digest_preview", args=[digest.pk]) + "?lang=en"
    )
    assert response.status_code == 200
    assert "/offline.html" not in response.content.decode()
