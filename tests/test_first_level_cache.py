"""Each process's first level in front of Redis (newsroom/caching.py, FirstLevel).

A page held in memory is served only under the generation just read from
Redis: a bump from another process shows at once, and nothing is served from
memory while Redis cannot be asked.
"""

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from digests.models import Digest
from newsroom import caching
from tests.conftest import CACHE_BACKENDS
from tests.factories import DigestFactory, SiteSettingsFactory
from tests.test_page_cache import queries_and_page

pytestmark = pytest.mark.django_db(transaction=True)


class CacheSpy:
    """The cache, noting the keys of every read."""

    def __init__(self, real):
        self.real = real
        self.reads = []

    def get(self, key, *args, **kwargs):
        self.reads.append([key])
        return self.real.get(key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        self.reads.append(list(keys))
        return self.real.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture(autouse=True)
def redis_cache(settings):
    settings.CACHES = {"default": CACHE_BACKENDS["redis"]}
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    caching.first_level.clear()
    SiteSettingsFactory()
    yield
    cache.clear()
    caching.first_level.clear()


@pytest.fixture
def spy(monkeypatch):
    spy = CacheSpy(cache)
    monkeypatch.setattr(caching, "cache", spy)
    return spy


@pytest.fixture
def url():
    digest = DigestFactory(published=True, headline_en="Strike at the tractor works")
    return f"/en/digests/{digest.slug}/"


def page_reads(spy):
    """How many reads asked Redis for something other than the generation or its next change."""
    return sum(
        1
        for keys in spy.reads
        for key in keys
        if key != caching.GENERATION_KEY and not key.endswith(":next-change")
    )


def test_a_page_held_in_memory_costs_one_read_of_the_generation(client, url, spy):
    first = client.get(url)
    spy.reads.clear()

    queries, second = queries_and_page(client, url)

    assert queries == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert spy.reads == [[caching.GENERATION_KEY]]


def test_a_page_kept_by_another_process_is_fetched_once_then_held(client, url, spy):
    client.get(url)
    caching.first_level.clear()  # this process starts afresh; Redis has the page
    spy.reads.clear()

    fetched_queries, fetched = queries_and_page(client, url)
    held_queries, held = queries_and_page(client, url)

    assert fetched_queries == held_queries == 0
    assert held.content == fetched.content
    assert page_reads(spy) == 1


def test_a_bump_in_another_process_shows_at_once(client, url, spy):
    client.get(url)
    client.get(url)
    # Another worker's cache client, writing with no signal here: only Redis knows.
    Digest.objects.update(headline_en="Strike called off")
    other = caches.create_connection("default")
    other.set(caching.GENERATION_KEY, "from-another-worker", timeout=None)

    queries, response = queries_and_page(client, url)

    assert queries > 0
    assert "Strike called off" in response.content.decode()


def test_a_lost_generation_is_not_matched_by_a_page_in_memory(client, url):
    client.get(url)
    Digest.objects.update(headline_en="Strike called off")
    caches.create_connection("default").delete(caching.GENERATION_KEY)

    queries, response = queries_and_page(client, url)

    assert queries > 0
    assert "Strike called off" in response.content.decode()


def test_redis_unavailable_serves_nothing_from_memory(client, url):
    client.get(url)
    assert len(caching.first_level) == 1
    Digest.objects.update(headline_en="Strike called off")
    gone = {"default": {**CACHE_BACKENDS["redis"], "LOCATION": "redis://127.0.0.1:9/0"}}

    with override_settings(CACHES=gone):
        queries, response = queries_and_page(client, url)

    assert queries > 0
    assert response.status_code == 200
    assert "Strike called off" in response.content.decode()


def test_an_unchanged_page_held_in_memory_is_304_without_fetching_it(client, url, spy):
    etag = client.get(url)["ETag"]
    spy.reads.clear()

    queries, response = queries_and_page(client, url, if_none_match=etag)

    assert queries == 0
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert spy.reads == [[caching.GENERATION_KEY]]


def test_the_first_level_drops_the_least_recently_used_page_beyond_its_entries():
    level = caching.FirstLevel(max_entries=2, max_bytes=1000)
    level.put("a", {"content": b"a"})
    level.put("b", {"content": b"b"})
    level.get("a")
    level.put("c", {"content": b"c"})

    assert level.get("b") is None
    assert level.get("a") is not None
    assert level.get("c") is not None
    assert len(level) == 2


def test_the_first_level_keeps_within_its_bytes():
    level = caching.FirstLevel(max_entries=10, max_bytes=100)
    level.put("a", {"content": b"x" * 60})
    level.put("b", {"content": b"x" * 30})
    level.put("a", {"content": b"x" * 50})  # replaces, counted once
    level.put("c", {"content": b"x" * 40})
    level.put("huge", {"content": b"x" * 101})

    assert level.get("b") is None
    assert level.get("huge") is None
    assert level.get("a") is not None and level.get("c") is not None
    assert level.size == 90


def test_the_middleware_stays_within_the_first_levels_bounds(client, monkeypatch):
    monkeypatch.setattr(caching, "first_level", caching.FirstLevel(max_entries=2, max_bytes=10**7))
    digests = DigestFactory.create_batch(3, published=True)

    for digest in digests:
        client.get(f"/en/digests/{digest.slug}/")

    assert len(caching.first_level) == 2


def test_with_local_memory_there_is_no_first_level(client, url, settings):
    settings.CACHES = {"default": CACHE_BACKENDS["locmem"]}
    cache.clear()

    client.get(url)
    queries, _response = queries_and_page(client, url)

    assert queries == 0
    assert len(caching.first_level) == 0
