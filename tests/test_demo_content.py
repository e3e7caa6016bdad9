import datetime
import shutil
import tomllib
from fnmatch import fnmatch
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.html import escape
from modeltranslation.translator import translator

from campaigns.models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting
from digests import demo
from digests.models import Digest, DigestAction, Section
from newsroom.models import Person, SiteSettings, SocialLink, Tag
from newsroom.richtext import sanitize_html
from tests.factories import (
    CampaignFactory,
    DigestFactory,
    ImageFactory,
    PartnerMeetingFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [Campaign, ActionItem, PartnerMeeting, Digest, DigestAction, Section]
TEXT_MODELS = [
    *[SiteSettings, Person, Campaign, CampaignLink, ActionItem, PartnerMeeting],
    *[MeetingTopic, Digest, DigestAction, Section],
]
RICH_TEXTS = {
    Campaign: ["body"],
    PartnerMeeting: ["notes"],
    Digest: ["closing_call"],
    Section: ["body"],
}


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def texts():
    """Every translated text in the database, by model and row."""
    found = {}
    for model in TEXT_MODELS:
        names = [
            column
            for field in translator.get_options_for_model(model).fields
            for column in (f"{field}_{code}" for code in demo.LANGUAGES)
        ]
        found[model.__name__] = sorted(model.objects.values_list(*names))
    return found


@pytest.fixture
def demo_files(tmp_path, monkeypatch):
    """A copy of the demo's files that a test may break; the command reads the copy."""
    directory = tmp_path / "demo"
    shutil.copytree(demo.DIRECTORY, directory, ignore=shutil.ignore_patterns("*.py", "__py*"))
    monkeypatch.setattr(demo, "DIRECTORY", directory)
    return directory


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_loading_the_demo_twice_creates_nothing_new():
    call_command("load_demo")
    first = counts()

    call_command("load_demo")

    assert counts() == first
    assert first["Digest"] >= 3


def test_loading_the_demo_twice_leaves_every_text_as_it_was():
    call_command("load_demo")
    first = texts()

    call_command("load_demo")

    assert texts() == first


def test_demo_has_a_current_activity_list_today(client):
    call_command("load_demo")

    content = client.get("/en/today/").content.decode()

    assert ActionItem.objects.current().exists()
    for item in ActionItem.objects.current():
        assert escape(item.text_en) in content


def test_demo_sample_digest_reads_as_the_january_2022_digest(client):
    call_command("load_demo")
    digest = Digest.objects.published().get(period_start="2022-01-10")

    content = client.get(f"/be/digests/{digest.slug}/").content.decode()

    assert "Дайджэст: 10 — 23 студзеня" in content
    assert digest.slug == "digest-2022-01-10-23"
    assert digest.published_at == datetime.datetime(
        2022, 1, 24, 10, tzinfo=ZoneInfo("Europe/Minsk")
    )
    assert digest.sections.count() >= 7
    assert digest.action_entries.count() == 5
    assert digest.sections.filter(meetings__country__in=["CH", "SE"]).exists()


def test_demo_rich_texts_are_stored_clean_in_every_language():
    call_command("load_demo")

    for model, names in RICH_TEXTS.items():
        for row in model.objects.all():
            for name in names:
                for code in demo.LANGUAGES:
                    html = getattr(row, f"{name}_{code}")
                    assert html.startswith("<p>") or html.startswith("<ul>")
                    assert sanitize_html(html) == html


def test_demo_file_layout_becomes_paragraphs_lists_bold_and_links():
    markup = """
    First **bold** line
    goes on.
    - an item
      that goes on
    - a [link](https://example.org) & <b>not a tag</b>

    Last.
    """

    assert demo.rich_text(markup) == (
        "<p>First <strong>bold</strong> line goes on.</p>"
        "<ul><li>an item that goes on</li>"
        '<li>a <a href="https://example.org">link</a> &amp; &lt;b&gt;not a tag&lt;/b&gt;</li></ul>'
        "<p>Last.</p>"
    )


def test_demo_text_with_a_dangerous_link_is_cleaned(demo_files):
    edit(
        demo_files / "campaigns.toml",
        "- Put a cross next to every answer.",
        "- Put a [cross](javascript:steal) next to every answer.",
    )

    call_command("load_demo")

    body = Campaign.objects.get(slug="cross-out-the-referendum").body_en
    assert "cross</a> next to every answer" in body
    assert "javascript" not in body


def test_published_demo_digests_keep_their_activity_list_as_it_read(client):
    call_command("load_demo")
    digest = Digest.objects.get(slug="digest-2022-01-10-23")
    item = digest.action_entries.get(position=1).action_item
    words = item.text_en
    ActionItem.objects.filter(pk=item.pk).update(text_en="Changed after publication")

    content = client.get(f"/en/digests/{digest.slug}/").content.decode()

    assert all(entry.is_frozen for entry in DigestAction.objects.all())
    assert escape(words) in content
    assert "Changed after publication" not in content


def test_editing_a_demo_file_updates_the_same_rows(demo_files):
    call_command("load_demo")
    before = counts()
    edit(demo_files / "campaigns.toml", 'name.en = "Popular sanctions"', 'name.en = "Sanctions"')

    call_command("load_demo")

    assert counts() == before
    assert Campaign.objects.get(slug="popular-sanctions").name_en == "Sanctions"


def test_demo_tags_keep_their_addresses_and_have_a_name_in_every_language():
    with (demo.DIRECTORY / "tags.toml").open("rb") as file:
        tags = tomllib.load(file)

    call_command("load_demo")

    assert set(Tag.objects.values_list("slug", flat=True)) == set(tags)
    prisoners = Tag.objects.get(slug="political-prisoners")
    assert prisoners.name_en == "political prisoners"
    assert prisoners.name_be == tags["political-prisoners"]["name"]["be"]
    assert Tag.objects.get(slug="expertenvironment").name_en == "ExpertEnvironment"
    for names in tags.values():
        assert set(names["name"]) == set(demo.LANGUAGES)


def test_a_malformed_demo_file_is_named_with_its_line(demo_files):
    path = demo_files / "people.toml"
    line = path.read_text(encoding="utf-8").splitlines().index("[latushka]") + 1
    edit(path, "[latushka]", "[latushka")

    with pytest.raises(CommandError, match=rf"people\.toml: .*line {line}\b"):
        call_command("load_demo")

    # site.toml, read before, was rolled back with the rest.
    assert not SocialLink.objects.exists()


def test_a_missing_language_is_named_with_its_file_and_key(demo_files):
    edit(demo_files / "campaigns.toml", 'name.ru = "Народные санкции"\n', "")

    with pytest.raises(CommandError, match=r"campaigns\.toml, \[popular-sanctions\]: 'name\.ru'"):
        call_command("load_demo")


def test_a_failed_load_saves_nothing(demo_files):
    edit(demo_files / "digest-2022-01-10.toml", 'kind = "event"', 'kind = "party"')

    with pytest.raises(CommandError, match=r"digest-2022-01-10\.toml: kind"):
        call_command("load_demo")

    assert counts() == dict.fromkeys(counts(), 0)


def test_a_missing_value_is_named_with_its_file_and_key(demo_files):
    edit(demo_files / "meetings.toml", 'country = "SE"\n', "")

    with pytest.raises(CommandError, match=r"meetings\.toml, \[swedish-ambassador\]: 'country'"):
        call_command("load_demo")


def test_an_unknown_reference_is_named_with_what_is_known(demo_files):
    edit(
        demo_files / "action_items.toml", 'campaign = "popular-sanctions"', 'campaign = "sanction"'
    )

    with pytest.raises(
        CommandError, match=r"\[sanctions-january\]: there is no campaign 'sanction'"
    ):
        call_command("load_demo")


def test_a_wrong_value_is_a_message_not_a_database_error(demo_files):
    edit(demo_files / "site.toml", 'url = "https://x.com/example_newsroom"', 'url = "x.com"')

    with pytest.raises(CommandError, match=r"site\.toml: url"):
        call_command("load_demo")


def test_the_docker_image_gets_the_demo_files():
    root = demo.DIRECTORY.parents[1]
    lines = (root / ".dockerignore").read_text().splitlines()
    patterns = [line.strip().lstrip("/") for line in lines if line.strip()[:1] not in ("", "#")]
    patterns += [pattern.replace("**/", "") for pattern in patterns]
    files = [path.relative_to(root) for path in demo.DIRECTORY.glob("*.toml")]
    # Docker leaves out a file when a pattern matches it or any folder above it.
    paths = {str(path) for file in files for path in [file, *file.parents[:-1]]}

    assert len(files) >= 9
    assert not [(path, p) for path in paths for p in patterns if fnmatch(path, p)]


# The demo on a live site: refused unless forced.


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda: DigestFactory(headline_en="Our own news"), "digests “"),
        (lambda: CampaignFactory(slug="our-campaign"), "campaigns “"),
        (lambda: TagFactory(slug="our-tag"), "tags “"),
        (lambda: PartnerMeetingFactory(country="SE", date=datetime.date(2030, 1, 1)), "partner"),
        (lambda: ImageFactory(), "images “"),
        (lambda: SiteSettings.objects.create(pk=1, site_name="Our site"), "site settings"),
    ],
)
def test_demo_refuses_a_database_with_content_of_its_own(make, named):
    make()
    before = counts()

    with pytest.raises(CommandError, match="content the demo did not create") as refusal:
        call_command("load_demo")

    assert named in str(refusal.value)
    assert "--force" in str(refusal.value)
    assert counts() == before
    assert not SocialLink.objects.exists()


