import datetime
from collections.abc import Iterable

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import get_language as page_language

from newsroom import i18n, sharing
from newsroom.i18n import shown_language

register = template.Library()

# Bumped when a test changes a setting: a URL, STATIC_URL or MEDIA_URL may differ then.
_sitewide_generation = [0]


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _sitewide_generation[0] += 1


class SitewideNode(template.Node):
    """A part every page shows alike in a language: rendered once, then reused.

    What it may show is the site settings (`site`), the language, URLs and
    static files: it is rendered in a context of its own with nothing else in
    it, so a page's own variable shows as empty there, never as another
    page's. It is kept, in this process, under the settings' fingerprint (a
    hash of all they show), the language and the URL prefix, so an edit of
    the settings shows on the next page without anything to invalidate; at
    most KEPT states are kept (after a save, the old one is never asked for
    again).
    """

    KEPT = 32

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.kept = {}

    def render(self, context):
        site = context.get("site")
        key = (
            _sitewide_generation[0],
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            getattr(site, "fingerprint", None),
        )
        html = self.kept.get(key)
        if html is None:
            html = self.nodelist.render(context.new({"site": site}))
            if len(self.kept) >= self.KEPT:
                self.kept.clear()
            self.kept[key] = html
        return html


@register.tag
def sitewide(parser, token):
    """{% sitewide %}...{% endsitewide %}: see SitewideNode."""
    nodelist = parser.parse(("endsitewide",))
    parser.delete_first_token()
    return SitewideNode(nodelist)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: for the switcher and hreflang links.

    Built from the view the address resolved to, never from the address as
    sent: "//evil.example/x" must not come back as a link. An error page, or
    a page rendered without a request, links to each language's home page and
    names no alternates (`absolute_url` is None).
    """
    request = context.get("request")
    match = None if context.get("error_page") else getattr(request, "resolver_match", None)
    current = get_language()
    # The page's head and its language switcher both ask: reversed once.
    key = (current, match is not None)
    kept = getattr(request, "_language_links", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    links = []
    for code, _name in settings.LANGUAGES:
        url = same_page_in(code, match, request) if match else None
        canonical = same_page_in(code, match, request, query=CANONICAL_QUERY) if url else None
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url or home_in(code),
                # Search engines want full addresses in hreflang alternates.
                "absolute_url": request.build_absolute_uri(url) if url else None,
                "canonical_url": request.build_absolute_uri(canonical) if canonical else None,
                "is_current": code == current,
            }
        )
    if request is not None:
        request._language_links = (key, links)
    return links


# The query parameters that make a page of its own (a country's meetings);
# any other (?utm_source=…, ?page= on a page that has none: lists page by
# address) leaves the canonical address.
CANONICAL_QUERY = ("country",)


def home_in(code):
    return i18n.address_in(code, "digests:home")


def same_page_in(code, match, request, query=None):
    """The resolved page's own address in `code`, with its query (or only the
    parameters named in `query`); None if it has none."""
    if not match.view_name:
        return None
    try:
        path = i18n.address_in(code, match.view_name, *match.args, **match.kwargs)
    except NoReverseMatch:
        return None
    # reverse() gives a path of ours; one that a browser would read as
    # another host ("//host", "/\\host") is refused all the same.
    if not path.startswith("/") or path[1:2] in ("/", "\\"):
        return None
    params = request.GET
    if query is not None:
        params = QueryDict(mutable=True)
        for name in query:
            if value := request.GET.get(name):
                params[name] = value
    encoded = params.urlencode()
    return f"{path}?{encoded}" if encoded else path


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title="", description="", image=None, kind="website"):
    """The page's description, canonical address, language alternates and sharing card.

    An error page gets the description alone: it has no address to share. A
    preview gets nothing: what it shows is not for search engines nor messengers.
    """
    site = context.get("site")
    request = context.get("request")
    if context.get("is_preview") or request is None:
        return {}
    description = description or getattr(site, "tagline", "")
    meta = {"description": description}
    alternates = language_links(context)
    current = next((alt for alt in alternates if alt["is_current"]), None)
    if current is None or not current["canonical_url"]:
        return meta
    image = image or getattr(site, "sharing_image", None)
    locale, alternate_locales = sharing.og_locales(current["code"])
    return meta | {
        "canonical_url": current["canonical_url"],
        "alternates": alternates,
        "x_default": next(
            alt["canonical_url"] for alt in alternates if alt["code"] == settings.LANGUAGE_CODE
        ),
        "title": title or getattr(site, "site_name", ""),
        "site_name": getattr(site, "site_name", ""),
        "kind": kind,
        "locale": locale,
        "alternate_locales": alternate_locales,
        "image": sharing.share_image(image, request),
    }


@register.simple_tag
def page_url(name, *args):
    """{% url %} for links repeated down a page (tags): reversed once per address."""
    return i18n.page_address(name, *args)


@register.filter
def json_ld(data):
    return sharing.json_ld(data) if data else ""


@register.simple_tag
def lang_attr(obj, field):
    """` lang="ru"` for the element holding obj.field when it is shown in another language.

    Put it on the element that wraps the text alone (a rich-text body's
    `<div class="prose">`), never on one that also holds a notice.
    """
    language = shown_language(obj, field)
    if language and language != page_language():
        return format_html(' lang="{}"', language)
    return ""


@register.simple_tag
def translated(obj, field):
    """obj.field, in a `<span lang>` only when it is shown in another language.

    For a translated text inside a sentence of the page's language
    ("Campaign: <name>"); a text with an element of its own takes lang_attr.
    """
    value = getattr(obj, field)
    language = shown_language(obj, field)
    if language and language != page_language():
        return format_html('<span lang="{}">{}</span>', language, value)
    return conditional_escape(value)


@register.inclusion_tag("includes/fallback_notice.html")
def fallback_notice(*parts):
    """One notice for a block whose texts fall back: "Shown in English: …".

    `parts` are an object and its fields separated by spaces, as often as the
    block needs: `{% fallback_notice meeting "notes place" topics "text" %}`.
    An object may be a list (or a queryset the block loops over anyway) of
    objects with those fields. Nothing is shown when every text is the page's.
    """
    if len(parts) % 2:
        raise template.TemplateSyntaxError(
            "fallback_notice takes pairs of an object and its field names."
        )
    fields = []
    for obj, names in zip(parts[::2], parts[1::2], strict=True):
        objects = obj if isinstance(obj, Iterable) and not isinstance(obj, str) else [obj]
        fields.extend((item, name) for item in objects if item for name in names.split())
    codes = i18n.fallback_languages(fields)
    return {"notice": i18n.fallback_notice(codes) if codes else ""}


@register.simple_tag
def date_range(start, end):
    return i18n.date_range(start, end) if start and end else ""


@register.filter
def long_date(value):
    return i18n.long_date(value) if value else ""


@register.filter
def machine_datetime(value):
    """A moment as <time datetime> takes it: local time, to the second; a date as it is.

    The "c" date format keeps microseconds, which HTML does not allow
    beyond three digits, and a digest published "now" has six.
    """
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return value.isoformat()  # A day ("2026-12-02") has no time to localise.
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# The column is at most 48rem wide, less its padding (static/css/site.css).
COLUMN_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
# A card's thumbnail: small beside its title on a phone, atop its card in the
# front page's grid of three (the "Front page and cards" rules of site.css).
THUMBNAIL_SIZES = "(min-width: 48rem) 15rem, 6rem"


@register.inclusion_tag("includes/picture.html")
def picture(image, css_class="", lazy=True, thumbnail=False):
    """A media-library image as <picture>: WebP where the browser reads it, else JPEG or PNG."""
    return {
        "image": image,
        "css_class": css_class,
        "lazy": lazy,
        "thumbnail": thumbnail,
        "sizes": THUMBNAIL_SIZES if thumbnail else COLUMN_SIZES,
        "webp_srcset": image.srcset("WEBP"),
        "fallback_srcset": image.srcset(image.fallback_format),
    }
