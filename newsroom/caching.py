"""Public pages from Django's cache, as fresh as the database at every moment.

The one rule: every write goes through the services or the content signals,
which bump the generation. The generation is a token in the cache that every
cached page is kept with: bumping it (after the write's transaction commits)
makes every public page, in every language, render again on its next request.
Pages are not worth telling apart: a digest's title shows on the home page,
the archive, its neighbours, tags, campaigns, feeds, the sitemap and search.

- The content signals below cover every save and delete of a model of ours
  that a public page can show, however it is made: the admin, its actions,
  revisions restored, commands, a shell. Writes that send no signals
  (QuerySet.update(), bulk_create()) call content_changed() themselves: they
  live in the services (digests.services.record_translations).
- Time changes pages without any write: at midnight in the site's time zone
  (action items are shown from and until a day, "today" moves) and when a
  scheduled digest comes due. Each page is kept only until the next such
  moment (next_change()), which apps register with expires_at().

Only anonymous readers' GET and HEAD requests of public pages are answered
from the cache: a request with a session cookie (staff) goes around it, both
ways, and so do previews and the admin. Only a 200 that sets no cookie,
does not vary on cookies and carries no Cache-Control of its own is kept.

Public pages get their ETag (a hash of the body, made once per rendering and
kept with it) and Last-Modified here, with a 304 from the kept entry:
Django's ConditionalGetMiddleware would hash every body again, after the work.

With Redis, each process also keeps the pages it served last in its own
memory (FirstLevel: least recently used first out, bounded in entries and
bytes). A request still reads the current generation from Redis, one small
GET, and a page held in memory is served only if it was kept under that
generation and before its time is up: a bump by any worker or replica shows
at once, and the body travels from Redis only when this process has no
current copy. Redis unavailable, nothing is served from memory (its
generation cannot be checked): pages are rendered. With local memory as the
cache there is no first level: the cache is already in the process.
"""

import datetime
import hashlib
import logging
import math
import secrets
import threading
from collections import OrderedDict

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.cache.backends import redis as redis_backend
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date
from redis.exceptions import RedisError

from .log import OncePer

logger = logging.getLogger(__name__)
# Redis gone: pages are rendered for every request, said once a minute.
cache_report_due = OncePer(60)

# Browsers and the proxy keep a page for a minute at most (the proxy's own
# micro-cache in docker/nginx.conf is shorter); for the next 30 seconds a
# browser may show its copy once while it fetches the new one.
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=30"
# Staff's views of public pages are their own, and always asked for again.
STAFF_CACHE_CONTROL = "private, no-cache"

# Addresses outside the language prefixes that are public pages. The sitemap
# lists every language's addresses whichever is active: the Vary:
# Accept-Language that LocaleMiddleware gives unprefixed addresses is moot.
PUBLIC_PATHS = {"/sitemap.xml"}
# However long nothing changes, a page is rendered again after an hour: a bump
# lost to a cache outage at the wrong moment shows for an hour at most.
LONGEST = datetime.timedelta(hours=1)
# Longer addresses (a search for a whole paragraph) are answered, not kept.
MAX_KEPT_ADDRESS = 500
# Each process's first level in front of Redis: a digest page is some 30 KB.
FIRST_LEVEL_ENTRIES = 1000
FIRST_LEVEL_BYTES = 16 * 1024 * 1024

# Models of the content apps that no public page shows: saving them changes nothing there.
CONTENT_APPS = {"newsroom", "campaigns", "digests", "taggit"}
PRIVATE_MODELS = {
    "digests.previewlink",
    "newsroom.auditentry",
    "newsroom.editorpreference",
    "newsroom.loginfailures",
    "newsroom.staffsession",
}

# A page cached from one database is never served from another (a benchmark's, say).
_database = settings.DATABASES["default"]
PREFIX = (
    "newsroom:page:"
    + hashlib.sha256(
        f"{_database.get('HOST')}:{_database.get('PORT')}:{_database['NAME']}".encode()
    ).hexdigest()[:8]
)
GENERATION_KEY = f"{PREFIX}:generation"

_expiry_sources = []


