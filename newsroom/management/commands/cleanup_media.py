import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom.models import Image, SiteSettings

# An upload being saved right now is not yet in the database: leave it alone.
GRACE = datetime.timedelta(hours=1)


def stored_files(storage, directory=""):
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for subdirectory in directories:
        yield from stored_files(
            storage, f"{directory}/{subdirectory}" if directory else subdirectory
        )


class Command(BaseCommand):
    help = (
        "List the uploaded files that no image of the media library uses (left behind by "
        "an upload that failed half-way, or by older versions). With --delete, remove them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Remove the files instead of listing them."
        )

    def handle(self, *args, delete, **options):
        storage = Image._meta.get_field("file").storage
        used = set()
        for image in Image.objects.only("file", "width"):
            used.add(image.file.name)
            for image_format in ("WEBP", image.fallback_format):
                used.update(name for name, _width in image.renditions(image_format))
        for site in SiteSettings.objects.only("logo", "touch_icon"):
            used.update(file.name for file in (site.logo, site.touch_icon) if file)
        cutoff = timezone.now() - GRACE
        unused = [
            name
            for name in stored_files(storage)
            if name not in used and storage.get_modified_time(name) < cutoff
        ]
        for name in unused:
            if delete:
                storage.delete(name)
            self.stdout.write(f"{'removed' if delete else 'unused'}: {name}")
        outcome = "removed" if delete else "found; --delete removes them"
        self.stdout.write(f"{len(unused)} unused file(s) {outcome}.")
