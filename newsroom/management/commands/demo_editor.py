import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

USERNAME = "editor"
GROUP = "Editors"
# By app label, so that this app needs no import of the apps that depend on it.
CONTENT_APPS = ["newsroom", "campaigns", "digests", "taggit"]
ACTIONS = ["add", "change", "view", "delete"]


class Command(BaseCommand):
    help = (
        "Development only: create or update the staff user 'editor' in the 'Editors' group, "
        "give it a new random password and print how to log in to the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="The port the development server listens on, for the printed address.",
        )

    def handle(self, *args, port, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_editor only runs with DEBUG=1: it sets a known password on a staff "
                "account, which must never happen on a live site."
            )
        password = secrets.token_urlsafe(16)
        with transaction.atomic():
            group = editors_group()
            user, _created = get_user_model().objects.get_or_create(username=USERNAME)
            user.is_staff = True
            user.is_superuser = False
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS("Demo editor ready (a new password is set on every run).")
        )
        self.stdout.write(f"  Admin:    http://127.0.0.1:{port}/{settings.ADMIN_URL}")
        self.stdout.write(f"  Username: {USERNAME}")
        self.stdout.write(f"  Password: {password}")


def editors_group():
    """The 'Editors' group with exactly the permissions to manage the site's content."""
    group, _created = Group.objects.get_or_create(name=GROUP)
    codename_prefixes = tuple(f"{action}_" for action in ACTIONS)
    permissions = [
        permission
        for permission in Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
        if permission.codename.startswith(codename_prefixes)
    ]
    group.permissions.set(permissions)
    return group
