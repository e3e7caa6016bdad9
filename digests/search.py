"""Search of what readers may see, in the reader's language.

On PostgreSQL each searched table has a stored, GIN-indexed vector per
language (`search_be`, `search_ru`, `search_en`: generated columns made by
digests/0015 and campaigns/0007, unknown to the models), matched with
websearch_to_tsquery, ranked with ts_rank and shown with ts_headline. On
SQLite (the embedded default) every word of the query must occur in the
texts, folded by the functions `connect_sqlite_functions` adds to each
connection.

Only the reader's language's own texts are searched: a word typed in Russian
is looked up in Russian texts with Russian stemming, and the snippet that
shows it is in Russian too. A text shown through the fallback (a heading
written only in Belarusian on the Russian page) is still the result's title,
marked with its own language.

The work of one query is bounded whatever it matches (a reader can type
anything, and a common word is in most texts): each kind ranks at most its
CANDIDATES newest matches, the count stops past MAX_RESULTS (the page says
"more than"), snippets are made for the page's rows only, and SQLite reads
only each kind's SQLITE_SCANNED_ROWS newest rows.

The folding, in both databases and on the query: "ў" and "у", "і" and "и",
"ё" and "е" count as one letter, so a reader typing on a Russian keyboard
finds Belarusian words. translate() is used rather than unaccent(): it is
immutable (a generated column needs that), it needs no extension, and
unaccent's rules know neither "ў" nor "і".
"""

import dataclasses
import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.contrib.postgres.search import SearchVectorField as VectorField
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Expression,
    F,
    FloatField,
    Func,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext_lazy

from campaigns.models import ActionItem, Campaign, PartnerMeeting

from .models import Digest, Section

MAX_QUERY_LENGTH = 200
# Bounds on the work one query can cause, whatever it matches: each kind ranks
# at most CANDIDATES of its matching rows (its newest), and the count stops
# past MAX_RESULTS ("more than 1,000 results").
MAX_RESULTS = 1000
CANDIDATES = 1000
# SQLite has no index for the words: it reads only each kind's newest rows.
SQLITE_SCANNED_ROWS = 2000
# SQLite looks each word up with LIKE: a bound on how many it tries.
MAX_WORDS = 10
CONFIGURATIONS = {"be": "simple", "ru": "russian", "en": "english"}

# The same letters as the migrations' translate(); the marks ts_headline puts
# around a match are private-use characters, removed from the texts first.
FOLD_FROM, FOLD_TO = "ЎўІіЁё", "УуИиЕе"
START, STOP = "\ue000", "\ue001"
# Pairs for str.replace, which is many times faster than str.translate on
# Cyrillic text (the SQLite search folds every text it reads).
_fold_pairs = [*zip(FOLD_FROM, FOLD_TO, strict=True), (START, ""), (STOP, "")]
_tag = re.compile(r"<[^>]*>")
_word = re.compile(r"\w+")
_space = re.compile(r"\s+")
SNIPPET_CHARACTERS = 240


def fold(text):
    """The letters readers type either way made one (ў → у, і → и, ё → е); case is kept."""
    for letter, replacement in _fold_pairs:
        if letter in text:
            text = text.replace(letter, replacement)
    return text


def lower_fold(text):
    """fold() and lowercase, one character for one, so offsets agree with the text."""
    folded = fold(text)
    lowered = folded.lower()
    # lower() only ever lengthens ("İ" is two characters lowercased): equal lengths
    # mean every character stayed one.
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def plain(html_text):
    """Rich text as the vectors see it: tags replaced by spaces, entities left."""
    return _tag.sub(" ", html_text or "")


def connect_sqlite_functions(sender, connection, **kwargs):
    """The search's folding and tag removal as SQL functions on each SQLite connection.

    SQLite's LIKE ignores case for ASCII only ("Беларусь" is not "беларусь"),
    so the texts and the words are lowercased here, in Python.
    """
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "newsroom_search_fold",
        1,
        lambda value: None if value is None else lower_fold(value),
        deterministic=True,
    )
    connection.connection.create_function(
        "newsroom_search_plain",
        1,
        # Entities read here, so that "&amp;" is no word and no window cuts one in two.
        lambda value: None if value is None else html.unescape(plain(value)),
        deterministic=True,
    )


