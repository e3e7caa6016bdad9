from django.core.management.base import BaseCommand, CommandError

from newsroom.audit import verify
from newsroom.models import AuditEntry


class Command(BaseCommand):
    help = "Check the audit log's hash chain and report the first broken link."

    def handle(self, *args, **options):
        broken = verify()
        if broken is not None:
            raise CommandError(
                f"The audit log is broken at entry {broken.pk} "
                f"({broken.created_at:%Y-%m-%d %H:%M:%S} UTC, {broken.action}): "
                "it was changed, or an entry before it was removed."
            )
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"The audit log is intact: {count} entries."))
