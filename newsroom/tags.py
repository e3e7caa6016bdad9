"""Tags as editors type them: every tag needs an address readers can open."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.managers import TaggableManager, _TaggableManager
from taggit.utils import _parse_tags

from .models import Tag, TaggedItem, strip_hash
from .prepared import Prepared


def parse_tags(tagstring):
    """taggit's parser without a leading '#', refusing tags whose address would be
    empty ("🙂", "#")."""
    typed = _parse_tags(tagstring)
    names = sorted({strip_hash(name) for name in typed} - {""})
    # taggit's own slugify, so the check and the stored slug cannot disagree.
    unusable = [name for name in typed if not Tag().slugify(strip_hash(name))]
    if unusable:
        raise ValidationError(
            _("These tags need at least one letter or digit: %(tags)s")
            % {"tags": ", ".join(unusable)}
        )
    return names


class TagsOfObject(_TaggableManager):
    """`obj.tags`: a typed name finds its tag in any language or by its address.

    taggit would look the name up in the current language only, so a digest saved
    in the Russian admin with a tag named only in Belarusian would get a second tag.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        manager = self.through.tag_model()._default_manager
        tags = [manager.get_or_create_for(tag) if isinstance(tag, str) else tag for tag in tags]
        return super()._to_tag_model_instances(tags, tag_kwargs)


def tags_field():
    """The tags of a digest, section or campaign."""
    return TaggableManager(
        gettext_lazy("tags"),
        help_text=gettext_lazy(
            'Separate tags with commas, e.g. "political prisoners, sanctions"; one tag of '
            "several words needs a comma after it. Type tags without #: the site adds it."
        ),
        through=TaggedItem,
        manager=TagsOfObject,
        blank=True,
    )


def _tagged_items(**found_by):
    return (
        TaggedItem.objects.filter(**found_by)
        .select_related("tag")
        .order_by(*(f"tag__{name}" for name in Tag._meta.ordering), "tag__pk")
    )


_tagged_items_of = Prepared(
    lambda content_type, object_id: _tagged_items(content_type=content_type, object_id=object_id),
    content_type=int,
    object_id=int,
)


def prefetch_tags(objects):
    """`obj.tags.all()` of many objects, of one model or several, read in one query.

    prefetch_related("tags") makes one query per model: a digest page would
    make one for the digest and another for its sections.
    """
    objects = [obj for obj in objects if obj.pk is not None]
    by_type = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(obj), set()).add(obj.pk)
    tags = {(ct.pk, pk): [] for ct, pks in by_type.items() for pk in pks}
    if len(objects) == 1:
        # One object's (a digest page's): the query every such page makes, made once.
        ((kind, pks),) = by_type.items()
        for item in _tagged_items_of(content_type=kind.pk, object_id=next(iter(pks))):
            tags[kind.pk, item.object_id].append(item.tag)
    elif by_type:
        # Both lists at once rather than an OR of (type, ids) pairs, which
        # SQLite reads by scanning every tagged row; a row of another type
        # whose id is in the list is simply left out.
        items = _tagged_items(
            content_type__in=list(by_type), object_id__in=set().union(*by_type.values())
        )
        for item in items:
            if (key := (item.content_type_id, item.object_id)) in tags:
                tags[key].append(item.tag)
    for obj in objects:
        found = Tag.objects.all()
        # What Django's own prefetch_related leaves: a queryset already evaluated.
        found._result_cache = tags[ContentType.objects.get_for_model(obj).pk, obj.pk]
        found._prefetch_done = True
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[obj.tags.prefetch_cache_name] = (
            found
        )
