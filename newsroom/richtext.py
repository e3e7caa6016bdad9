"""Rich text: what editors may write, and how it is stored.

Editors paste from Telegram, Word and web pages; what is stored is always
cleaned on an allow-list, whatever path the text took (admin, shell, import).
"""

import re

import nh3
from django.conf import settings
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "blockquote",
    "h3",
    "h4",
}
# "*" empty: no attribute on every tag (nh3 would keep "title" and "lang").
ALLOWED_ATTRIBUTES = {"a": {"href"}, "*": set()}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# The editor offers exactly what the sanitiser keeps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Heading": {"levels": [3, 4]},
    # Not autolink: TipTap makes an autolinking link "inclusive", so text typed
    # right after a link joined it. No "protocols": http, https and mailto are
    # linkify's own, and registering them again warned three times per editor
    # ("linkifyjs: already initialized"). The sanitiser decides what is kept.
    "Link": {"enableTarget": False, "autolink": False},
    "History": True,
}

# Pasted pages bring their own heading levels: keep them as headings the
# digest allows instead of dropping the tags (which runs words together).
HEADING_LEVELS = {"1": "3", "2": "3", "3": "3", "4": "4", "5": "4", "6": "4"}
_heading_tag = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
# Absolute links need a scheme from the allow-list; a link without one may
# only point into this site ("/en/...") or this page ("#..."), never to
# another host through "//host/...".
_local_link = re.compile(r"^(?:/(?![/\\])|#)")


def _keep_attribute(element, attribute, value):
    if element == "a" and attribute == "href":
        # Browsers drop tabs and line breaks inside addresses: "/\t/host" is "//host".
        if any(char in value for char in "\t\r\n"):
            return None
        scheme = value.split(":", 1)[0].lower() if ":" in value else None
        if scheme in ALLOWED_URL_SCHEMES or _local_link.match(value):
            return value
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    attribute_filter=_keep_attribute,
    # Outbound links must not tell the other site where the reader came from.
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html):
    if not html:
        return ""
    html = _heading_tag.sub(lambda m: f"<{m[1]}h{HEADING_LEVELS[m[2]]}", html)
    cleaned = _cleaner.clean(html).strip()
    # The editor's empty document is one empty paragraph: store it as empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


class RichTextField(ProseEditorField):
    """A text field edited with a self-hosted editor and stored sanitised."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config", {"extensions": EDITOR_EXTENSIONS})
        kwargs.setdefault("sanitize", sanitize_html)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        if isinstance(
            getattr(type(model_instance), self.attname, None), TranslationFieldDescriptor
        ):
            # The untranslated attribute of a translated field resolves the
            # fallback chain on reading and writes the current language's column
            # on assignment: an English text would land in body_be. Each
            # language's own column is sanitised by its own field; this column
            # only mirrors the default language's text.
            default = build_localized_fieldname(
                self.attname, settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            )
            return sanitize_html(model_instance.__dict__.get(default))
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
