import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    output = io.StringIO()

    # makemigrations --check exits with status 1 when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)

    assert "No changes detected" in output.getvalue()
