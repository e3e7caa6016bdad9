from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Digests")

    def ready(self):
        import reversion
        from django.db.backends.signals import connection_created

        from newsroom import caching

        from . import rendering  # noqa: F401 -- its receivers
        from .models import Digest, DigestAction, Section
        from .search import connect_sqlite_functions

        # After modeltranslation has added the language fields, so that they are kept.
        reversion.register(
            Digest,
            follow=["sections", "action_entries", "tagged_items"],
            exclude=["edit_count", "contents_version"],
        )
        reversion.register(Section, follow=["tagged_items"])
        reversion.register(DigestAction)

        # A scheduled digest shows on the public pages from its time on, without a write.
        @caching.expires_at
        def next_digest_due(now):
            return (
                Digest.objects.scheduled(now=now)
                .order_by("published_at")
                .values_list("published_at", flat=True)
                .first()
            )

        # SQLite's LIKE folds ASCII only: search's own folding, as SQL functions.
        connection_created.connect(connect_sqlite_functions, dispatch_uid="search_functions")
