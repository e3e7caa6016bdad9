"""The first visit of test_first_visit, with a cover photograph on every digest: the
demo has no pictures, and the 60 KB budget counts the images a phone loads."""

import io
import random

import pytest
from PIL import Image as Picture

from tests.e2e.test_first_visit import check_first_visit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def photograph(seed, width=1600, height=1000):
    """A JPEG with detail at every scale, as a photograph has, unlike a flat colour.

    Random noise at five scales, blended: its 480 px WebP copy weighs about
    28 KB, as a news photograph's does (20 to 40 KB).
    """
    generator = random.Random(seed)
    picture = None
    for octave, scale in enumerate([200, 50, 12, 3, 1]):
        size = (width // scale, height // scale)
        layer = Picture.frombytes("RGB", size, generator.randbytes(3 * size[0] * size[1]))
        layer = layer.resize((width, height), Picture.Resampling.BICUBIC)
        picture = layer if picture is None else Picture.blend(picture, layer, 0.5 / (octave + 0.5))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def cover_files(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def media_root(settings, cover_files):
    """The module's uploads, where the test server looks for them (MEDIA_ROOT) in each test."""
    settings.MEDIA_ROOT = cover_files
    return cover_files


@pytest.fixture(scope="module")
def covered_site(demo_site, django_db_blocker, cover_files):
    """The demo with a cover on each digest, for this module only (demo_site flushes it)."""
    from django.core.cache import caches
    from django.core.files.base import ContentFile
    from django.test import override_settings

    from digests.models import Digest
    from tests.factories import ImageFactory

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=cover_files):
        for number, digest in enumerate(Digest.objects.order_by("pk"), start=1):
            image = ImageFactory(
                file=ContentFile(photograph(number), name=f"cover-{number}.jpg"),
                credit="Photo: the browser tests",
            )
            # Saved, as the admin saves it: the kept article shows its new cover.
            digest.cover = image
            digest.save(update_fields=["cover"])
        for cache in caches.all():
            cache.clear()
    return demo_site


@pytest.mark.parametrize("page_type", ["home", "digest"])
def test_a_first_visit_with_cover_photographs_weighs_at_most_60_kb(
    covered_site, module_browser, page_type
):
    rows = check_first_visit(covered_site, module_browser, page_type, " with covers")
    if page_type == "digest":
        assert any(path.endswith("-480w.webp") for path, *_ in rows), "no phone-width cover"
