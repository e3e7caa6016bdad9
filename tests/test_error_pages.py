"""Error pages an attacker or an outage can cause: plain pages in the site's look, quiet logs."""

import io
import logging
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from newsroom import log

pytestmark = pytest.mark.django_db

LOGGERS = ["", "django", "django.request", "django.security.DisallowedHost", "newsroom.database"]


@pytest.fixture
def log_output():
    """What the configured log handlers write, in one stream."""
    stream = io.StringIO()
    handlers = {
        handler
        for name in LOGGERS
        for handler in logging.getLogger(name).handlers
        if type(handler) is logging.StreamHandler  # not pytest's own capture
    }
    patches = [mock.patch.object(handler, "stream", stream) for handler in handlers]
    for patch in patches:
        patch.start()
    yield stream
    for patch in patches:
        patch.stop()


@pytest.fixture
def operators(settings, mailoutbox):
    settings.ADMINS = ["ops@example.org"]
    return mailoutbox


@pytest.fixture(autouse=True)
def fresh_outage_report():
    """Each test starts as if the database had never been reported down."""
    log.database_report_due.last = None


def lines(stream):
    return [line for line in stream.getvalue().splitlines() if line.strip()]


# A foreign Host header


@pytest.mark.parametrize("url", ["/en/", "/be/digests/", "/", "/admin/", "/healthz"])
def test_foreign_host_is_a_plain_400_with_one_log_line_and_no_mail(
    client, url, log_output, operators
):
    response = client.get(url, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert 'class="site-header"' in response.content.decode()
    assert len(lines(log_output)) <= 1, log_output.getvalue()
    assert "Traceback" not in log_output.getvalue()
    assert operators == []


def test_foreign_host_page_names_no_address_on_that_host(client):
    content = client.get("/en/", HTTP_HOST="evil.example").content.decode()

    assert "evil.example" not in content
    assert 'rel="alternate"' not in content


@pytest.mark.parametrize(
    ("url", "title"),
    [("/en/", "Bad request"), ("/ru/digests/", "Неверный запрос"), ("/", "Няправільны запыт")],
)
def test_400_page_is_in_the_language_of_the_address_else_belarusian(client, url, title):
    response = client.get(url, HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="en")

    assert f"<h1>{title}</h1>" in response.content.decode()


# The database unreachable


@pytest.fixture
def database_down():
    down = OperationalError('connection to server at "10.0.0.5", port 5432 failed: timeout')
    with mock.patch.object(connection, "cursor", side_effect=down):
        yield


@pytest.mark.parametrize("url", ["/be/", "/ru/digests/", "/en/campaigns/", "/en/meetings/"])
def test_public_page_answers_503_with_retry_after_when_the_database_is_down(
    client, url, database_down
):
    response = client.get(url)

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert 'class="site-header"' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/be/", "Часова недаступна"),
        ("/ru/digests/", "Временно недоступно"),
        ("/en/", "Temporarily unavailable"),
    ],
)
def test_503_page_is_in_the_language_of_the_address_else_belarusian(
    client, url, title, database_down
):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert f"<h1>{title}</h1>" in response.content.decode()


def test_admin_answers_503_when_the_database_is_down(admin_client, database_down):
    response = admin_client.get("/admin/digests/digest/")

    assert response.status_code == 503
    assert "Retry-After" in response
    assert "<h1>Часова недаступна</h1>" in response.content.decode()


def test_outage_is_logged_once_a_minute_without_traceback_or_mail(
    client, database_down, log_output, operators
):
    for _ in range(5):
        assert client.get("/en/").status_code == 503

    logged = lines(log_output)
    assert len(logged) == 1, logged
    assert "The database is unavailable" in logged[0]
    assert "Traceback" not in log_output.getvalue()
    assert operators == []


def test_outage_is_logged_again_after_a_minute(client, database_down, log_output):
    with mock.patch("newsroom.log.time.monotonic", return_value=1000.0):
        client.get("/en/")
        client.get("/en/")
    with mock.patch("newsroom.log.time.monotonic", return_value=1061.0):
        client.get("/en/")

    assert len(lines(log_output)) == 2


def test_lost_connection_in_a_middleware_is_a_503_too(log_output, operators):
    client = Client(raise_request_exception=False)
    lost = InterfaceError("connection already closed")
    with mock.patch.object(SessionMiddleware, "process_response", side_effect=lost):
        response = client.get("/en/")

    assert response.status_code == 503
    assert "Retry-After" in response
    assert len(lines(log_output)) == 1
    assert operators == []


def test_healthz_still_answers_503_as_json_when_the_database_is_down(
    client, database_down, log_output, operators
):
    responses = [client.get("/healthz") for _ in range(3)]

    assert [response.status_code for response in responses] == [503, 503, 503]
    assert responses[0].json()["database"] == "down"
    assert len(lines(log_output)) == 1
    assert operators == []


def test_other_server_errors_still_reach_the_operators(client, operators):
    client.raise_request_exception = False
    with mock.patch("digests.views.HomeView.get", side_effect=ZeroDivisionError):
        response = client.get("/en/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert len(operators) == 1


UNREACHABLE_DATABASE_PROBE = """
import django
django.setup()
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

# Static files as in development: this process has no collected manifest.
plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()

browser = Client(
    raise_request_exception=False, HTTP_HOST="news.example.org", HTTP_X_FORWARDED_PROTO="https"
)
responses = [browser.get(url) for url in ["/be/", "/ru/digests/", "/en/campaigns/"]]
responses.append(browser.post("/admin/login/", {"username": "editor", "password": "x" * 12}))
print([response.status_code for response in responses])
print(all(int(response.get("Retry-After", 0)) > 0 for response in responses))
print(all('class="site-header"' in response.content.decode() for response in responses))
print(len(getattr(mail, "outbox", [])))
"""


def test_production_with_the_database_unreachable_answers_503_and_logs_one_line():
    from tests.test_deployment import PRODUCTION, run_django

    result = run_django(
        ["-c", UNREACHABLE_DATABASE_PROBE],
        **PRODUCTION,
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere",
        ADMINS="ops@example.org",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )

    assert result.stdout.split("\n")[:4] == ["[503, 503, 503, 503]", "True", "True", "0"], (
        result.stdout + result.stderr
    )
    logged = [
        line for line in result.stderr.splitlines() if " ERROR " in line or "Traceback" in line
    ]
    assert len(logged) == 1, result.stderr
    assert "The database is unavailable" in logged[0]
