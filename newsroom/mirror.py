"""The static mirror: the whole public site as plain files, signed.

`manage.py export_site OUTDIR` renders every public page in-process (Django's
test client, no server), starting from the language homes and a few fixed
addresses, and follows each internal link, source, srcset, `<link>` and CSS
`url()`. Internal links become relative paths (`../digests/x/index.html`), so
the tree works on any static host and from disk. SHA256SUMS lists every file;
with MIRROR_SIGNING_KEY it is signed with ed25519 (SHA256SUMS.sig, raw bytes,
checked with `openssl pkeyutl -verify -rawin` against /mirror-signing-key.pub).

A second run compares bytes before writing, so an unchanged file keeps its
modification time, and removes the files of the last run it no longer makes.
"""

import base64
import binascii
import hashlib
import html
import logging
import mimetypes
import os
import posixpath
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
PUBLIC_KEY_PATH = "/mirror-signing-key.pub"
FALLBACK_BASE_URL = "https://example.invalid"
# Addresses no link may lead to but which belong in a mirror when the site has them.
SEEDS = ("/sitemap.xml", "/robots.txt", "/.well-known/security.txt", PUBLIC_KEY_PATH)
# Extensions for a directory-like address that answers something other than HTML.
EXTENSIONS = {
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/calendar": "ics",
    "application/json": "json",
    "application/feed+json": "json",
    "text/plain": "txt",
}
TEXT_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")

# The attributes that hold addresses, by element; `meta content` is only read.
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "form": ("action",),
}
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?(/?)>")
ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)
# The header's search box: a copy has no server to search with, and the box
# would send a reader who came to the copy because the site is blocked
# to the blocked site. Its fold in the header goes with it.
SEARCH_FORM = re.compile(
    r"<details class=\"header-search\">.*?</details>\s*"
    r"|<form\b[^>]*\brole=\"search\"[^>]*>.*?</form>\s*",
    re.DOTALL,
)
REFRESH = re.compile(r"""(content=["']\d+;\s*url=)([^"'\s]+)""", re.IGNORECASE)
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "sms:")


# The signing key ----------------------------------------------------------


def load_signing_key(value=None):
    """The ed25519 key of MIRROR_SIGNING_KEY (hex or base64 of a 32-byte seed, or a PEM file)."""
    value = (settings.MIRROR_SIGNING_KEY if value is None else value).strip()
    if not value:
        return None
    if re.fullmatch(r"[0-9a-fA-F]{64}", value):
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value))
    try:
        seed = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        seed = None
    if seed is not None and len(seed) == 32:
        return Ed25519PrivateKey.from_private_bytes(seed)
    path = Path(value)
    if path.is_file():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(
                f"MIRROR_SIGNING_KEY: {path} is not an unencrypted PEM private key."
            ) from error
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured(f"MIRROR_SIGNING_KEY: {path} is not an ed25519 key.")
        return key
    raise ImproperlyConfigured(
        "MIRROR_SIGNING_KEY must be the base64 or hex of a 32-byte ed25519 seed, or the "
        "path of a PEM file (manage.py export_site --generate-key makes one)."
    )


def new_signing_key():
    """A fresh key as the MIRROR_SIGNING_KEY value (base64 of the seed)."""
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(seed).decode(), key


@dataclass(frozen=True)
class PublicKey:
    """What readers need to check a mirror: the key as a PEM file, in base64 and its fingerprint."""

    pem: str
    base64: str
    fingerprint: str

    @classmethod
    def of(cls, private_key):
        public = private_key.public_key()
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        pem = public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
        return cls(
            pem=pem,
            base64=base64.b64encode(raw).decode(),
            # Of the file readers download, so that `sha256sum` prints the same.
            fingerprint=hashlib.sha256(pem.encode()).hexdigest(),
        )


def published_key():
    """The public half of MIRROR_SIGNING_KEY, or None when mirrors are not signed."""
    key = load_signing_key()
    return PublicKey.of(key) if key else None


# The crawl -----------------------------------------------------------------


@dataclass
class Resource:
    path: str
    content_type: str
    body: bytes = b""
    # A static or media file is read when it is written, not held in memory.
    source: object = None
    file: str = ""

    @property
    def is_html(self):
        return self.content_type.startswith("text/html")

    @property
    def is_css(self):
        return self.content_type.startswith("text/css")

    @property
    def is_text(self):
        return self.content_type.startswith(TEXT_TYPES)

    def read(self):
        if self.source is None:
            return self.body
        with self.source() as handle:
            return handle.read()


