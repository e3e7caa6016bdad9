"""A full-text vector per language on digests and their sections.

As campaigns/0007_search_vectors, whose notes apply here too: PostgreSQL only,
generated STORED columns with a GIN index, unknown to the models.
"""

from django.db import migrations

CONFIGURATIONS = {"be": "simple", "ru": "russian", "en": "english"}
FOLD_FROM, FOLD_TO = "ЎўІіЁё\ue000\ue001", "УуИиЕе"

# Table: (column prefix, weight, is HTML) for each translated text it is searched by.
TABLES = {
    "digests_digest": [
        ("title", "A", False),
        ("headline", "A", False),
        ("lead", "B", False),
        ("closing_call", "C", True),
    ],
    "digests_section": [("heading", "A", False), ("body", "B", True)],
}


def vector_sql(fields, language):
    config = CONFIGURATIONS[language]
    parts = []
    for prefix, weight, is_html in fields:
        text = f"coalesce({prefix}_{language}, '')"
        if is_html:
            text = f"regexp_replace({text}, '<[^>]*>', ' ', 'g')"
        text = f"translate({text}, '{FOLD_FROM}', '{FOLD_TO}')"
        parts.append(f"setweight(to_tsvector('{config}'::regconfig, {text}), '{weight}')")
    return " || ".join(parts)


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, fields in TABLES.items():
        for language in CONFIGURATIONS:
            column = f"search_{language}"
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} tsvector "
                f"GENERATED ALWAYS AS ({vector_sql(fields, language)}) STORED"
            )
            schema_editor.execute(f"CREATE INDEX {table}_{column} ON {table} USING gin ({column})")


def drop_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        for language in CONFIGURATIONS:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_{language}")


class Migration(migrations.Migration):
    dependencies = [("digests", "0014_roles"), ("campaigns", "0007_search_vectors")]

    operations = [migrations.RunPython(add_vectors, drop_vectors, elidable=False)]