class Fold(Func):
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="newsroom_search_fold", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = f"translate(%(expressions)s, '{FOLD_FROM}{START}{STOP}', '{FOLD_TO}')"
        return super().as_sql(compiler, connection, template=template, **extra)


class Plain(Func):
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="newsroom_search_plain", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g')"
        return super().as_sql(compiler, connection, template=template, **extra)


class StoredVector(Expression):
    """A table's `search_<language>` column, which its model does not declare."""

    output_field = VectorField()

    def __init__(self, language):
        super().__init__()
        self.column = f"search_{language}"

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{connection.ops.quote_name(alias)}.{connection.ops.quote_name(self.column)}", []


@dataclasses.dataclass(frozen=True)
class Kind:
    """One kind of result: which rows, which texts are its title and its snippet."""

    name: str
    label: str
    model: type
    titles: tuple
    texts: tuple  # (field, is HTML)
    date: str
    visible: object  # () -> the rows readers may see
    related: tuple = ()


KINDS = {
    kind.name: kind
    for kind in [
        Kind(
            "digest",
            pgettext_lazy("search result", "Digest"),
            Digest,
            ("title", "headline"),
            (("lead", False), ("closing_call", True)),
            "period_start",
            lambda: Digest.objects.published(),
        ),
        Kind(
            "section",
            pgettext_lazy("search result", "Section"),
            Section,
            ("heading",),
            (("body", True),),
            "digest__period_start",
            lambda: Section.objects.published(),
            ("digest",),
        ),
        Kind(
            "campaign",
            pgettext_lazy("search result", "Campaign"),
            Campaign,
            ("name",),
            (("summary", False), ("body", True)),
            "starts_on",
            lambda: Campaign.objects.all(),
        ),
        Kind(
            "action",
            pgettext_lazy("search result", "Action"),
            ActionItem,
            ("text",),
            (("explanation", False),),
            "active_from",
            lambda: ActionItem.objects.current(),
            ("campaign",),
        ),
        Kind(
            "meeting",
            pgettext_lazy("search result", "Meeting"),
            PartnerMeeting,
            ("counterpart_name", "counterpart_title", "counterpart_organisation"),
            (("place", False), ("notes", True)),
            "date",
            lambda: PartnerMeeting.objects.public(),
        ),
    ]
}


def _text(fields, language):
    """The fields' texts in `language` as one SQL text, rich text without its tags."""
    parts = []
    for field, is_html in fields:
        value = Coalesce(F(f"{field}_{language}"), Value(""), output_field=TextField())
        parts.extend([Plain(value) if is_html else value, Value(" ")])
    return Concat(*parts, output_field=TextField()) if len(parts) > 2 else parts[0]


@dataclasses.dataclass
class Query:
    """What the reader typed, made safe to search with."""

    text: str
    truncated: bool = False

    @classmethod
    def from_request(cls, value):
        text = " ".join((value or "").split())
        if len(text) > MAX_QUERY_LENGTH:
            return cls(text[:MAX_QUERY_LENGTH].rstrip(), truncated=True)
        return cls(text)

    @property
    def words(self):
        """The words SQLite looks for, folded and lowercased, each once."""
        return list(dict.fromkeys(_word.findall(lower_fold(self.text))))[:MAX_WORDS]


@dataclasses.dataclass
class Result:
    kind: Kind
    obj: object
    snippet: str

    @property
    def label(self):
        return self.kind.label

    @property
    def url(self):
        if self.kind.name == "action":
            return reverse("digests:today")
        return self.obj.get_absolute_url()