def expires_at(source):
    """Register `source(now)`: the next time after `now` its content changes by itself, or None."""
    _expiry_sources.append(source)
    return source


def next_midnight(now):
    today = timezone.localtime(now).date()
    return timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )


expires_at(next_midnight)


def next_change(now, *, generation):
    """The first moment after `now` when some page changes without a write.

    Kept with the generation: only a write (which bumps it) can bring a
    scheduled digest forward, so it is asked for once per generation and moment.
    """
    key = f"{PREFIX}:{generation}:next-change"
    moment = cache.get(key)
    if moment is None or moment <= now:
        moment = min(m for source in _expiry_sources if (m := source(now)) is not None)
        cache.set(key, moment, timeout=_seconds_until(moment, now))
    return moment


def _seconds_until(moment, now):
    return max(1, math.ceil((moment - now).total_seconds()))


class RedisCacheClient(redis_backend.RedisCacheClient):
    """Django's, keeping one redis-py client per pool rather than making one per call.

    Making one sets up some 170 response callbacks: a third of a cache hit's time.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(redis_backend.RedisCache):
    """The cache backend with REDIS_URL (newsroom/settings.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


# The generation.


def generation(value=None):
    """The current generation; `value` is what a get_many() with it just read."""
    if value is None:
        value = cache.get(GENERATION_KEY)
    if value is None:
        # Lost (a restarted Redis, a culled entry): a new one, never used before.
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump():
    """Every public page is out of date: the next request of each renders it again."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def content_changed(*, using=None):
    """Public content changes in this transaction: bump once it commits (at once outside one).

    Before the commit a reader's request would still render the old content,
    and keep it under the new generation.
    """
    transaction.on_commit(bump, using=using, robust=True)


def _shows_publicly(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in PRIVATE_MODELS


def _saved_or_deleted(sender, using=None, **kwargs):
    if _shows_publicly(sender):
        content_changed(using=using)


def _links_changed(sender, action, using=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _shows_publicly(sender):
        content_changed(using=using)


def _migrated(sender, using=None, **kwargs):
    content_changed(using=using)


post_save.connect(_saved_or_deleted, dispatch_uid="page_cache_saved")
post_delete.connect(_saved_or_deleted, dispatch_uid="page_cache_deleted")
m2m_changed.connect(_links_changed, dispatch_uid="page_cache_links")
post_migrate.connect(_migrated, dispatch_uid="page_cache_migrated")


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    """Local memory is each process's own: a publish would clear one worker's pages only."""
    if settings.PAGE_CACHE_ENABLED and settings.CACHES["default"]["BACKEND"].endswith(
        ".LocMemCache"
    ):
        return [
            checks.Warning(
                "Public pages are cached in each process's own memory: after a publish, "
                "other gunicorn workers and replicas keep serving the pages of before.",
                hint="Set REDIS_URL (compose.yaml does), or PAGE_CACHE=0.",
                id="newsroom.W010",
            )
        ]
    return []


# The first level: pages in this process's memory, in front of Redis.


class FirstLevel:
    """The last pages kept or fetched, by page key, least recently used out first.

    An entry is the one kept in the cache, with its generation: whoever uses
    it compares that with the current one.
    """

    def __init__(self, *, max_entries, max_bytes):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                self._entries.move_to_end(key)
            return kept

    def put(self, key, kept):
        size = len(kept["content"])
        with self._lock:
            self._remove(key)
            if size > self.max_bytes:
                return
            self._entries[key] = kept
            self.size += size
            while len(self._entries) > self.max_entries or self.size > self.max_bytes:
                self._remove(next(iter(self._entries)))

    def clear(self):
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self):
        return len(self._entries)

    def _remove(self, key):
        kept = self._entries.pop(key, None)
        if kept is not None:
            self.size -= len(kept["content"])


first_level = FirstLevel(max_entries=FIRST_LEVEL_ENTRIES, max_bytes=FIRST_LEVEL_BYTES)


def _first_level():
    """The first level, or None when the cache itself is in this process's memory."""
    if settings.CACHES["default"]["BACKEND"].endswith(".LocMemCache"):
        return None
    return first_level


# Requests and responses.


def is_public_page(request):
    path = request.path
    if path in PUBLIC_PATHS:
        return True
    language, slash, rest = path[1:].partition("/")
    return (
        bool(slash)
        and language in {code for code, _name in settings.LANGUAGES}
        # A preview's address is a secret, and its digest may not be published.
        and not rest.startswith("preview/")
    )


def _is_reader(request):
    return request.method in {"GET", "HEAD"} and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _page_key(request):
    # The generation is kept in the entry, not in the key: one round trip to
    # Redis reads both, and a new rendering replaces the old one.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{PREFIX}:{hashlib.sha256(address.encode()).hexdigest()}"


def _is_kept(request, response):
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    if request.path in PUBLIC_PATHS:
        vary.discard("accept-language")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and vary <= {"accept-encoding"}
    )