def test_demo_refusal_names_a_few_rows_and_counts_the_rest():
    for number in range(5):
        CampaignFactory(slug=f"ours-{number}")

    with pytest.raises(CommandError, match=r"campaigns “.*”, “.*”, “.*”, and 2 more"):
        call_command("load_demo")


def test_demo_loads_over_content_of_its_own_when_forced():
    DigestFactory(headline_en="Our own news")

    call_command("load_demo", force=True)

    assert Digest.objects.published().count() >= 3
    assert Digest.objects.filter(headline_en="Our own news").exists()


def test_demo_loads_again_over_its_own_rows_on_a_later_day():
    call_command("load_demo")
    later = timezone.localdate() + datetime.timedelta(days=3)

    with mock.patch("django.utils.timezone.localdate", return_value=later):
        call_command("load_demo")

    # The recent digest of three days ago is the demo's too.
    assert Digest.objects.count() == 4


def test_demo_loads_again_after_an_editor_changed_its_texts():
    call_command("load_demo")
    Campaign.objects.filter(slug="popular-sanctions").update(name_en="Renamed in the admin")

    call_command("load_demo")

    assert Campaign.objects.get(slug="popular-sanctions").name_en == "Popular sanctions"


def test_demo_loads_beside_staff_accounts(django_user_model):
    django_user_model.objects.create_superuser("operator", password="x-long-password")

    call_command("load_demo")

    assert Digest.objects.published().exists()


def test_demo_refuses_a_real_campaign_that_has_a_demo_campaigns_address():
    CampaignFactory(slug="popular-sanctions", name_be="Нашы санкцыі", name_en="Our sanctions")

    with pytest.raises(CommandError, match="campaigns “"):
        call_command("load_demo")


def test_demo_refuses_a_real_digest_for_a_demo_digests_period():
    DigestFactory(
        period_start=datetime.date(2022, 1, 10),
        period_end=datetime.date(2022, 1, 23),
        headline_be="Сапраўдная навіна",
        headline_en="Real news",
    )

    with pytest.raises(CommandError, match="digests “"):
        call_command("load_demo")


def test_a_site_visited_before_the_demo_still_takes_it(client):
    # The first page view makes the default site settings, with no tagline in any language.
    assert client.get("/be/").status_code == 200

    call_command("load_demo")

    assert Digest.objects.published().exists()
