"""The sitemap's common rules: every page in each language, with its alternates."""

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse


class LanguageSitemap(sitemaps.Sitemap):
    """Each item once per language, naming the others and the default one.

    The default (x-default) is the Belarusian page, as in the pages' heads,
    rather than Django's address without a language, which only redirects.
    """

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(
                alt for alt in url["alternates"] if alt["lang_code"] == settings.LANGUAGE_CODE
            )
            url["alternates"].append({"location": default["location"], "lang_code": "x-default"})
        return urls


class PageSitemap(LanguageSitemap):
    """Pages of their own, named by their URL names ("digests:home")."""

    def __init__(self, names):
        self.names = names

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)
