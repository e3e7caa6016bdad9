"""The newsroom's roles as groups: Author, Translator, Editor, Administrator.

Here, in the app that comes last, so every app's permissions exist.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("campaigns", "0005_translator_permissions"),
        ("newsroom", "0006_audit_log"),
        ("digests", "0012_role_permissions"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
