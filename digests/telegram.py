"""A digest as a Telegram channel post, in Telegram's HTML subset and as plain text.

Telegram's "HTML" parse mode knows a few inline tags (<b>, <i>, <a href>,
<blockquote>...) and no block elements: paragraphs are blank lines, list items
are lines. A message holds at most 4,096 characters of text after the markup
is parsed; we keep the message *with* its markup within that limit, which is
stricter (markup only adds characters) and so always safe, counting UTF-16
code units as Telegram does (an emoji is two).

Messages are split between paragraphs; a paragraph too long for one message
is split between its lines, then sentences, then words, and a tag open at a
split is closed and opened again, so no tag or entity is ever cut. A link is
split only if its own text is longer than a message.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from newsroom import i18n

MESSAGE_LIMIT = 4096
# A paragraph is cut at a weaker boundary only when the stronger one would
# leave the message less than half full.
GOOD_FILL = MESSAGE_LIMIT // 2
# A "word" longer than this (a long address, a line of dashes) may be cut anywhere.
LONGEST_WORD = 200

LINE, SENTENCE, SPACE, WORD, LINK = range(1, 6)
_SENTENCE_END = re.compile(r"[.!?…][»”\"')\]]*\s+$")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_WORDS = re.compile(r"[^ \t\r\n\f]+[ \t\r\n\f]*|[ \t\r\n\f]+")
_HASHTAG_PARTS = re.compile(r"[^\W_]+|_+")


def telegram_length(text):
    """Characters as Telegram counts them: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Token:
    """A piece of text and the formatting around it, outermost first.

    Formats are ("b",), ("i",), ("blockquote",) or ("a", href, number): the
    number keeps two links in a row two links, even to the same address.
    """

    text: str
    formats: tuple = ()

    @cached_property
    def link(self):
        """The number of the link this token is part of, or None."""
        return next((fmt[2] for fmt in self.formats if fmt[0] == "a"), None)


@dataclass
class Block:
    """A paragraph of the post: blank lines go between blocks."""

    tokens: list = field(default_factory=list)
    heading: bool = False  # kept in the same message as the block after it


@dataclass(frozen=True)
class Part:
    text: str
    number: int
    total: int

    @property
    def length(self):
        return telegram_length(self.text)


@dataclass(frozen=True)
class Post:
    html: list  # of Part
    plain: list  # of Part


# Rendering


def _escape_text(text):
    return html.escape(text, quote=False)


def _escape_attribute(value):
    # Telegram knows only &lt; &gt; &amp; &quot; by name.
    return html.escape(value, quote=False).replace('"', "&quot;")


def _open(fmt):
    if fmt[0] == "a":
        return f'<a href="{_escape_attribute(fmt[1])}">'
    return f"<{fmt[0]}>"


def _close(fmt):
    return f"</{fmt[0]}>"


def render_html(tokens):
    out, stack = [], ()
    for token in tokens:
        common = 0
        while (
            common < len(stack)
            and common < len(token.formats)
            and stack[common] == token.formats[common]
        ):
            common += 1
        out.extend(_close(fmt) for fmt in reversed(stack[common:]))
        out.extend(_open(fmt) for fmt in token.formats[common:])
        out.append(_escape_text(token.text))
        stack = token.formats
    out.extend(_close(fmt) for fmt in reversed(stack))
    return "".join(out)


def render_plain(tokens):
    """Text only; a link reads "its words (its address)", or the address alone."""
    out, words, current = [], [], None
    for token in [*tokens, None]:
        link = token.link if token is not None else None
        if current is not None and link != current[0]:
            text = "".join(words).strip()
            href = current[1]
            if text.rstrip("/") != href.rstrip("/") and text != href.removeprefix("mailto:"):
                trailing = out[-1][len(out[-1].rstrip()) :]
                out[-1] = out[-1].rstrip() + f" ({href})" + trailing
            words, current = [], None
        if token is None:
            break
        out.append(token.text)
        if link is not None:
            current = (link, _href(token.formats))
            words.append(token.text)
    return "".join(out)


