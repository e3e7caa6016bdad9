"""The admin lives at ADMIN_URL ("admin/" unless set), checked at start-up."""

import importlib

import pytest
from django.urls import clear_url_caches, reverse

from tests.test_deployment import SETUP, run_django

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_at(settings):
    """Rebuild the URLs with the admin at another address, and back afterwards."""
    import newsroom.urls

    def move(address):
        settings.ADMIN_URL = address
        importlib.reload(newsroom.urls)
        clear_url_caches()

    yield move
    settings.ADMIN_URL = "admin/"
    importlib.reload(newsroom.urls)
    clear_url_caches()


def test_the_admin_is_at_admin_by_default(client):
    assert reverse("admin:index") == "/admin/"
    assert reverse("staff_sessions") == "/admin/my-sessions/"
    assert client.get("/admin/").status_code == 302


def test_the_admin_moves_with_admin_url(admin_at, admin_client):
    admin_at("desk-7f3k/")

    assert reverse("admin:index") == "/desk-7f3k/"
    assert admin_client.get("/desk-7f3k/").status_code == 200
    assert admin_client.get("/desk-7f3k/my-sessions/").status_code == 200
    assert admin_client.get("/desk-7f3k/password_change/").status_code == 200
    assert admin_client.get("/admin/").status_code == 404
    assert admin_client.get("/admin/login/").status_code == 404


def test_the_log_in_page_and_lockout_work_at_another_address(admin_at, client, editor):
    admin_at("office/desk/")
    login = reverse("admin:login")

    responses = [
        client.post(login, {"username": "editor", "password": f"wrong-{n}"}) for n in range(5)
    ]

    assert login == "/office/desk/login/"
    assert [r.status_code for r in responses] == [200] * 4 + [429]


@pytest.mark.parametrize(
    "address", ["/admin/", "admin", "", "be/", "static/x/", "../admin/", "a b/", "admin//", ".x/"]
)
def test_a_malformed_or_taken_admin_url_stops_start_up(address):
    result = run_django(SETUP, DEBUG="1", ADMIN_URL=address)

    assert result.returncode != 0
    assert "ADMIN_URL" in result.stderr


def test_a_good_admin_url_starts():
    result = run_django(SETUP, DEBUG="1", ADMIN_URL="desk-7f3k/")

    assert result.returncode == 0, result.stderr
