"""What the site's feeds share (digests/feeds.py, campaigns/feeds.py).

Every feed is dated by its newest entry, never by the time it is asked for:
the static mirror rewrites only the files whose bytes change, and a feed
reader need not fetch again what has not changed. Entries carry the full text
with absolute links, since a feed reader shows them away from the site.
"""

import copy
import datetime
from urllib.parse import urljoin

import nh3
from django.contrib.syndication.views import Feed
from django.utils import feedgenerator, timezone
from modeltranslation.utils import get_language as page_language

from .i18n import shown_language
from .models import SiteSettings
from .richtext import ALLOWED_TAGS

# The date of a feed that has never had an entry.
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# The markup of entries: the sanitised rich text, and what the feed templates add.
FEED_TAGS = ALLOWED_TAGS | {"h2", "img", "div", "span"}
FEED_ATTRIBUTES = {"a": {"href", "hreflang"}, "img": {"src", "alt"}, "*": {"lang"}}


def start_of_day(date):
    """Midnight at the start of `date` where the office is (TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


def absolute_html(html, base):
    """`html` with every address made absolute against `base` (the entry's own page)."""

    def absolute(element, attribute, value):
        if attribute in {"href", "src"}:
            return urljoin(base, value)
        return value

    cleaner = nh3.Cleaner(
        tags=FEED_TAGS,
        attributes=FEED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=absolute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # The templates' blank lines mean nothing to a feed reader.
    return "\n".join(line for line in cleaner.clean(html).splitlines() if line.strip())


def other_language(obj, field):
    """The language obj.field is shown in when it is not the feed's own, else None."""
    language = shown_language(obj, field)
    return language if language and language != page_language() else None


class DatedByEntries:
    """A feed generator whose date is its newest entry's, or the `updated` it is given."""

    def latest_post_date(self):
        dates = [
            date for item in self.items for date in (item["updateddate"], item["pubdate"]) if date
        ]
        if self.feed.get("updated"):
            dates.append(self.feed["updated"])
        return max(dates, default=NEVER)


class RssFeed(DatedByEntries, feedgenerator.Rss201rev2Feed):
    """RSS 2.0; an entry shown in another language than the feed's says so in dc:language."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("language"):
            handler.addQuickElement("dc:language", item["language"])


class AtomFeed(DatedByEntries, feedgenerator.Atom1Feed):
    """Atom, with each entry's full text as its content and its own xml:lang when it differs."""

    def item_attributes(self, item):
        return {"xml:lang": item["language"]} if item.get("language") else {}

    def add_item_elements(self, handler, item):
        # Django writes the description as a summary, which readers may shorten.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("content", item["description"], {"type": "html"})


class SiteFeed(Feed):
    """A feed of this site in the page's language, named after the site.

    Feed objects live as long as the URL configuration; each request gets a
    copy of its own that knows the request, for absolute addresses.
    """

    feed_type = RssFeed

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        feed.site = SiteSettings.load()
        return Feed.__call__(feed, request, *args, **kwargs)

    def absolute(self, url):
        return self.request.build_absolute_uri(url)

    def author_name(self):
        return self.site.site_name

    def item_title(self, item):
        # Plain text: the XML writer escapes it once, as RSS and Atom expect.
        return str(item)

    def item_guid_is_permalink(self, item):
        return None

    def item_extra_kwargs(self, item):
        return {"language": self.item_language(item)}

    def item_language(self, item):
        return None

    def feed_extra_kwargs(self, obj):
        return {"updated": self.updated(obj)}

    def updated(self, obj):
        """When the feed changed without any entry saying so (one went away, say)."""
        return None
