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
        ("newsroom", "0007_staff_sessions_and_login_failures"),
        ("axes", "0010_accessattemptexpiration"),
        ("digests", "0013_preview_link_creator"),
        # Administrators hold every permission, these packages' too.
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
        ("django_otp_webauthn", "0004_webauthnuserhandle"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
