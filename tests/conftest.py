import os

import pytest
from django.conf import settings
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils import translation


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a directory thrown away after each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Logging in is not what these tests are about; real hashing would make them slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings):
    """Public pages are rendered for every request, and nothing cached outlives a test.

    Query counts count the rendering; tests/test_page_cache.py and
    tests/test_conditional_get.py turn the page cache on where they test it.
    """
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = False
    cache.clear()
    yield
    cache.clear()


# The page cache's backends: each cache test runs against both.
CACHE_BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {
        "BACKEND": "newsroom.caching.RedisCache",
        "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3"),
    },
}


@pytest.fixture(params=sorted(CACHE_BACKENDS))
def page_cache(request, settings):
    """The page cache on, in local memory and in Redis in turn, with site settings."""
    from django.core.cache import cache

    from tests.factories import SiteSettingsFactory

    settings.CACHES = {"default": CACHE_BACKENDS[request.param]}
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    SiteSettingsFactory()
    yield request.param
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, whatever the last request set."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def digest_periods_from_the_first():
    """Each test's digests start a period after the factory's first.

    The periods follow one another fortnightly for the whole session
    otherwise, and after a couple of thousand digests they pass the last
    year the site accepts, failing whichever test comes next. Not the first
    period itself: that is the demo's sample digest's.
    """
    from tests.factories import DigestFactory

    DigestFactory.reset_sequence(1)


@pytest.fixture
def staff_member(django_user_model):
    """Makes a staff member in one of the newsroom's roles (newsroom.roles)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from newsroom.roles import sync_roles

    def make(role, username=None):
        if not Group.objects.filter(name=role).exists():
            # A transactional test has flushed what the migration created.
            sync_roles(apps)
        user = django_user_model.objects.create_user(
            username=username or role.lower(), password="a-long-editor-password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def editor(staff_member):
    """A staff member in the Editor role."""
    return staff_member("Editor", username="editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client(admin_client):
    """The superuser's browser, asking for the admin in English so messages read as written."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture(params=["be", "ru", "en"])
def admin_language(request, admin_client):
    """The superuser's browser asking for the admin in each language in turn, be first."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = request.param
    return request.param


def _field_values(bound_field):
    widget = bound_field.field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    context = widget.get_context(bound_field.html_name, bound_field.value(), {})["widget"]
    for part in context.get("subwidgets") or [context]:
        if part.get("type") == "file":
            continue
        if part.get("type") == "checkbox":
            if part["attrs"].get("checked"):
                yield part["name"], "on"
            continue
        value = part["value"]
        if isinstance(value, list):
            if getattr(widget, "allow_multiple_selected", False):
                yield part["name"], [v for v in value if v]
            else:
                yield part["name"], value[0] if value else ""
        else:
            yield part["name"], "" if value is None else value


def _form_values(form):
    data = {}
    for bound_field in form:
        if not bound_field.field.disabled:
            data.update(_field_values(bound_field))
    return data


@pytest.fixture
def admin_form_data():
    """What a browser would post back from an admin add or change page left as it is."""

    def collect(response):
        assert response.status_code == 200, response.status_code
        data = _form_values(response.context["adminform"].form)
        for inline in response.context["inline_admin_formsets"]:
            formset = inline.formset
            data.update(_form_values(formset.management_form))
            for form in formset.forms:
                data.update(_form_values(form))
        return data

    return collect


ADD_DIGEST = "/admin/digests/digest/add/"


@pytest.fixture
def post_new_digest(admin_client, admin_form_data):
    """Fill in the digest form for 10–23 January 2022, with changes, and save it."""

    def post(fields=None, activity_list=()):
        data = admin_form_data(admin_client.get(ADD_DIGEST))
        data.update(
            {
                "period_start": "2022-01-10",
                "period_end": "2022-01-23",
                "status": "draft",
                "headline_be": "Галоўная навіна",
                **(fields or {}),
            }
        )
        data["action_entries-TOTAL_FORMS"] = str(len(activity_list))
        for number, item in enumerate(activity_list):
            data[f"action_entries-{number}-action_item"] = str(item.pk)
            data[f"action_entries-{number}-position"] = str(number)
        return admin_client.post(ADD_DIGEST, data)

    return post