class Search:
    """The rows matching a query in a language, in rank order, as a sliceable sequence.

    Paginator slices it: the count and the page's (kind, pk) are one query
    each, then each kind on the page is fetched with its snippet.
    """

    def __init__(self, query, language):
        self.query = query
        self.language = language
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.tsquery = SearchQuery(
                fold(query.text), config=CONFIGURATIONS[language], search_type="websearch"
            )
        self._count = None

    def matching(self, kind, limit=None):
        """(rows, rank): at most `limit` (CANDIDATES) of the kind's matching rows, its newest.

        On SQLite, the words are looked for in the kind's SQLITE_SCANNED_ROWS newest rows.
        """
        limit = limit or CANDIDATES
        rows = kind.visible()
        if self.postgres:
            vector = StoredVector(self.language)
            found = rows.alias(vector=vector).filter(vector=self.tsquery)
            # Ranked (and counted) only after the GIN index found them and the
            # limit cut them: ts_rank never runs on every match of a common word.
            newest = found.order_by("-pk").values("pk")[:limit]
            rows = kind.model.objects.filter(pk__in=Subquery(newest))
            return rows, SearchRank(StoredVector(self.language), self.tsquery)
        words = self.query.words
        if not words:
            return rows.none(), Value(0.0)
        # The rows read are looked up by key (the planner then starts from them,
        # not from a scan of the whole table); the words are looked for in them.
        newest = rows.order_by("-pk").values("pk")[:SQLITE_SCANNED_ROWS]
        rows = kind.model.objects.filter(pk__in=Subquery(newest))
        titles = Fold(_text([(name, False) for name in kind.titles], self.language))
        everything = Fold(
            _text([*((name, False) for name in kind.titles), *kind.texts], self.language)
        )
        rows = rows.alias(search_title=titles, search_text=everything)
        for word in words:
            rows = rows.filter(search_text__contains=word)
        # A word in the title counts twice as much as one in the text.
        rank = Value(1.0)
        for word in words:
            rank = rank + Case(
                When(Q(search_title__contains=word), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        return rows, rank

    def _union(self, parts, columns):
        """SQL and parameters of the parts' rows, one after the other.

        Written out because Django's union refuses parts that filter on a
        sliced subquery (the bound on each kind's candidates).
        """
        sqls, params = [], []
        for number, part in enumerate(parts):
            sql, part_params = part.query.sql_with_params()
            sqls.append(f"SELECT {columns} FROM ({sql}) AS search_part_{number}")
            params.extend(part_params)
        return " UNION ALL ".join(sqls), params

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def ranked(self, start, stop):
        """(kind, pk, rank, date) of the matches from `start` to `stop`, best first."""
        parts = []
        for kind in KINDS.values():
            rows, rank = self.matching(kind)
            parts.append(
                rows.annotate(
                    result_kind=Value(kind.name, output_field=CharField()),
                    result_pk=F("pk"),
                    result_rank=rank,
                    result_date=F(kind.date),
                )
                .order_by()
                .values_list("result_kind", "result_pk", "result_rank", "result_date")
            )
        sql, params = self._union(parts, "result_kind, result_pk, result_rank, result_date")
        sql = (
            f"SELECT * FROM ({sql}) AS search_ranked"
            " ORDER BY result_rank DESC, result_date DESC, result_kind, result_pk DESC"
            " LIMIT %s OFFSET %s"
        )
        return self._fetch(sql, [*params, max(0, stop - start), start])

    def count(self):
        """How many results, MAX_RESULTS at most (see `more`)."""
        if self._count is None:
            self._count = 0
            if self.searchable:
                parts = [
                    self.matching(kind, MAX_RESULTS + 1)[0].order_by().values_list("pk")
                    for kind in KINDS.values()
                ]
                sql, params = self._union(parts, "1 AS one")
                sql = f"SELECT count(*) FROM ({sql} LIMIT %s) AS search_found"
                self._count = self._fetch(sql, [*params, MAX_RESULTS + 1])[0][0]
        return min(self._count, MAX_RESULTS)

    @property
    def more(self):
        """Whether more than MAX_RESULTS rows matched: only those are shown."""
        self.count()
        return self._count > MAX_RESULTS

    def __len__(self):
        return self.count()

    @property
    def searchable(self):
        return bool(self.query.words) if not self.postgres else bool(self.query.text)

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("A search is read a page at a time.")
        if not self.searchable:
            return []
        start, stop, _step = page.indices(self.count())
        rows = self.ranked(start, stop)
        found = {}
        for name in KINDS:
            pks = [pk for kind, pk, _rank, _date in rows if kind == name]
            if pks:
                found[name] = self.fetch(KINDS[name], pks)
        return [found[kind][pk] for kind, pk, _rank, _date in rows if pk in found.get(kind, {})]

    def fetch(self, kind, pks):
        """{pk: Result} for these rows of a kind, each with its snippet."""
        rows = kind.model.objects.filter(pk__in=pks)
        if kind.related:
            rows = rows.select_related(*kind.related)
        text = _text(kind.texts, self.language)
        if self.postgres:
            rows = rows.annotate(
                search_plain=text,
                search_headline=SearchHeadline(
                    Fold(text),
                    self.tsquery,
                    config=CONFIGURATIONS[self.language],
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    short_word=3,
                ),
            )
            return {
                row.pk: Result(kind, row, mark_headline(row.search_plain, row.search_headline))
                for row in rows
            }
        rows = rows.annotate(search_plain=text)
        return {
            row.pk: Result(kind, row, highlight(row.search_plain, self.query.words)) for row in rows
        }


def _render(text, marks, *, entities=True):
    """Escaped `text` with <mark> around each (start, end) of `marks`.

    `entities`: the text is as stored, "&amp;" for "&"; they are read first.
    """

    def piece(part):
        return escape(_space.sub(" ", html.unescape(part) if entities else part))

    out, position = [], 0
    for start, end in marks:
        out.append(piece(text[position:start]))
        out.append(f"<mark>{piece(text[start:end])}</mark>")
        position = end
    out.append(piece(text[position:]))
    return mark_safe("".join(out).strip())  # noqa: S308 (every piece is escaped)


def mark_headline(text, headline):
    """ts_headline's snippet in the text's own letters, escaped, with <mark>s.

    ts_headline ran on the folded text (so that "ўсе" matched "усе"); its
    snippet is a slice of that text with marks inserted. The same slice of
    the unfolded text is shown, the marks put back at the same places.
    """
    text = (text or "").replace(START, "").replace(STOP, "")
    headline = headline or ""
    bare = headline.replace(START, "").replace(STOP, "")
    offset = fold(text).find(bare)
    if not bare.strip() or offset < 0:
        return _render(_shorten(html.unescape(text)), [], entities=False)
    marks, position, start = [], offset, None
    for char in headline:
        if char == START:
            start = position
        elif char == STOP:
            if start is not None:
                marks.append((start, position))
            start = None
        else:
            position += 1
    snippet = _render_slice(text, offset, offset + len(bare), marks)
    prefix = "… " if text[:offset].strip() else ""
    suffix = " …" if text[offset + len(bare) :].strip() else ""
    return mark_safe(prefix + snippet + suffix)  # noqa: S308 (the snippet is escaped)


def _render_slice(text, begin, end, marks, *, entities=True):
    marks = [(start - begin, stop - begin) for start, stop in marks]
    return _render(text[begin:end], marks, entities=entities)


def _shorten(text, limit=SNIPPET_CHARACTERS):
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def highlight(text, words):
    """A window of `text` around the first of `words` found, each found word marked.

    SQLite's snippet, of a text whose rich text newsroom_search_plain made plain:
    words are matched folded and lowercased, as the search did.
    """
    text = " ".join((text or "").replace(START, "").replace(STOP, "").split())
    found = [(m.start(), m.end()) for m in _matches(lower_fold(text), words)]
    if not found:
        return _render(_shorten(text), [], entities=False)
    first, first_end = found[0]
    begin = max(0, first - SNIPPET_CHARACTERS // 3)
    if begin:
        # Start at a word: after the first space before the match, if any.
        begin = text.find(" ", begin, first) + 1 or begin
    end = max(first_end, min(len(text), begin + SNIPPET_CHARACTERS))
    if end < len(text):
        end = max(first_end, text.rfind(" ", first_end, end))
    marks = [(start, stop) for start, stop in found if start >= begin and stop <= end]
    snippet = _render_slice(text, begin, end, marks, entities=False)
    prefix = "… " if begin else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + snippet + suffix)  # noqa: S308 (the snippet is escaped)


def _matches(folded, words):
    if not words:
        return []
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))
    return pattern.finditer(folded)
