import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsroom.roles import EDITOR, ROLES, sync_roles

USERNAME = "editor"


class Command(BaseCommand):
    help = (
        "Development only: create or update the staff user 'editor' in the Editor role, "
        "give it a new random password and print how to log in to the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="The port the development server listens on, for the printed address.",
        )
        parser.add_argument(
            "--role",
            choices=list(ROLES),
            default=EDITOR,
            help="The role to try the admin in (default: Editor).",
        )

    def handle(self, *args, port, role, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_editor only runs with DEBUG=1: it sets a known password on a staff "
                "account, which must never happen on a live site."
            )
        password = secrets.token_urlsafe(16)
        with transaction.atomic():
            if not Group.objects.filter(name=role).exists():
                sync_roles(apps)
            group = Group.objects.get(name=role)
            user, _created = get_user_model().objects.get_or_create(username=USERNAME)
            user.is_staff = True
            user.is_superuser = False
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([group])
        self.stdout.write(
            self.style.SUCCESS("Demo editor ready (a new password is set on every run).")
        )
        self.stdout.write(f"  Admin:    http://127.0.0.1:{port}/{settings.ADMIN_URL}")
        self.stdout.write(f"  Username: {USERNAME} ({role})")
        self.stdout.write(f"  Password: {password}")
