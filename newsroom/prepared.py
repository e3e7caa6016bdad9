"""QuerySets whose SQL is made once per process and then run with new values.

Django turns a QuerySet into SQL anew each time it is evaluated: for the
queries every reader's page runs (the digest by its address, its neighbours,
the site settings) that is 0.5-2 ms of Python each, against 0.05 ms for the
database to answer. `Prepared` keeps the SQL that Django made the first time
and only puts the new values in, so the rules stay where they are, in the
QuerySet methods (`Digest.objects.published()`), and a query's result is the
same model instances, select_related included.

    by_slug = Prepared(lambda slug, now: Digest.objects.published(now=now).filter(slug=slug))
    digests = by_slug(slug="digest-2022-01-10-23", now=timezone.now())

`build` is called with stand-in values, twice, the first time a query runs in
a process for a database and a language (modeltranslation writes the SQL of
the active language), and the two SQL texts must be the same: a query whose
SQL depends on a value (an `if` on it, an IN of a list) is refused there,
with ImproperlyConfigured, rather than answered wrongly later. Each value
must reach the SQL as it is given, as a parameter of its own: a str, an int,
a date or an aware datetime (a value that `build` changes first, say
`slug.upper()`, is refused the same way). The result is a list: slicing or filtering it again would
need new SQL.
"""

import datetime
import threading

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation


def _stand_in(kind, index, variant):
    """A value of `kind` that no real query carries, the index-th of its set."""
    number = 1 + index + 50 * variant
    if kind is str:
        return f"\x00prepared-{number}"
    if kind is int:
        # Within a 32-bit column's range: PostgreSQL's backend answers a value
        # outside a field's range with no SQL at all (EmptyResultSet).
        return 2_100_000_000 + number
    if kind is datetime.datetime:
        return datetime.datetime(1901, 1, 1, microsecond=number, tzinfo=datetime.UTC)
    if kind is datetime.date:
        return datetime.date(1901, 1, 1) + datetime.timedelta(days=number)
    raise ImproperlyConfigured(f"Prepared values are str, int, date or datetime, not {kind}.")


def _adapt(connection, value):
    """`value` as Django hands it to the database driver."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            raise ValueError("Prepared queries take aware datetimes.")
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


class Prepared:
    def __init__(self, build, **kinds):
        """`build(**values)` returns the QuerySet; `kinds` names each value's type."""
        self.build = build
        self.kinds = kinds
        self._made = {}
        self._lock = threading.Lock()

    def __call__(self, using="default", **values):
        if values.keys() != self.kinds.keys():
            raise TypeError(f"Prepared query takes {sorted(self.kinds)}, not {sorted(values)}.")
        connection = connections[using]
        key = (using, connection.vendor, translation.get_language())
        made = self._made.get(key)
        if made is None:
            with self._lock:
                made = self._made.get(key) or self._make(using, connection)
                self._made[key] = made
        queryset, compiler, sql, params, positions, converters = made
        params = list(params)
        for name, value in values.items():
            if not isinstance(value, self.kinds[name]):
                raise TypeError(f"{name} must be {self.kinds[name].__name__}, not {value!r}.")
            adapted = _adapt(connection, value)
            for position in positions[name]:
                params[position] = adapted
        # A compiler of its own, on this thread's connection, whose SQL is ready.
        run = compiler.__class__.__new__(compiler.__class__)
        run.__dict__ = {**compiler.__dict__, "connection": connection}
        run.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        run.get_converters = lambda expressions: converters
        found = list(queryset._iterable_class(_running(queryset, run)))
        if queryset._prefetch_related_lookups:
            prefetch_related_objects(found, *queryset._prefetch_related_lookups)
        return found

    def _make(self, using, connection):
        made = []
        for variant in (0, 1):
            stand_ins = {
                name: _stand_in(kind, index, variant)
                for index, (name, kind) in enumerate(self.kinds.items())
            }
            queryset = self.build(**stand_ins).using(using)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            positions = {
                name: [i for i, p in enumerate(params) if p == _adapt(connection, value)]
                for name, value in stand_ins.items()
            }
            made.append((queryset, compiler, sql, params, positions))
        (queryset, compiler, sql, params, positions), (_q, _c, other_sql, _p, other) = made
        missing = [name for name, found in positions.items() if not found]
        if missing or other_sql != sql or other != positions:
            raise ImproperlyConfigured(
                "Prepared query's SQL depends on its values, or leaves some out: "
                f"{', '.join(missing) or 'the SQL differs'}."
            )
        # The columns' converters, which Django would otherwise look up for every run.
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        return queryset, compiler, sql, params, positions, converters


def _running(queryset, compiler):
    """`queryset` as its iterable reads it, with `compiler` as its query's compiler.

    A copy of the two objects' attributes, nothing deeper: the iterable reads
    the query's parts and changes none, and _chain()'s deep clone of a query
    with subqueries costs more than the database takes to answer it. (Not
    copy.copy(): pickling a QuerySet runs it.)
    """
    running = queryset.__class__.__new__(queryset.__class__)
    running.__dict__ = {**queryset.__dict__, "_result_cache": None}
    query = queryset.query.__class__.__new__(queryset.query.__class__)
    query.__dict__ = {**queryset.query.__dict__, "get_compiler": lambda *args, **kwargs: compiler}
    running._query = query
    return running
