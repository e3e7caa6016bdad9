"""newsroom/prepared.py: a QuerySet's SQL made once, run with new values, same results."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from digests.models import Digest
from digests.rendering import find_published
from newsroom.models import SiteSettings, SocialLink
from newsroom.prepared import Prepared

from .factories import DigestFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 3, 1, 12, 0))


def by_slug_query(slug, now):
    return Digest.objects.published(now=now).filter(slug=slug)


def test_each_call_runs_with_its_own_values():
    first = DigestFactory(
        status=Digest.Status.PUBLISHED, published_at=NOW - datetime.timedelta(days=2)
    )
    second = DigestFactory(
        status=Digest.Status.PUBLISHED, published_at=NOW - datetime.timedelta(days=1)
    )
    by_slug = Prepared(by_slug_query, slug=str, now=datetime.datetime)

    assert by_slug(slug=first.slug, now=NOW) == [first]
    assert by_slug(slug=second.slug, now=NOW) == [second]
    # The time is a value too: before it was published, the digest is not found.
    assert by_slug(slug=second.slug, now=NOW - datetime.timedelta(days=1, hours=1)) == []
    assert by_slug(slug="no-such-digest", now=NOW) == []


def test_results_are_what_the_queryset_gives():
    digest = DigestFactory(
        status=Digest.Status.PUBLISHED, published_at=NOW - datetime.timedelta(days=1)
    )
    by_slug = Prepared(
        lambda slug, now: by_slug_query(slug, now).select_related("cover"),
        slug=str,
        now=datetime.datetime,
    )
    (found,) = by_slug(slug=digest.slug, now=NOW)
    (expected,) = by_slug_query(digest.slug, NOW).select_related("cover")
    assert {f.attname: getattr(found, f.attname) for f in Digest._meta.concrete_fields} == {
        f.attname: getattr(expected, f.attname) for f in Digest._meta.concrete_fields
    }
    assert found._state.adding is False and found._state.db == "default"
    titles = Prepared(
        lambda slug: Digest.objects.filter(slug=slug).values_list("slug", flat=True), slug=str
    )
    assert titles(slug=digest.slug) == [digest.slug]


def test_sql_is_made_once_then_only_run():
    digest = DigestFactory(
        status=Digest.Status.PUBLISHED, published_at=NOW - datetime.timedelta(days=1)
    )
    built = []

    def build(slug, now):
        built.append(slug)
        return by_slug_query(slug, now)

    by_slug = Prepared(build, slug=str, now=datetime.datetime)
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert by_slug(slug=digest.slug, now=NOW) == [digest]
        assert len(queries) == 1
    # Twice with stand-ins, to check that the SQL does not depend on them; never again.
    assert len(built) == 2
    assert digest.slug not in built


def test_each_language_has_its_own_sql():
    # modeltranslation writes a translated field's lookup in the active language.
    digest = DigestFactory(title_be="Беларуская", title_ru="Русский", title_en="English")
    by_title = Prepared(lambda title: Digest.objects.filter(title=title), title=str)
    with translation.override("be"):
        assert by_title(title="Беларуская") == [digest]
        assert by_title(title="English") == []
    with translation.override("en"):
        assert by_title(title="English") == [digest]


def test_a_query_whose_sql_depends_on_its_values_is_refused():
    letters = Prepared(lambda slug: Digest.objects.filter(slug__in=list(slug)), slug=str)
    with pytest.raises(ImproperlyConfigured):
        letters(slug="ab")
    # A value changed on its way to the SQL would be put in as it was given.
    upper = Prepared(lambda slug: Digest.objects.filter(slug=slug.upper()), slug=str)
    with pytest.raises(ImproperlyConfigured):
        upper(slug="a")
    unused = Prepared(lambda slug: Digest.objects.all(), slug=str)
    with pytest.raises(ImproperlyConfigured):
        unused(slug="a")


def test_wrong_values_are_refused():
    by_slug = Prepared(by_slug_query, slug=str, now=datetime.datetime)
    with pytest.raises(TypeError):
        by_slug(slug="a")
    with pytest.raises(TypeError):
        by_slug(slug=1, now=NOW)
    with pytest.raises(ValueError):
        by_slug(slug="a", now=datetime.datetime(2026, 1, 1))


def test_the_page_reads_match_their_querysets():
    digest = DigestFactory(published=True)
    assert find_published(digest.slug) == digest
    assert find_published(digest.slug + "-not") is None
    unpublished = DigestFactory()
    assert find_published(unpublished.slug) is None


def test_site_settings_show_a_new_social_link_at_once():
    SiteSettings.load()
    site = SiteSettings.load()
    assert site.social_profiles == []
    SocialLink.objects.create(site=site, network="telegram", url="https://t.me/example", position=1)
    assert [link.url for link in SiteSettings.load().social_profiles] == ["https://t.me/example"]