@dataclass
class Summary:
    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    broken: dict = field(default_factory=dict)
    total_bytes: int = 0
    seconds: float = 0.0
    signed: bool = False

    @property
    def files(self):
        return len(self.written) + len(self.unchanged)


def file_name(path, content_type):
    """Where the page at `path` lives in the mirror: /be/digests/x/ is be/digests/x/index.html."""
    name = unquote(path).lstrip("/")
    is_html = content_type.startswith("text/html")
    if name == "" or name.endswith("/"):
        extension = "html" if is_html else EXTENSIONS.get(content_type.split(";")[0], "html")
        return f"{name}index.{extension}"
    if is_html and "." not in name.rsplit("/", 1)[-1]:
        return f"{name}.html"
    return name


def is_safe_path(path):
    name = unquote(path)
    return (
        name.startswith("/")
        and "\x00" not in name
        and "\\" not in name
        and ".." not in name.split("/")
        and "." not in name.split("/")[1:-1]
    )


class Mirror:
    def __init__(self, base_url):
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{base_url!r} is not an http(s) address.")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ValueError(f"{base_url!r}: give the site's address without a path.")
        self.scheme = parts.scheme
        self.netloc = parts.netloc
        self.base_url = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.hostname
        self.resources = {}
        self.redirects = {}
        self.broken = {}
        self.queue = []
        languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        self.excluded = re.compile(
            rf"^/(?:{re.escape(settings.ADMIN_URL)}|i18n/|healthz|(?:{languages})/(?:search|preview)/)"
        )
        self.client = Client(HTTP_HOST=self.netloc, raise_request_exception=True)

    # Which addresses ---------------------------------------------------

    def internal(self, url, base_path):
        """(path, query, fragment) of a link to this site, or None for anything else."""
        url = html.unescape(url.strip())
        if not url or url.startswith("#") or url.lower().startswith(SKIPPED_SCHEMES):
            return None
        absolute = urljoin(self.base_url + base_path, url)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != self.netloc:
            return None
        return parts.path or "/", parts.query, parts.fragment

    def mirrored(self, path, query):
        return not query and not self.excluded.match(path) and is_safe_path(path)

    def want(self, path, referrer):
        if path in self.resources or path in self.redirects or path in self.broken:
            if path in self.broken:
                self.broken[path].add(referrer)
            return
        if path not in self.queue:
            self.queue.append(path)
            self.referrers.setdefault(path, set()).add(referrer)

    # Fetching ------------------------------------------------------------

    def crawl(self):
        self.referrers = {}
        for code, _name in settings.LANGUAGES:
            self.queue.append(f"/{code}/")
        for seed in SEEDS:
            resource = self.fetch(seed)
            if resource is not None:
                self.resources[seed] = resource
                self.discover(resource)
        # A seed the site does not have is no broken link.
        self.broken.clear()
        self.resources["/"] = self.root_page()
        self.discover(self.resources["/"])
        while self.queue:
            path = self.queue.pop(0)
            if path in self.resources or path in self.redirects or path in self.broken:
                continue
            resource = self.fetch(path)
            if resource is not None:
                self.resources[path] = resource
                self.discover(resource)

    def get(self, path):
        return self.client.get(path, secure=self.scheme == "https")

    def fetch(self, path, hops=0):
        resource = self.from_storage(path)
        if resource is not None:
            return resource
        response = self.get(path)
        if response.status_code in (301, 302, 303, 307, 308) and hops < 5:
            target = self.internal(response["Location"], path)
            if target and self.mirrored(target[0], target[1]):
                self.redirects[path] = target[0]
                self.want(target[0], path)
                return None
        if response.status_code != 200:
            self.broken[path] = self.referrers.get(path, set())
            return None
        body = b"".join(response) if response.streaming else response.content
        content_type = response.get("Content-Type", "application/octet-stream")
        return Resource(path=path, content_type=content_type, body=body)

    def from_storage(self, path):
        """A static file or an upload, read where it is stored (the proxy serves them online)."""
        name = unquote(path)
        for prefix, finder in (
            (settings.STATIC_URL, self.static_file),
            (settings.MEDIA_URL, self.media_file),
        ):
            if prefix.startswith("/") and name.startswith(prefix):
                opener = finder(name.removeprefix(prefix))
                if opener is None:
                    return None
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                resource = Resource(path=path, content_type=content_type, source=opener)
                if resource.is_css:
                    resource.body, resource.source = resource.read(), None
                return resource
        return None

    @staticmethod
    def static_file(name):
        found = finders.find(name)
        if found:
            return lambda: open(found, "rb")  # noqa: SIM115
        if staticfiles_storage.exists(name):
            return lambda: staticfiles_storage.open(name)
        return None

    @staticmethod
    def media_file(name):
        if default_storage.exists(name):
            return lambda: default_storage.open(name)
        return None

    def root_page(self):
        """The root: it chooses a language by the browser's online, the reader does here."""
        request = RequestFactory().get("/", HTTP_HOST=self.netloc, secure=self.scheme == "https")
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "newsroom/mirror_root.html",
                {
                    "languages": [
                        {"code": code, "name": translation.get_language_info(code)["name_local"]}
                        for code, _name in settings.LANGUAGES
                    ]
                },
                request=request,
            )
        return Resource(path="/", content_type="text/html; charset=utf-8", body=body.encode())

    # Links -------------------------------------------------------------

    def discover(self, resource):
        if not (resource.is_html or resource.is_css or resource.is_text):
            return
        text = resource.body.decode("utf-8", "replace")
        if resource.is_html:
            for _tag, name, value in self.html_links(text):
                if name == "srcset":
                    for part in html.unescape(value).split(","):
                        if part.strip():
                            self.want_url(part.split()[0], resource.path)
                else:
                    self.want_url(value, resource.path)
            for found in REFRESH.finditer(text):
                self.want_url(found.group(2), resource.path)
        if resource.is_css:
            for match in CSS_URL.finditer(text):
                self.want_url(next(g for g in match.groups() if g is not None), resource.path)
        # Full addresses anywhere: sitemaps, feeds, robots.txt, og:image, JSON-LD.
        for match in re.finditer(re.escape(self.base_url) + r"/[^\s\"'<>]*", text):
            self.want_url(match.group(0), resource.path)

    def want_url(self, url, base_path):
        target = self.internal(url, base_path)
        if target and self.mirrored(target[0], target[1]):
            self.want(target[0], base_path)

    def html_links(self, text):
        for tag in TAG.finditer(text):
            element = tag.group(1).lower()
            names = LINK_ATTRIBUTES.get(element, ())
            for attribute in ATTRIBUTE.finditer(tag.group(2) or ""):
                name = attribute.group(1).lower()
                if name in names:
                    value = next((g for g in attribute.groups()[2:] if g is not None), "")
                    yield element, name, value

    # Writing links ---------------------------------------------------------

    def final(self, path):
        seen = set()
        while path in self.redirects and path not in seen:
            seen.add(path)
            path = self.redirects[path]
        return path

    def relative(self, url, resource):
        """`url` as seen from `resource` in the mirror: relative when mirrored, else unchanged."""
        target = self.internal(url, resource.path)
        if target is None:
            return url
        path, query, fragment = target
        if not self.mirrored(path, query):
            # Search, the admin and filtered lists need the server: the site's own address.
            online = self.base_url + path + (f"?{query}" if query else "")
            return online + (f"#{fragment}" if fragment else "")
        linked = self.resources.get(self.final(path))
        name = linked.file if linked else file_name(path, "text/html")
        here = posixpath.dirname(resource.file)
        relative = posixpath.relpath(name, here or ".")
        return quote(relative, safe="/-._~!$&'()*+,;=:@%") + (f"#{fragment}" if fragment else "")

    def rewrite_html(self, resource):
        text = SEARCH_FORM.sub("", resource.body.decode("utf-8"))

        def tag(match):
            element = match.group(1).lower()
            names = LINK_ATTRIBUTES.get(element)
            attributes = match.group(2) or ""
            if element == "meta" and REFRESH.search(attributes):
                return REFRESH.sub(
                    lambda found: found.group(1) + self.relative(found.group(2), resource),
                    match.group(0),
                )
            if not names or not attributes:
                return match.group(0)
            keep_absolute = element == "link" and (
                "canonical" in attributes.lower() or "hreflang" in attributes.lower()
            )

            def attribute(found):
                name = found.group(1).lower()
                if name not in names:
                    return found.group(0)
                # The attribute as the browser reads it: escaped once more below.
                value = html.unescape(next((g for g in found.groups()[2:] if g is not None), ""))
                if element == "form":
                    new = self.online(value, resource)
                elif keep_absolute and value.startswith(self.base_url):
                    return found.group(0)
                elif name == "srcset":
                    new = ", ".join(
                        " ".join([self.relative(part.split()[0], resource), *part.split()[1:]])
                        for part in html.unescape(value).split(",")
                        if part.strip()
                    )
                else:
                    new = self.relative(value, resource)
                return f'{found.group(1)}="{html.escape(new, quote=True)}"'

            return f"<{match.group(1)}{ATTRIBUTE.sub(attribute, attributes)}{match.group(3)}>"

        return TAG.sub(tag, text).encode()

    def online(self, url, resource):
        target = self.internal(url or resource.path, resource.path)
        if target is None:
            return url
        path, query, _fragment = target
        return self.base_url + path + (f"?{query}" if query else "")

    def rewrite_css(self, resource):
        text = resource.body.decode("utf-8")

        def replace(match):
            value = next(g for g in match.groups() if g is not None)
            if not value.startswith("/") and not value.startswith(self.base_url):
                return match.group(0)  # already relative: it works as it is
            return match.group(0).replace(value, self.relative(value, resource))

        return CSS_URL.sub(replace, text).encode()

    # The whole export ------------------------------------------------------

    def files(self):
        """{relative file name: Resource}, with links rewritten, in a stable order."""
        for path, resource in self.resources.items():
            resource.file = "index.html" if path == "/" else file_name(path, resource.content_type)
        produced = {}
        for resource in self.resources.values():
            if resource.is_html:
                resource.body = self.rewrite_html(resource)
            elif resource.is_css:
                resource.body = self.rewrite_css(resource)
            produced[resource.file] = resource
        return dict(sorted(produced.items()))


