"""Two people editing one record: the later save from an older form is refused, never silent."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from reversion.models import Version

from campaigns.models import Campaign
from digests.models import Digest
from tests.factories import CampaignFactory, DigestFactory, SectionFactory

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_superuser(
        username="anna", password="a-long-editor-password", first_name="Ганна", last_name="Бук"
    )


@pytest.fixture
def clients(admin_client, anna):
    """Two editors' browsers with the admin in Belarusian: the superuser's and Anna's."""
    other = Client()
    other.force_login(anna)
    for browser in (admin_client, other):
        browser.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    return admin_client, other


@pytest.fixture
def digest():
    digest = DigestFactory(headline_be="Першая навіна")
    SectionFactory(digest=digest, heading_be="Раздзел")
    return digest


def errors_of(response):
    return [str(error) for error in response.context["adminform"].form.non_field_errors()]


def test_a_save_from_a_form_opened_before_another_save_is_refused_and_keeps_the_typing(
    clients, admin_form_data, digest
):
    mine, annas = clients
    my_form = admin_form_data(mine.get(change_url(digest)))
    annas_form = admin_form_data(annas.get(change_url(digest)))
    annas_form["headline_be"] = "Навіна Ганны"
    assert annas.post(change_url(digest), annas_form).status_code == 302

    my_form.update({"headline_be": "Мая навіна", "sections-0-heading_be": "Мой раздзел"})
    response = mine.post(change_url(digest), my_form)

    assert response.status_code == 200
    [error] = errors_of(response)
    saved_at = Version.objects.get_for_object(digest).first().revision.date_created
    with translation.override("be"):
        when = formats.date_format(timezone.localtime(saved_at), "DATETIME_FORMAT")
    assert error.startswith("Не захавана")
    assert f"Ганна Бук, {when}" in error
    page = response.content.decode()
    assert 'value="Мая навіна"' in page
    assert 'value="Мой раздзел"' in page
    digest.refresh_from_db()
    assert digest.headline_be == "Навіна Ганны"
    assert digest.sections.get().heading_be == "Раздзел"


def test_saving_again_after_the_refusal_is_a_choice_and_goes_through(
    clients, admin_form_data, digest
):
    mine, annas = clients
    my_form = admin_form_data(mine.get(change_url(digest)))
    annas.post(change_url(digest), admin_form_data(annas.get(change_url(digest))))
    my_form["headline_be"] = "Мая навіна"

    refused = mine.post(change_url(digest), my_form)
    again = mine.post(change_url(digest), admin_form_data(refused))

    assert again.status_code == 302
    assert Digest.objects.get().headline_be == "Мая навіна"


def test_a_form_saved_twice_in_a_row_by_one_editor_is_accepted(
    admin_client, admin_form_data, digest
):
    first = admin_form_data(admin_client.get(change_url(digest)))
    assert admin_client.post(change_url(digest), first).status_code == 302

    second = admin_form_data(admin_client.get(change_url(digest)))
    second["headline_be"] = "Яшчэ раз"

    assert admin_client.post(change_url(digest), second).status_code == 302
    assert Digest.objects.get().edit_count == 3


@pytest.mark.parametrize("opened", [None, "", "abc", "-1", "9" * 40, "١", "1; DROP"])
def test_a_missing_or_tampered_edit_count_is_a_form_error_not_a_crash(
    clients, admin_form_data, digest, opened
):
    mine, _annas = clients
    data = admin_form_data(mine.get(change_url(digest)))
    data["headline_be"] = "Мая навіна"
    if opened is None:
        del data["edit_count_opened"]
    else:
        data["edit_count_opened"] = opened

    response = mine.post(change_url(digest), data)

    assert response.status_code == 200
    [error] = errors_of(response)
    assert error.startswith("Не захавана")
    assert Digest.objects.get().headline_be == "Першая навіна"


def test_a_publish_in_between_makes_an_open_form_stale(
    clients, admin_form_data, admin_user, digest
):
    from digests.services import publish_digest

    mine, _annas = clients
    data = admin_form_data(mine.get(change_url(digest)))
    publish_digest(digest=Digest.objects.get(), by=admin_user)

    response = mine.post(change_url(digest), data)

    assert response.status_code == 200
    assert errors_of(response)


def test_campaigns_are_guarded_the_same_way(clients, admin_form_data):
    campaign = CampaignFactory(name_be="Кампанія")
    mine, annas = clients
    my_form = admin_form_data(mine.get(change_url(campaign)))
    annas_form = admin_form_data(annas.get(change_url(campaign)))
    annas_form["name_be"] = "Кампанія Ганны"
    annas.post(change_url(campaign), annas_form)
    my_form["name_be"] = "Мая кампанія"

    response = mine.post(change_url(campaign), my_form)

    assert response.status_code == 200
    assert "Ганна Бук" in errors_of(response)[0]
    assert Campaign.objects.get().name_be == "Кампанія Ганны"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks: PostgreSQL runs in CI"
)
@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_concurrent_saves_does_not_overwrite_the_first(
    admin_user, anna, admin_form_data, monkeypatch
):
    from digests.admin import DigestAdmin

    digest = DigestFactory(headline_be="Першая навіна", period_start=datetime.date(2022, 1, 10))
    browsers = []
    for user in (admin_user, anna):
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    forms = [admin_form_data(browser.get(change_url(digest))) for browser in browsers]
    forms[0]["headline_be"] = "Першы"
    forms[1]["headline_be"] = "Другі"
    save_model = DigestAdmin.save_model
    first_is_saving = threading.Event()

    def slow_save_model(self, request, obj, form, change):
        if request.user == admin_user:
            first_is_saving.set()
            threading.Event().wait(0.5)  # the second request arrives meanwhile
        return save_model(self, request, obj, form, change)

    monkeypatch.setattr(DigestAdmin, "save_model", slow_save_model)
    statuses = {}

    def post(number):
        statuses[number] = browsers[number].post(change_url(digest), forms[number]).status_code
        connection.close()

    first = threading.Thread(target=post, args=[0])
    first.start()
    first_is_saving.wait(5)
    second = threading.Thread(target=post, args=[1])
    second.start()
    first.join(10)
    second.join(10)

    assert statuses == {0: 302, 1: 200}
    assert Digest.objects.get().headline_be == "Першы"
