import pytest

from tests.factories import CampaignFactory, DigestFactory, PartnerMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def some_content():
    DigestFactory(published=True, tags=["referendum"])
    CampaignFactory()
    PartnerMeetingFactory(country="CH")


def test_draft_digest_is_404(client):
    draft = DigestFactory()

    assert client.get(f"/en/digests/{draft.slug}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/digests/?page=abc",
        "/en/digests/?page=-1",
        "/en/digests/?page=0",
        "/en/digests/?page=99999",
        "/en/digests/?page=1.5",
        "/en/digests/?year=99999",
        "/en/digests/?year=1999",
        "/en/digests/?year=abc",
        "/en/digests/?year=-2022",
        "/en/digests/?year=²",
        "/en/digests/1999/",
        "/en/digests/99999/",
        "/en/digests/2022/?page=99",
        "/en/digests/?tag=no-such-tag",
        "/en/digests/?tag=рэферэндум",
        "/en/digests/?tag=<script>",
        "/en/digests/no-such-digest/",
        "/en/tags/no-such-tag/",
        "/en/campaigns/no-such-campaign/",
        "/en/campaigns/?page=abc",
        "/en/campaigns/?page=99999",
        "/en/meetings/?country=ZZ",
        "/en/meetings/?country=zz",
        "/en/meetings/?country=<script>",
        "/en/meetings/?page=abc",
        "/en/meetings/?page=99999",
        "/xx/digests/",
    ],
)
def test_bad_input_is_a_404_not_an_error(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/digests/?page=%00",
        "/en/digests/?year=%00",
        "/en/digests/?tag=a%00b",
        "/en/meetings/?country=%00",
        "/en/digests/%00/",
    ],
)
def test_nul_character_in_the_address_is_a_400_in_the_sites_look(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert 'class="site-header"' in response.content.decode()


def test_nul_character_in_an_admin_filter_is_a_400(admin_client):
    response = admin_client.get("/admin/campaigns/partnermeeting/?country=%00")

    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/en/digests/2022/",
        "/en/digests/2030/",
        "/en/digests/?unknown=1",
        "/en/meetings/?country=ch",
        "/en/meetings/?country=SE",
        "/en/meetings/?country=",
    ],
)
def test_odd_but_harmless_input_is_a_clean_page(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/en/digests/?year=2022", "/en/digests/?year=2030", "/en/digests/?tag=", "/en/digests/?year="],
)
def test_old_archive_filters_lead_to_their_own_addresses(client, url):
    response = client.get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 301


def test_year_without_digests_says_so_and_offers_all(client):
    content = client.get("/en/digests/2030/").content.decode()

    assert "No digests match." in content
    assert 'href="/en/digests/"' in content


@pytest.mark.parametrize(
    ("changelist", "action"),
    [
        ("/admin/digests/digest/", "publish"),
        ("/admin/digests/digest/", "delete_selected"),
        ("/admin/campaigns/campaign/", "delete_selected"),
        ("/admin/campaigns/actionitem/", "extend"),
        ("/admin/newsroom/tag/", "merge"),
        ("/admin/auth/user/", "delete_selected"),
        ("/admin/auth/group/", "delete_selected"),
    ],
)
@pytest.mark.parametrize(
    "selected",
    [["abc"], ["1", "abc"], ["1.5"], ["99999999999999999999999"], ["-1e9"], ["1\x00"], [""]],
)
def test_garbled_selection_in_an_admin_list_is_a_message(
    admin_client, changelist, action, selected
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    data = {"action": action, "index": "0", "_selected_action": selected}

    response = admin_client.post(changelist, data, follow=True)

    assert response.status_code == 200
    assert "Выбар не ўдалося прачытаць, таму нічога не зменена." in response.content.decode()


def test_selection_of_real_rows_still_runs_the_action(admin_client):
    draft = DigestFactory()

    admin_client.post(
        "/admin/digests/digest/",
        {"action": "publish", "index": "0", "_selected_action": [str(draft.pk)]},
    )

    draft.refresh_from_db()
    assert draft.status == "published"
