from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from newsroom import i18n
from newsroom.i18n import shown_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: for the switcher and hreflang links."""
    request = context.get("request")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                # Search engines want full addresses in hreflang alternates.
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag
def lang_attr(obj, field):
    """` lang="ru"` when obj.field is shown in another language than the page's."""
    language = shown_language(obj, field)
    if language and language != get_language():
        return format_html(' lang="{}"', language)
    return ""


@register.filter
def shows_fallback(obj, field):
    """True when obj.field is shown in another language than the page's."""
    language = shown_language(obj, field)
    return bool(language) and language != get_language()


@register.filter
def language_name(code):
    return get_language_info(code)["name_translated"] if code else ""


@register.simple_tag
def shown_in(obj, field):
    return shown_language(obj, field)


@register.filter
def long_date(value):
    return i18n.long_date(value) if value else ""


# The column is at most 48rem wide, less its padding (static/css/site.css).
COLUMN_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"


@register.inclusion_tag("includes/picture.html")
def picture(image, css_class="", lazy=True):
    """A media-library image as <picture>: WebP where the browser reads it, else JPEG or PNG."""
    return {
        "image": image,
        "css_class": css_class,
        "lazy": lazy,
        "sizes": COLUMN_SIZES,
        "webp_srcset": image.srcset("WEBP"),
        "fallback_srcset": image.srcset(image.fallback_format),
    }
