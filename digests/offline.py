"""The offline edition: a digest as one HTML file that needs nothing else.

Readers forward it in messengers and open it from disk, often with no
connection at all: the styles are inlined, the images embedded as data: URIs,
and nothing in it loads anything. Hyperlinks stay (they load nothing until
clicked) and all of them are absolute, so they work from a saved file.

The bytes depend only on the digest's data and the site's address: no time
of the request, so the static mirror rewrites the file only when it changes.
"""

import base64
import re

from django.contrib.staticfiles import finders

# One moderate width for every image: enough for a phone or a laptop's column.
EMBEDDED_WIDTH = 960
MIME_TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
_SITE_LINK = re.compile(r'href="/(?![/\\])')


def stylesheet():
    """The site's styles, and its print styles for printing, as one <style> text."""
    site = _read_static("css/site.css")
    printing = _read_static("css/print.css")
    return f"{site}\n@media print {{\n{printing}}}\n"


def _read_static(path):
    found = finders.find(path)
    with open(found, encoding="utf-8") as file:
        return file.read()


def embedded_image(image):
    """{"src": data URI, "width", "height"} of one rendition of `image`, or None.

    WebP first (smallest), then the JPEG or PNG copy, then the original: an
    image whose files are gone is left out rather than failing the edition.
    """
    if image is None:
        return None
    storage = image.file.storage
    candidates = []
    for image_format in ("WEBP", image.fallback_format):
        renditions = image.renditions(image_format)
        fitting = [r for r in renditions if r[1] <= EMBEDDED_WIDTH] or renditions[:1]
        candidates.append((fitting[-1][0], fitting[-1][1], image_format))
    original_format = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}.get(
        image.file.name.rsplit(".", 1)[-1].lower()
    )
    if original_format:
        candidates.append((image.file.name, image.width, original_format))
    for name, width, image_format in candidates:
        try:
            with storage.open(name, "rb") as file:
                content = file.read()
        except (OSError, ValueError):
            continue
        encoded = base64.b64encode(content).decode("ascii")
        return {
            "src": f"data:{MIME_TYPES[image_format]};base64,{encoded}",
            "width": width,
            "height": max(1, round(image.height * width / image.width)),
        }
    return None


def absolute_links(html, site_url):
    """Sanitised rich text with this site's addresses ("/en/...") made absolute."""
    return _SITE_LINK.sub(f'href="{site_url}/', html or "")