def _validators(response, *, modified):
    response["ETag"] = '"' + _fingerprint(response)[:32] + '"'
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL


def _fingerprint(response):
    """A SHA-256 of the response's content, cut to 128 bits in the ETag (with the CPU's
    SHA instructions 2.5 times as fast as BLAKE2); the response's own when it made one
    of these very bytes (digests.rendering.KeptArticleResponse)."""
    content = response.content
    made = getattr(response, "content_fingerprint", None)
    if made is not None and made[0] is content:
        return made[1]
    return hashlib.sha256(content).hexdigest()


def _answer(request, response):
    """The response, or 304 Not Modified when the reader's copy is the same."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date(response["Last-Modified"]),
        response=response,
    )


def _report(error):
    if cache_report_due():
        logger.error(
            "The cache is unavailable, pages are rendered for every request "
            "(repeated at most once a minute): %s: %s",
            type(error).__name__,
            error,
        )


class PageCacheMiddleware:
    """Answers readers' requests of public pages from the cache, with ETag and Last-Modified.

    It comes before the session, locale and CSRF middleware, which a cached
    page no longer needs, and after the security headers', which each
    response gets as it leaves. With PAGE_CACHE_ENABLED off, pages still get
    their validators and Cache-Control, rendered each time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_page(request):
            return self.get_response(request)
        if not _is_reader(request):
            response = self.get_response(request)
            if response.status_code == 200 and not response.has_header("Cache-Control"):
                response["Cache-Control"] = STAFF_CACHE_CONTROL
            return response
        if not settings.PAGE_CACHE_ENABLED:
            return self._render(request)
        if len(request.path) + len(request.META.get("QUERY_STRING", "")) > MAX_KEPT_ADDRESS:
            return self._render(request)
        key = _page_key(request)
        local = _first_level()
        held = local.get(key) if local is not None else None
        try:
            if held is None:
                found = cache.get_many([GENERATION_KEY, key])
                current = generation(found.get(GENERATION_KEY))
                kept = found.get(key)
            else:
                # Only the generation from Redis; the page too if the one held is outdated.
                current = generation()
                kept = held if held["generation"] == current else cache.get(key)
        except RedisError as error:
            _report(error)
            return self._render(request)
        if kept is not None and kept["generation"] == current and timezone.now() < kept["until"]:
            if local is not None and kept is not held:
                local.put(key, kept)
            response = HttpResponse(kept["content"], status=kept["status"])
            for name, value in kept["headers"]:
                response[name] = value
            return _answer(request, response)
        return self._render(request, generation=current, key=key)

    def _render(self, request, *, generation=None, key=None):
        now = timezone.now()
        response = self.get_response(request)
        if not _is_kept(request, response):
            return response
        _validators(response, modified=now.timestamp())
        if generation is not None:
            try:
                self._keep(response, generation=generation, key=key, now=now)
            except RedisError as error:
                _report(error)
        return _answer(request, response)

    def _keep(self, response, *, generation, key, now):
        until = min(next_change(now, generation=generation), now + LONGEST)
        kept = {
            "generation": generation,
            "content": response.content,
            "status": response.status_code,
            "headers": list(response.items()),
            "until": until,
        }
        cache.set(key, kept, timeout=_seconds_until(until, now))
        if (local := _first_level()) is not None:
            local.put(key, kept)
