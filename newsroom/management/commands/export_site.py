from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from newsroom import mirror


class Command(BaseCommand):
    help = (
        "Write the public site as a static mirror into OUTDIR, with relative links, "
        "SHA256SUMS and, when MIRROR_SIGNING_KEY is set, SHA256SUMS.sig."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", nargs="?", help="directory of the mirror")
        parser.add_argument(
            "--base-url",
            default=settings.MIRROR_BASE_URL,
            help="the site's address for canonical links, feeds and the sitemap "
            "(default: MIRROR_BASE_URL)",
        )
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="print a new signing key as a MIRROR_SIGNING_KEY line and exit",
        )

    def handle(self, *args, outdir, base_url, generate_key, **options):
        if generate_key:
            value, key = mirror.new_signing_key()
            public = mirror.PublicKey.of(key)
            self.stdout.write(f"MIRROR_SIGNING_KEY={value}")
            self.stderr.write(
                "Put this line in .env and keep it secret; the public key's fingerprint is\n"
                f"  {public.fingerprint}"
            )
            return
        if not outdir:
            raise CommandError("Name the directory to write the mirror into.")
        if not base_url:
            base_url = mirror.FALLBACK_BASE_URL
            self.stderr.write(
                f"Warning: no --base-url and no MIRROR_BASE_URL; the mirror's canonical "
                f"links, feeds and sitemap say {base_url}."
            )
        try:
            key = mirror.load_signing_key()
            summary = mirror.export_site(outdir, base_url=base_url, signing_key=key)
        except (ImproperlyConfigured, ValueError) as error:
            raise CommandError(str(error)) from error
        for name in summary.removed:
            self.stdout.write(f"removed {name}")
        for path, referrers in summary.broken.items():
            self.stderr.write(
                f"Warning: {path} is linked from {', '.join(referrers)} but does not answer 200."
            )
        if key is None:
            self.stderr.write("Warning: MIRROR_SIGNING_KEY is not set; SHA256SUMS is not signed.")
        self.stdout.write(
            f"{len(summary.written)} files written, {len(summary.unchanged)} unchanged, "
            f"{len(summary.removed)} removed; {summary.files} files, "
            f"{summary.total_bytes / 1_000_000:.1f} MB, {summary.seconds:.1f} s"
            + ("; signed" if summary.signed else "")
        )
