"""A full-text vector per language on campaigns, action items and partner meetings.

PostgreSQL only: generated columns (`GENERATED ALWAYS AS ... STORED`) with a
GIN index, so the database keeps them current whatever path a text is written
by (admin, services, shell, loaddata, a restored backup). The models do not
know these columns, so the autodetector never sees them; SQLite searches the
texts themselves (digests/search.py).

The expressions use only immutable built-ins: tags are cut out with
regexp_replace, and translate() folds the letters Belarusian readers type
either way (ў/у, і/и, ё/е) before the text configuration lowercases. A later
migration that changes the type of a column named here must drop the
search_* columns first and add them again with the same expression
(PostgreSQL refuses to alter a column a generated column reads).
"""

from django.db import migrations

CONFIGURATIONS = {"be": "simple", "ru": "russian", "en": "english"}
FOLD_FROM, FOLD_TO = "ЎўІіЁё\ue000\ue001", "УуИиЕе"

# Table: (column prefix, weight, is HTML) for each translated text it is searched by.
TABLES = {
    "campaigns_campaign": [("name", "A", False), ("summary", "B", False), ("body", "C", True)],
    "campaigns_actionitem": [("text", "A", False), ("explanation", "B", False)],
    "campaigns_partnermeeting": [
        ("counterpart_name", "A", False),
        ("counterpart_title", "A", False),
        ("counterpart_organisation", "A", False),
        ("place", "B", False),
        ("notes", "C", True),
    ],
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
    dependencies = [("campaigns", "0006_action_item_updated_at")]

    operations = [migrations.RunPython(add_vectors, drop_vectors, elidable=False)]
