from django.conf import settings
from django.db import transaction

from .models import TaggedItem


@transaction.atomic
def merge_tags(*, tags, into):
    """Make `tags` one tag, `into`: it gets all their links and the names it lacks.

    `into` keeps its address, so its links keep working; the addresses of the
    others stop answering.
    """
    others = [tag for tag in tags if tag.pk != into.pk]
    names = {}
    for tag in others:
        for code, _language in settings.LANGUAGES:
            names.setdefault(code, getattr(tag, f"name_{code}"))
        for item in tag.tagged_items.all():
            already = TaggedItem.objects.filter(
                tag=into, content_type_id=item.content_type_id, object_id=item.object_id
            )
            if already.exists():
                item.delete()
            else:
                item.tag = into
                item.save()
    type(into).objects.filter(pk__in=[tag.pk for tag in others]).delete()
    for code, name in names.items():
        if name and not getattr(into, f"name_{code}"):
            setattr(into, f"name_{code}", name)
    into.save()
    return into
