"""The SQLite backend converts each query's placeholders as Django's does, once per text."""

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper

from newsroom.sqlite3.base import LONGEST_KEPT, CursorWrapper, _qmark_style

QUERIES = [
    'SELECT "a" FROM "t" WHERE "b" = %s AND "c" IN (%s, %s)',
    'SELECT "a" FROM "t" WHERE "b" LIKE \'%%ab%%\' AND "c" = %s',
    "SELECT 1",
    "SELECT '%%s' || %s",
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_converts_as_with_djangos_backend(query):
    ours = CursorWrapper.convert_query(None, query)
    assert ours == SQLiteCursorWrapper.convert_query(None, query)
    assert CursorWrapper.convert_query(None, query) is ours  # remembered


def test_named_parameters_and_long_texts_are_converted_each_time():
    named = "SELECT %(name)s"
    assert CursorWrapper.convert_query(None, named, param_names=["name"]) == "SELECT :name"
    long = "SELECT %s" + " " * LONGEST_KEPT
    before = _qmark_style.cache_info().currsize
    assert CursorWrapper.convert_query(None, long) == "SELECT ?" + " " * LONGEST_KEPT
    assert _qmark_style.cache_info().currsize == before


@pytest.mark.django_db
def test_the_database_answers_through_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s || 'a%%'", ["x"])
        assert cursor.fetchone() == ("xa%",)