def _href(formats):
    return next((fmt[1] for fmt in formats if fmt[0] == "a"), None)


# Splitting


def _trimmed(tokens):
    """The tokens without white space at either end."""
    tokens = list(tokens)
    while tokens and not tokens[0].text.strip():
        tokens.pop(0)
    while tokens and not tokens[-1].text.strip():
        tokens.pop()
    if tokens:
        first, last = tokens[0], tokens[-1]
        tokens[0] = Token(first.text.lstrip(), first.formats)
        last = tokens[-1]
        tokens[-1] = Token(last.text.rstrip(), last.formats)
    return tokens


def _break_level(tokens, index):
    """How good a place the end of tokens[index] is to cut a paragraph (1 best)."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and token.link is not None and following.link == token.link:
        return LINK
    if token.text.endswith("\n"):
        return LINE
    if _SENTENCE_END.search(token.text):
        return SENTENCE
    if token.text[-1:].isspace():
        return SPACE
    return WORD


def _fine_tokens(tokens):
    """Tokens cut into words, and overlong words into pieces, for splitting."""
    fine = []
    for token in tokens:
        for word in _WORDS.findall(token.text) or [token.text]:
            for start in range(0, len(word), LONGEST_WORD):
                fine.append(Token(word[start : start + LONGEST_WORD], token.formats))
    return fine


def split_block(tokens, render, first_limit, limit):
    """Cut one paragraph's tokens into pieces whose rendering fits the limits."""
    tokens = _fine_tokens(tokens)
    pieces, start, room = [], 0, first_limit

    def size(end):
        return telegram_length(render(_trimmed(tokens[start:end])))

    while start < len(tokens):
        if size(len(tokens)) <= room:
            pieces.append(_trimmed(tokens[start:]))
            break
        # The longest run of tokens that fits (lengths only grow with more tokens).
        low, high = start, len(tokens)
        while low < high:
            middle = (low + high + 1) // 2
            if size(middle) <= room:
                low = middle
            else:
                high = middle - 1
        fits = low
        if fits == start:
            # Not even one piece fits in what is left of the message: start a new one.
            if room < limit:
                pieces.append([])
                room = limit
                continue
            raise ValueError("A piece of text does not fit in a message.")
        end = _best_break(tokens, start, fits, size, room)
        pieces.append(_trimmed(tokens[start:end]))
        start, room = end, limit
    return pieces


