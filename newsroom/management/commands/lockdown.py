from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.services import lock_down


class Command(BaseCommand):
    help = (
        "Emergency lockdown of a staff account (a staff member detained, a device seized): "
        "end its sessions, disable it, remove its passkeys, authenticator apps and backup "
        "codes, revoke the preview links it created, and record it in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user name of the account to lock down.")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"There is no account with the user name {username!r}.") from None
        summary = lock_down(user=user, by=None)
        self.stdout.write(
            self.style.SUCCESS(
                f"{username} is locked down: {summary['sessions']} sessions ended, "
                f"{sum(summary['second_factors'].values())} second factors removed, "
                f"{summary['preview_links']} preview links revoked. The account is disabled "
                "and has no usable password."
            )
        )
