"""The demo's content files and how they are read (manage.py load_demo).

The *.toml files next to this module hold the texts. This module turns them
into field values and reports a mistake with the file and the entry it is in.
"""

import html
import re
import tomllib
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from modeltranslation.translator import translator

from newsroom.richtext import RichTextField

DIRECTORY = Path(__file__).resolve().parent
LANGUAGES = [code for code, _name in settings.LANGUAGES]
LIST_ITEM = re.compile(r"^[ \t]*- ", re.MULTILINE)
STRONG = re.compile(r"\*\*(.+?)\*\*")
LINK = re.compile(r"\[(.+?)\]\(([^\s)\"]+)\)")


class DemoError(Exception):
    """A mistake in a demo file; reading() adds the file and the entry."""


def read(name):
    try:
        with (DIRECTORY / name).open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CommandError(f"{DIRECTORY / name}: {error}") from error


@contextmanager
def reading(name, key=None):
    """A mistake in a file becomes a message saying where it is, and nothing is saved."""
    where = f"{DIRECTORY / name}" + (f", [{key}]" if key else "")
    try:
        yield
    except KeyError as error:
        raise CommandError(f"{where}: '{error.args[0]}' is missing.") from error
    except ValidationError as error:
        problems = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        text = "; ".join(f"{field} {' '.join(messages)}" for field, messages in problems.items())
        raise CommandError(f"{where}: {text.strip()}") from error
    except (DemoError, TypeError, ValueError) as error:
        raise CommandError(f"{where}: {error}") from error


def each(name, load, *context):
    """{key: row} for each [key] table of a file, made by load(key, entry, *context)."""
    rows = {}
    for key, entry in read(name).items():
        with reading(name, key):
            if not isinstance(entry, dict):
                raise DemoError("expected a table of values under this name.")
            rows[key] = load(key, entry, *context)
    return rows


def pick(rows, key, what):
    """The row that another file (or another entry) defines under `key`."""
    if key not in rows:
        raise DemoError(f"there is no {what} '{key}' (known: {', '.join(rows)}).")
    return rows[key]


def pick_all(rows, keys, what):
    return [pick(rows, key, what) for key in keys]


def values(model, entry, *names):
    """Field values of `model` from a file's entry. A value left out takes the model's
    default; a translated field takes a text per language, a blank one if it may be blank."""
    translated = translator.get_options_for_model(model).fields
    fields = {}
    for name in names:
        field = model._meta.get_field(name)
        if name not in translated:
            fields[name] = entry.get(name, field.get_default())
        elif name in entry or not field.blank:
            fields |= translations(name, entry[name], rich=isinstance(field, RichTextField))
        else:
            fields |= {f"{name}_{code}": "" for code in LANGUAGES}
    return fields


def translations(name, texts, rich=False):
    """{name_be: ..., name_ru: ..., name_en: ...} from a table of texts per language."""
    if not isinstance(texts, dict):
        raise DemoError(f"'{name}' needs a text per language: {name}.be, {name}.ru and so on.")
    fields = {}
    for code in LANGUAGES:
        if not isinstance(texts.get(code), str):
            raise DemoError(f"'{name}.{code}' is missing.")
        fields[f"{name}_{code}"] = rich_text(texts[code]) if rich else " ".join(texts[code].split())
    return fields


def rich_text(markup):
    """HTML from the files' layout: an empty line parts paragraphs, "- " starts a list item."""
    blocks = []
    for block in re.split(r"\n\s*\n", markup.strip()):
        paragraph, *items = LIST_ITEM.split(block)
        if paragraph.strip():
            blocks.append(f"<p>{inline(paragraph)}</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>")
    return "".join(blocks)


def inline(text):
    """One line of rich text, with **bold** words and [links](https://...)."""
    text = STRONG.sub(r"<strong>\1</strong>", html.escape(" ".join(text.split()), quote=False))
    return LINK.sub(r'<a href="\2">\1</a>', text)


def upsert(model, lookup, fields):
    """update_or_create, validated first: a wrong value is a message, not a database error."""
    row = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row
