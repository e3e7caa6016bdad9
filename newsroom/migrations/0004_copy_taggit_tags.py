"""Copy taggit's tags and their links into newsroom's tags with a name per language.

Every tag keeps its address (slug) and every link to a digest, section or campaign.
The name, written in one language only until now, goes into every language's
column: it is what readers of each language saw, and editors translate it from
the tag admin. A leading "#" is dropped (the site shows one by itself); tags that
then read the same ("#Voice" and "voice") were one tag to readers and become one,
keeping the oldest tag's address and all the links of both. A tag that had no
address (its name had no letter or digit, which the tag field now refuses) gets
one, "tag-<number>", so that its page opens too.
"""

from django.conf import settings
from django.db import migrations


def copy_taggit_tags(apps, schema_editor):
    OldTag = apps.get_model("taggit", "Tag")
    OldTaggedItem = apps.get_model("taggit", "TaggedItem")
    Tag = apps.get_model("newsroom", "Tag")
    TaggedItem = apps.get_model("newsroom", "TaggedItem")
    db = schema_editor.connection.alias
    languages = [code for code, _name in settings.LANGUAGES]

    taken = set(OldTag.objects.using(db).values_list("slug", flat=True))
    new_tag_of = {}  # old tag id -> new tag id
    by_name = {}  # the name as readers compare it -> new tag id
    for old in OldTag.objects.using(db).order_by("pk"):
        name = old.name.strip().lstrip("#").strip() or old.name
        key = name.casefold()
        if key not in by_name:
            slug = old.slug
            if not slug:
                slug = f"tag-{old.pk}"
                while slug in taken:
                    slug += "-1"
                taken.add(slug)
            tag = Tag.objects.using(db).create(
                slug=slug, name=name, **{f"name_{code}": name for code in languages}
            )
            by_name[key] = tag.pk
        new_tag_of[old.pk] = by_name[key]

    links = {
        (item.content_type_id, item.object_id, new_tag_of[item.tag_id])
        for item in OldTaggedItem.objects.using(db).all()
    }
    TaggedItem.objects.using(db).bulk_create(
        TaggedItem(content_type_id=content_type, object_id=object_id, tag_id=tag)
        for content_type, object_id, tag in sorted(links)
    )


def drop_the_copies(apps, schema_editor):
    """Going back: taggit's tables were left as they were, so only the copies go."""
    apps.get_model("newsroom", "TaggedItem").objects.using(schema_editor.connection.alias).delete()
    apps.get_model("newsroom", "Tag").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_tags_per_language"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(copy_taggit_tags, drop_the_copies)]
