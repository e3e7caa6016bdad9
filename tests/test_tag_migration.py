"""Moving to tags with a name per language keeps every tag, address and link."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsroom.models import Tag
from tests.factories import CampaignFactory, DigestFactory, SectionFactory

BEFORE = [("newsroom", "0003_tags_per_language")]


def migrate(targets):
    """Migrate to `targets`; the models as they were there, taggit's included."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    return executor.loader.project_state(
        targets + [node for node in leaves if node[0] in {"taggit", "contenttypes"}]
    ).apps


@pytest.fixture
def taggit_era():
    """The database as it was with taggit's tags, and a way to migrate it forward."""
    digest = DigestFactory(published=True)
    section = SectionFactory(digest=digest)
    campaign = CampaignFactory()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    apps = migrate(BEFORE)
    yield apps, {"digest": digest, "section": section, "campaign": campaign}
    migrate(latest)


def add_old_tag(apps, name, slug, *tagged):
    old_tag = apps.get_model("taggit", "Tag").objects.create(name=name, slug=slug)
    content_type = apps.get_model("contenttypes", "ContentType").objects
    for obj in tagged:
        apps.get_model("taggit", "TaggedItem").objects.create(
            tag=old_tag,
            object_id=obj.pk,
            content_type=content_type.get(
                app_label=obj._meta.app_label, model=obj._meta.model_name
            ),
        )


@pytest.mark.django_db(transaction=True)
def test_every_tag_keeps_its_address_and_links_and_gets_its_name_in_every_language(
    taggit_era,
):
    apps, objs = taggit_era
    digest, section, campaign = objs["digest"], objs["section"], objs["campaign"]
    add_old_tag(apps, "referendum", "referendum", digest, section, campaign)
    add_old_tag(apps, "ЭкспертнаяСреда", "ekspertnaiasreda", section)
    add_old_tag(apps, "sanctions", "sanctions", campaign)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert sorted(digest.tags.slugs()) == ["referendum"]
    assert sorted(section.tags.slugs()) == ["ekspertnaiasreda", "referendum"]
    assert sorted(campaign.tags.slugs()) == ["referendum", "sanctions"]
    tag = Tag.objects.get(slug="ekspertnaiasreda")
    assert (tag.name_be, tag.name_ru, tag.name_en) == ("ЭкспертнаяСреда",) * 3


@pytest.mark.django_db(transaction=True)
def test_a_leading_hash_is_dropped_and_tags_that_then_read_the_same_become_one(taggit_era):
    apps, objs = taggit_era
    digest, section = objs["digest"], objs["section"]
    add_old_tag(apps, "Voice", "voice", digest)
    add_old_tag(apps, "#voice", "voice_1", digest, section)
    add_old_tag(apps, "#палітвязні", "palitviazni", section)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert sorted(Tag.objects.values_list("slug", "name_be")) == [
        ("palitviazni", "палітвязні"),
        ("voice", "Voice"),
    ]
    assert sorted(digest.tags.slugs()) == ["voice"]
    assert sorted(section.tags.slugs()) == ["palitviazni", "voice"]


@pytest.mark.django_db(transaction=True)
def test_a_tag_that_had_no_address_gets_one(taggit_era):
    apps, objs = taggit_era
    add_old_tag(apps, "🙂", "", objs["digest"])

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    tag = objs["digest"].tags.get()
    assert tag.name_en == "🙂"
    assert tag.slug.startswith("tag-")
