"""A reader's first visit, measured in the browser: every request of the home page and
of the sample digest on a phone, with an empty cache, at most 60 KB as production
sends it (issues 9 and 10).

The test server sends bodies uncompressed, so each body is compressed here as
production's proxy would (docker/nginx.conf): static files are whitenoise's
gzip files (level 9, kept only when at most 95 % of the original), served by
`gzip_static`; pages and other text types are gzipped on the fly by nginx at
its default level 1, from `gzip_min_length` 1024 bytes; images and fonts go
as they are. Level 1 and gzip rather than Brotli are the worst case a reader
can get. The response headers are counted as the test server sends them,
which are production's (the same middleware) bar nginx's few.
"""

import gzip
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.e2e.conftest import NOTES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

BUDGET = 60 * 1024
# What nginx gzips (text/html always, and docker/nginx.conf's gzip_types).
NGINX_GZIP_TYPES = {
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
}
# whitenoise.compress.Compressor.SKIP_COMPRESS_EXTENSIONS, the files it leaves alone.
WHITENOISE_SKIPS = (
    ".jpg .jpeg .png .gif .webp .zip .gz .tgz .bz2 .tbz .xz .br .swf .flv .woff .woff2 .3gp .3gpp "
    ".asf .avi .m4v .mov .mp4 .mpeg .mpg .webm .wmv"
).split()


def sent_size(path, content_type, body):
    """The bytes of body production sends for path, and how it would compress them."""
    if path.startswith(settings.STATIC_URL):
        if path.lower().endswith(tuple(WHITENOISE_SKIPS)):
            return len(body), "as is"
        compressed = len(gzip.compress(body, compresslevel=9, mtime=0))
        if body and compressed / len(body) <= 0.95:
            return compressed, "gzip -9 (whitenoise)"
        return len(body), "as is"
    if content_type in NGINX_GZIP_TYPES and len(body) >= 1024:
        return len(gzip.compress(body, compresslevel=1, mtime=0)), "gzip -1 (nginx)"
    return len(body), "as is"


def first_visit(browser, url):
    """Every response of a first visit to url on a phone, with what each weighs."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    rows = []
    for response in responses:
        path = urlsplit(response.url).path
        body = response.body()
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        size, how = sent_size(path, content_type, body)
        headers = response.request.sizes()["responseHeadersSize"]
        assert response.status == 200, f"{path} answered {response.status}"
        rows.append((path, content_type, len(body), size, headers, how))
    context.close()
    return rows


def check_first_visit(site, browser, page_type, label=""):
    """Weighs a first visit to a page type in Belarusian, notes the figures, fails over budget."""
    path = site.path(page_type, "be")
    rows = first_visit(browser, site.url + path)
    total = sum(size + headers for _, _, _, size, headers, _ in rows)
    lines = [f"First visit to {path}{label} at 375 px: {total:,} bytes"]
    for request_path, content_type, raw, size, headers, how in rows:
        lines.append(
            f"  {request_path} ({content_type}): {raw:,} bytes, {size:,} sent ({how}) "
            f"+ {headers:,} of headers"
        )
    NOTES.extend(lines)
    assert rows and rows[0][0] == path
    assert total <= BUDGET, "\n".join(lines)
    return rows


@pytest.mark.parametrize("page_type", ["home", "digest"])
def test_a_first_visit_weighs_at_most_60_kb(demo_site, module_browser, page_type):
    check_first_visit(demo_site, module_browser, page_type)
