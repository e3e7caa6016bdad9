"""Render and keep the sections of every digest whose kept rendering is stale.

The first reader of a digest renders its sections when they are not kept
(digests/rendering.py); after a deploy that changes the templates or the code,
this renders them all at once instead, newest first.
"""

from django.core.management.base import BaseCommand

from digests import rendering
from digests.models import Digest


class Command(BaseCommand):
    help = "Render and keep the sections of every digest in every language where they are stale."

    def add_arguments(self, parser):
        parser.add_argument(
            "--drafts", action="store_true", help="Drafts too, not only published digests."
        )

    def handle(self, *args, drafts=False, **options):
        digests = Digest.objects.all() if drafts else Digest.objects.published()
        rendered = 0
        for digest in digests.newest_first().iterator(chunk_size=100):
            rendered += rendering.render_all([digest])
        self.stdout.write(f"Rendered {rendered} sections pages of digests.")
