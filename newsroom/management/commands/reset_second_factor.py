from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.services import remove_second_factors


class Command(BaseCommand):
    help = (
        "Remove every passkey, authenticator app and backup code of a staff member who "
        "lost them; at their next log-in, with their password, they add a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None
        removed = remove_second_factors(user=user, by=None)
        self.stdout.write(
            f"Removed from {user.get_username()}: {removed['passkeys']} passkey(s), "
            f"{removed['apps']} authenticator app(s), {removed['backup_codes']} backup code(s)."
        )