def _best_break(tokens, start, fits, size, room):
    for level in (LINE, SENTENCE, SPACE, WORD, LINK):
        for end in range(fits, start, -1):
            if _break_level(tokens, end - 1) <= level:
                if level >= SPACE or size(end) >= min(GOOD_FILL, room // 2):
                    return end
                break
    return fits


def pack(blocks, render, limit=MESSAGE_LIMIT):
    """Blocks into messages of at most `limit` characters, blank lines between blocks."""
    messages, current = [], ""
    separator = "\n\n"

    def joined(text, more):
        return f"{text}{separator}{more}" if text else more

    rendered = [render(_trimmed(block.tokens)) for block in blocks]
    for index, (block, text) in enumerate(zip(blocks, rendered, strict=True)):
        if not text:
            continue
        if telegram_length(joined(current, text)) <= limit:
            following = rendered[index + 1] if index + 1 < len(blocks) else ""
            keeps_company = (
                block.heading
                and current
                and following
                and telegram_length(joined(joined(current, text), following)) > limit
                and telegram_length(joined(text, following)) <= limit
            )
            if keeps_company:
                messages.append(current)
                current = text
            else:
                current = joined(current, text)
            continue
        if telegram_length(text) <= limit:
            if current:
                messages.append(current)
            current = text
            continue
        # A paragraph longer than a message: its first piece fills this message.
        room = limit - telegram_length(current + separator) if current else limit
        if room < limit // 4:
            messages.append(current)
            current, room = "", limit
        pieces = split_block(block.tokens, render, room, limit)
        first, *rest = pieces
        if first:
            current = joined(current, render(first))
        for piece in rest:
            if current:
                messages.append(current)
            current = render(piece)
    if current:
        messages.append(current)
    return messages


# Rich text


class _RichText(HTMLParser):
    """The digest's sanitised rich text (newsroom/richtext.py) as blocks."""

    INLINE = {"strong": ("b",), "b": ("b",), "em": ("i",), "i": ("i",)}

    def __init__(self, base_url, page_url, links):
        super().__init__(convert_charrefs=True)
        self.base_url, self.page_url = base_url, page_url
        self.links = links  # a counter shared by the whole post
        self.blocks = []
        self.block = None
        self.formats = []
        self.lists = []  # [ordered, next number] per open list
        self.quote = 0
        self.link_start = None

    def close(self):
        super().close()
        self._end_block()
        return self.blocks

    def _start_block(self, heading=False):
        if self.block is None:
            self.block = Block(heading=heading)

    def _end_block(self):
        if self.block is not None and _trimmed(self.block.tokens):
            self.blocks.append(self.block)
        self.block = None

    def _new_line(self):
        if self.block is not None and self.block.tokens:
            self._add("\n")

    def _add(self, text):
        self._start_block()
        self.block.tokens.append(Token(text, tuple(self.formats)))

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "h3", "h4"}:
            if self.lists or self.quote:
                self._new_line()
            else:
                self._end_block()
                self._start_block(heading=tag != "p")
            if tag != "p":
                self.formats.append(("b",))
        elif tag in {"ul", "ol"}:
            if not self.lists and not self.quote:
                self._end_block()
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            self._new_line()
            ordered, number = self.lists[-1] if self.lists else (False, 1)
            indent = "   " * max(0, len(self.lists) - 1)
            marker = f"{number}. " if ordered else "• "
            if self.lists:
                self.lists[-1][1] += 1
            self._add(indent + marker)
        elif tag == "blockquote":
            if self.quote:
                self._new_line()
            else:
                self._end_block()
            self.quote += 1
            if self.quote == 1:
                self.formats.append(("blockquote",))
        elif tag == "br":
            self._add("\n")
        elif tag in self.INLINE:
            self.formats.append(self.INLINE[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(len(self.links))
            self.formats.append(("a", self.absolute(href), self.links[-1]))
            self.link_start = len(self.block.tokens) if self.block else 0

    def handle_endtag(self, tag):
        if tag in {"p", "h3", "h4"}:
            if tag != "p":
                self._pop("b")
            if not (self.lists or self.quote):
                self._end_block()
        elif tag in {"ul", "ol"}:
            if self.lists:
                self.lists.pop()
            if not self.lists and not self.quote:
                self._end_block()
        elif tag == "blockquote" and self.quote:
            self.quote -= 1
            if not self.quote:
                self._pop("blockquote")
                self._end_block()
        elif tag in self.INLINE:
            self._pop(self.INLINE[tag][0])
        elif tag == "a" and self.link_start is not None:
            href = self.formats[-1][1] if self.formats and self.formats[-1][0] == "a" else ""
            tokens = self.block.tokens[self.link_start :] if self.block else []
            if not "".join(t.text for t in tokens).strip():
                # A link without words would vanish: its address becomes its words.
                self._add(href.removeprefix("mailto:"))
            self._pop("a")
            self.link_start = None

    def _pop(self, name):
        for index in range(len(self.formats) - 1, -1, -1):
            if self.formats[index][0] == name:
                del self.formats[index]
                return

    def handle_data(self, data):
        text = _SPACES.sub(" ", data)
        if not text.strip() and (self.block is None or not self.block.tokens):
            return
        if self.block is None or not self.block.tokens or self.block.tokens[-1].text.endswith("\n"):
            text = text.lstrip()
        if text:
            self._add(text)

    def absolute(self, href):
        """An address a reader of the channel can open: this site's become absolute."""
        if href.startswith("#"):
            return self.page_url + href
        return urljoin(self.base_url, href)


def rich_text_blocks(value, *, base_url, page_url, links=None):
    parser = _RichText(base_url, page_url, links if links is not None else [])
    parser.feed(value or "")
    return parser.close()


# The digest


def hashtag(name):
    """ "#ExpertEnvironment" for the tag "expert environment": Telegram's hashtags are one word."""
    parts = _HASHTAG_PARTS.findall(name)
    if not parts:
        return ""
    if len(parts) == 1:
        return "#" + parts[0]
    return "#" + "".join(part[:1].upper() + part[1:] for part in parts)


def _text_block(text, formats=(), heading=False):
    return Block([Token(_SPACES.sub(" ", str(text)).strip(), formats)], heading=heading)


def digest_blocks(digest, *, base_url):
    """The post's paragraphs, in the current language (call inside translation.override).

    `base_url` is the site's public address ("https://example.org/"); every
    address in the post is absolute on it.
    """
    page_url = urljoin(base_url, digest.get_absolute_url())
    links = []  # one number per link, so that two links in a row stay two
    bold = (("b",),)
    blocks = [_text_block(digest.title_with_year, bold[0])]
    if digest.headline:
        blocks.append(_text_block(digest.headline, bold[0]))
    if digest.lead:
        blocks.append(_text_block(digest.lead))

    entries = list(digest.action_entries.all())
    if entries:
        blocks.append(_text_block(_("The list of activities for today"), bold[0], heading=True))
        tokens = []
        for number, entry in enumerate(entries, start=1):
            if tokens:
                tokens.append(Token("\n"))
            tokens.append(Token(f"{number}. "))
            text = _SPACES.sub(" ", entry.text).strip()
            if entry.url:
                links.append(len(links))
                tokens.append(Token(text or entry.url, (("a", entry.url, links[-1]),)))
            else:
                tokens.append(Token(text))
        blocks.append(Block(tokens))

    rich = {"base_url": base_url, "page_url": page_url, "links": links}
    for section in digest.sections.all():
        if section.heading:
            blocks.append(_text_block(section.heading, bold[0], heading=True))
        blocks.extend(rich_text_blocks(section.body, **rich))
        if section.campaign_id:
            campaign = section.campaign
            links.append(len(links))
            href = urljoin(base_url, campaign.get_absolute_url())
            blocks.append(
                Block(
                    [
                        Token(_("Campaign") + ": "),
                        Token(_SPACES.sub(" ", campaign.name).strip(), (("a", href, links[-1]),)),
                    ]
                )
            )
    blocks.extend(rich_text_blocks(digest.closing_call, **rich))

    tags = " ".join(filter(None, (hashtag(tag.name) for tag in digest.tags.all())))
    if tags:
        blocks.append(_text_block(tags))
    links.append(len(links))
    blocks.append(
        Block(
            [
                Token(_("Read on the site") + ": "),
                Token(page_url, (("a", page_url, links[-1]),)),
            ]
        )
    )
    return blocks


def parts(messages):
    return [
        Part(text=text, number=number, total=len(messages))
        for number, text in enumerate(messages, start=1)
    ]


def digest_post(digest, *, base_url, limit=MESSAGE_LIMIT):
    """The digest as Telegram messages: HTML parse mode and plain text, each ≤ `limit`."""
    blocks = digest_blocks(digest, base_url=base_url)
    return Post(
        html=parts(pack(blocks, render_html, limit)),
        plain=parts(pack(blocks, render_plain, limit)),
    )


def visible_text(message):
    """What Telegram shows of an HTML message (and counts against the limit)."""
    return html.unescape(re.sub(r"<[^>]*>", "", message))


def link_addresses(message):
    return [html.unescape(href) for href in re.findall(r'<a href="([^"]*)">', message)]


def site_base_url(request):
    """The site's public address as the request reached it: "https://example.org/"."""
    return request.build_absolute_uri("/")


def fallback_languages(digest):
    """The other languages some of the post's texts are shown in (current language's view)."""
    fields = [(digest, name) for name in ("headline", "lead", "closing_call")]
    fields += [(entry, "text") for entry in digest.action_entries.all()]
    fields += [(section, name) for section in digest.sections.all() for name in ("heading", "body")]
    return [get_language_info(code)["name_translated"] for code in i18n.fallback_languages(fields)]
