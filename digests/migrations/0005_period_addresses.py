"""Give digests whose address was transliterated from the title the period's address.

Addresses made before this rule began with "daidzhest-" (the transliterated
generated title); addresses an editor typed are left alone. Each old
address is kept as a former address, so shared links redirect.
"""

from django.db import migrations


def period_slug(start, end):
    # A frozen copy of digests.models.period_slug: migrations must not import models.
    if start.year != end.year:
        return f"digest-{start:%Y-%m-%d}-{end:%Y-%m-%d}"
    if start.month != end.month:
        return f"digest-{start:%Y-%m-%d}-{end:%m-%d}"
    return f"digest-{start:%Y-%m-%d}-{end:%d}"


def use_period_addresses(apps, schema_editor):
    Digest = apps.get_model("digests", "Digest")
    FormerAddress = apps.get_model("digests", "FormerAddress")
    for digest in Digest.objects.filter(slug__startswith="daidzhest-").order_by("pk"):
        base = period_slug(digest.period_start, digest.period_end)
        slug, number = base, 2
        while Digest.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        FormerAddress.objects.create(digest=digest, slug=digest.slug)
        Digest.objects.filter(pk=digest.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("digests", "0004_former_addresses")]

    operations = [migrations.RunPython(use_period_addresses, migrations.RunPython.noop)]
