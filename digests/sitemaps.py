from django.urls import reverse

from newsroom.models import Tag
from newsroom.sitemaps import LanguageSitemap

from .models import Digest


class DigestSitemap(LanguageSitemap):
    def items(self):
        # Published and due only: a draft or a scheduled digest must not be announced.
        return Digest.objects.published().newest_first()

    def lastmod(self, digest):
        return max(digest.updated_at, digest.published_at)


class ArchiveYearSitemap(LanguageSitemap):
    def items(self):
        return Digest.objects.published().years()

    def location(self, year):
        return reverse("digests:archive_year", kwargs={"year": year})


class TagSitemap(LanguageSitemap):
    def items(self):
        # The tags whose pages readers may open (TagView).
        return Tag.objects.public().order_by("slug")

    def location(self, tag):
        return reverse("digests:tag", kwargs={"slug": tag.slug})
