"""Markup typed into a plain-text field is shown as text, on public pages and in the admin."""

import json
import re

import pytest

from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    CampaignLinkFactory,
    DigestActionFactory,
    DigestFactory,
    MeetingTopicFactory,
    PartnerMeetingFactory,
    PersonFactory,
    SectionFactory,
    SiteSettingsFactory,
    SocialLinkFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

# 56 characters: it fits the shortest of these fields (a social link's label, 60).
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
SHOWN = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def hostile(*names, languages=("be", "ru", "en")):
    return {f"{name}_{code}": HOSTILE for name in names for code in languages}


@pytest.fixture
def hostile_content():
    site = SiteSettingsFactory(**hostile("site_name", "tagline"))
    SocialLinkFactory(site=site, **hostile("label"))
    tag = TagFactory(slug="hostile", **hostile("name"))
    campaign = CampaignFactory(slug="hostile", **hostile("name", "summary"))
    campaign.tags.add(tag)
    CampaignLinkFactory(campaign=campaign, **hostile("label"))
    item = ActionItemFactory(campaign=campaign, **hostile("text", "explanation"))
    meeting = PartnerMeetingFactory(
        **hostile("counterpart_name", "counterpart_title", "place", "counterpart_organisation")
    )
    meeting.representatives.add(PersonFactory(**hostile("name", "role")))
    MeetingTopicFactory(meeting=meeting, **hostile("text"))
    digest = DigestFactory(published=True, **hostile("title", "headline", "lead"))
    digest.tags.add(tag)
    section = SectionFactory(digest=digest, campaign=campaign, **hostile("heading"))
    section.meetings.add(meeting)
    DigestActionFactory(digest=digest, action_item=item)
    return {"digest": digest, "campaign": campaign, "meeting": meeting}


def without_data_blocks(content):
    """The page without its JSON-LD, once sure no markup can break out of it."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    for block in blocks:
        assert not set("<>&") & set(block)
        json.loads(block)
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", content, flags=re.S)


def assert_escaped(content):
    content = without_data_blocks(content)
    assert "<script>alert(2)" not in content
    assert "onerror=" not in content.replace("onerror=&quot;", "")
    assert SHOWN in content


@pytest.mark.parametrize(
    "url",
    [
        "/{language}/",
        "/{language}/today/",
        "/{language}/digests/",
        "/{language}/digests/{digest.slug}/",
        "/{language}/tags/hostile/",
        "/{language}/campaigns/",
        "/{language}/campaigns/hostile/",
        "/{language}/meetings/",
        "/{language}/meetings/{meeting.pk}/",
    ],
)
@pytest.mark.parametrize("language", ["be", "en"])
def test_markup_in_plain_text_is_shown_as_text_on_public_pages(
    client, hostile_content, url, language
):
    response = client.get(url.format(language=language, **hostile_content))

    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_markup_in_a_text_shown_in_another_language_is_escaped_too(client, hostile_content):
    digest = DigestFactory(published=True, headline_be="", headline_en=HOSTILE)

    content = client.get(f"/be/digests/{digest.slug}/").content.decode()

    assert_escaped(content)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/digests/digest/",
        "/admin/digests/digest/{digest.pk}/change/",
        "/admin/campaigns/campaign/",
        "/admin/campaigns/campaign/{campaign.pk}/change/",
        "/admin/campaigns/actionitem/",
        "/admin/campaigns/partnermeeting/",
        "/admin/newsroom/tag/",
        "/admin/newsroom/person/",
    ],
)
def test_markup_in_plain_text_is_shown_as_text_in_the_admin(admin_client, hostile_content, url):
    response = admin_client.get(url.format(**hostile_content))

    assert response.status_code == 200
    assert "<script>alert(2)" not in response.content.decode()