def owned_files(outdir):
    """The files the last export wrote, as its SHA256SUMS lists them."""
    sums = outdir / SUMS
    if not sums.is_file():
        return set()
    names = {SUMS, SIGNATURE}
    for line in sums.read_text("utf-8").splitlines():
        if "  " in line:
            names.add(line.split("  ", 1)[1])
    return names


def write_if_changed(target, data):
    """True when written; an unchanged file is not touched, so its mtime stays."""
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".export-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def export_site(outdir, *, base_url, signing_key=None):
    """Writes the mirror into `outdir` and returns a Summary."""
    started = time.monotonic()
    outdir = Path(outdir).resolve()
    mirror = Mirror(base_url)
    hosts = [*settings.ALLOWED_HOSTS, mirror.host]
    # A seed the site lacks (no sitemap yet) is expected: no log line per run.
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    try:
        with override_settings(ALLOWED_HOSTS=hosts, SECURE_SSL_REDIRECT=False):
            mirror.crawl()
            produced = mirror.files()
    finally:
        request_log.setLevel(level)
    summary = Summary(broken={path: sorted(refs) for path, refs in mirror.broken.items()})
    previous = owned_files(outdir)
    sums = []
    for name, resource in produced.items():
        target = (outdir / name).resolve()
        if not target.is_relative_to(outdir):
            continue
        data = resource.read()
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
        summary.total_bytes += len(data)
        (summary.written if write_if_changed(target, data) else summary.unchanged).append(name)
    extra = {SUMS: "".join(sums).encode()}
    if signing_key is not None:
        extra[SIGNATURE] = signing_key.sign(extra[SUMS])
        summary.signed = True
    for name, data in extra.items():
        summary.total_bytes += len(data)
        target = outdir / name
        (summary.written if write_if_changed(target, data) else summary.unchanged).append(name)
    for name in sorted(previous - set(produced) - set(extra)):
        target = (outdir / name).resolve()
        if target.is_relative_to(outdir) and target.is_file():
            target.unlink()
            summary.removed.append(name)
            remove_empty_parents(target.parent, outdir)
    summary.seconds = time.monotonic() - started
    return summary


def remove_empty_parents(directory, outdir):
    while directory != outdir and directory.is_relative_to(outdir):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
