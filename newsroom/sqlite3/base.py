"""Django's SQLite backend, with each query's placeholders converted once.

Django's SQLite cursor turns a query's %s into ? with a regular expression
(SQLiteCursorWrapper.convert_query()) every time the query runs: 30 µs for
the 4 KB of SQL of a page's site settings or digest, more than SQLite takes
to answer either. The same SQL text always converts the same way, so the
conversion of each text is remembered (newsroom/settings.py names this
backend for sqlite:// addresses; PostgreSQL's driver takes %s as it is).
"""

import functools

from django.db.backends.sqlite3 import base

# Longer texts (a bulk insert's) are converted each time rather than kept.
LONGEST_KEPT = 20_000


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None and len(query) <= LONGEST_KEPT:
            return _qmark_style(query)
        return base.SQLiteCursorWrapper.convert_query(self, query, param_names=param_names)


@functools.lru_cache(maxsize=1024)
def _qmark_style(query):
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)
