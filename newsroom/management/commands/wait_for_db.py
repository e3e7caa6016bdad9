import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections


class Command(BaseCommand):
    help = "Wait until the database accepts connections (the container starts before it)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=60, help="Seconds to wait before giving up."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, timeout, database, **options):
        connection = connections[database]
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection.ensure_connection()
            except DatabaseError as error:
                if time.monotonic() >= deadline:
                    raise CommandError(
                        f"The database did not answer within {timeout:g} seconds: {error}"
                    ) from error
                connection.close()
                time.sleep(1)
            else:
                self.stdout.write("The database is up.")
                return
