"""A digest as a Telegram channel post: its HTML subset, its split into messages, its page."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from digests import telegram
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    DigestFactory,
    SectionFactory,
)
from tests.test_admin_translations import english_strings, proper_names, stored_words

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org/"
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
}
HREF = re.compile(r'href="([^"]*)"')


def post_of(digest, language="en", **kwargs):
    with translation.override(language):
        return telegram.digest_post(digest, base_url=BASE, **kwargs)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tags, self.attributes, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.append((tag, [name for name, _value in attrs]))
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()


def parsed(message):
    parser = Tags()
    parser.feed(message)
    parser.close()
    assert parser.open == [], f"unclosed tags {parser.open} in {message[-200:]!r}"
    return parser


def digest_links(digest):
    """Every address a reader can follow in the digest's own texts, as often as it occurs."""
    texts = [digest.closing_call, *(section.body for section in digest.sections.all())]
    links = [href for text in texts for href in HREF.findall(text)]
    links += [entry.url for entry in digest.action_entries.all() if entry.url]
    return [BASE.rstrip("/") + href if href.startswith("/") else href for href in links]


def long_digest(paragraphs=60):
    digest = DigestFactory(published=True, headline_en="A <big> & bold headline")
    for number in range(3):
        body = "".join(
            f'<p>Paragraph {number}.{n}: words &amp; more words, see <a href="https://example.org/'
            f'{number}/{n}?a=1&amp;b=2">this report</a> and <strong>this bold claim</strong>. '
            + "Some more sentences follow here. " * 8
            + "</p>"
            for n in range(paragraphs // 3)
        )
        body += "<ul><li><p>First point</p></li><li><p>Second <em>point</em></p></li></ul>"
        body += '<ol><li>One <a href="/en/campaigns/x/">campaign</a></li><li>Two</li></ol>'
        SectionFactory(digest=digest, heading_en=f"Heading {number}", body_en=body)
    item = ActionItemFactory(text_en="Sign the letter", url="https://example.org/sign")
    DigestActionFactory(digest=digest, action_item=item)
    digest.closing_call_en = '<p>Thank you. <a href="mailto:office@example.org">Write</a></p>'
    digest.save()
    return digest


def test_no_message_is_longer_than_telegram_allows_with_its_markup_or_without():
    digest = long_digest()

    post = post_of(digest)

    assert len(post.html) > 2
    for part in post.html:
        assert telegram.telegram_length(part.text) <= 4096
        assert telegram.telegram_length(telegram.visible_text(part.text)) <= 4096
    for part in post.plain:
        assert telegram.telegram_length(part.text) <= 4096


def test_every_link_of_the_digest_is_kept_as_it_was():
    digest = long_digest()
    expected = digest_links(digest)

    links = [href for part in post_of(digest).html for href in telegram.link_addresses(part.text)]

    assert "https://example.org/0/0?a=1&b=2" in links
    assert "https://news.example.org/en/campaigns/x/" in links
    for href in set(expected):
        assert links.count(href) >= expected.count(href), href


def test_the_plain_text_writes_each_link_as_its_words_and_address():
    digest = long_digest(paragraphs=3)

    plain = "\n".join(part.text for part in post_of(digest).plain)

    assert "this report (https://example.org/0/0?a=1&b=2)" in plain
    assert "<" not in plain.replace("<big>", "")
    assert "&amp;" not in plain
    assert "Write (mailto:office@example.org)" in plain
    assert plain.count("https://example.org/") == 3 * 1 + 1


def test_messages_are_split_between_paragraphs():
    digest = long_digest()
    paragraph = re.compile(r"Paragraph \d\.\d+:")

    post = post_of(digest)

    for part in post.html:
        for block in part.text.split("\n\n"):
            # Each paragraph of the digest ends in the same message it starts in.
            if paragraph.match(block):
                assert block.endswith("follow here.</p>".removesuffix("</p>")), block[-80:]
    starts = [part.text.split("\n\n")[0] for part in post.html[1:]]
    assert all(
        paragraph.match(start) or start.startswith("<b>") or start.startswith("1. ")
        for start in starts
    ), starts


def test_a_heading_is_not_left_at_the_end_of_a_message():
    digest = long_digest()

    for part in post_of(digest).html[:-1]:
        assert not part.text.split("\n\n")[-1].startswith("<b>Heading"), part.text[-100:]


def test_a_paragraph_longer_than_a_message_is_split_safely():
    huge = " ".join(
        f'Sentence {n} has <strong>bold words</strong> and <a href="https://example.org/{n}">a'
        f" link &amp; more</a>." + (" x" * (n % 7))
        for n in range(900)
    )
    word = "a" * 5000
    digest = DigestFactory(published=True)
    SectionFactory(digest=digest, heading_en="Huge", body_en=f"<p>{huge}</p><p>{word}</p>")

    post = post_of(digest)

    assert len(post.html) >= 8
    links = []
    for part in post.html:
        assert telegram.telegram_length(part.text) <= 4096
        parser = parsed(part.text)
        assert set(parser.tags) <= ALLOWED_TAGS
        assert not re.search(r"&(?!(amp|lt|gt|quot);)", part.text), "a cut entity"
        links += telegram.link_addresses(part.text)
    for n in range(900):
        assert links.count(f"https://example.org/{n}") == 1
    text = "".join(telegram.visible_text(part.text) for part in post.html)
    assert text.count("a link & more") == 900
    runs = [len(run) for part in post.html for run in re.findall(r"a{50,}", part.text)]
    assert len(runs) == 2  # the long word is cut once...
    assert sum(runs) == 5000  # ...and nothing of it is lost


def test_only_telegrams_tags_are_used_and_text_is_escaped():
    digest = DigestFactory(
        published=True,
        headline_en="Tom & Jerry <script>alert(1)</script>",
        lead_en="1 < 2 > 0",
    )
    SectionFactory(
        digest=digest,
        heading_en="A <heading>",
        body_en=(
            "<h3>Sub &amp; heading</h3><p>One<br>two</p><blockquote><p>Quoted</p></blockquote>"
            "<ul><li>bullet</li></ul><ol><li>first</li><li>second</li></ol>"
        ),
    )

    message = post_of(digest).html[0].text

    parser = parsed(message)
    assert set(parser.tags) <= ALLOWED_TAGS
    assert all(attrs in ([], ["href"]) for _tag, attrs in parser.attributes)
    assert "<b>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</b>" in message
    assert "1 &lt; 2 &gt; 0" in message
    assert "<b>A &lt;heading&gt;</b>" in message
    assert "<b>Sub &amp; heading</b>" in message
    assert "One\ntwo" in message
    assert "<blockquote>Quoted</blockquote>" in message
    assert "• bullet" in message
    assert "1. first\n2. second" in message
    for tag in ("<p>", "<br", "<ul>", "<li>", "<h3>", "<strong>"):
        assert tag not in message


def test_the_post_has_title_with_year_headline_activities_sections_hashtags_and_address():
    campaign = CampaignFactory(name_en="Cross it out", slug="cross-it-out")
    digest = DigestFactory(
        published=True, headline_en="Main news", lead_en="The lead.", tags=["expert environment"]
    )
    item = ActionItemFactory(text_en="Do it", url="https://example.org/do")
    DigestActionFactory(digest=digest, action_item=item)
    SectionFactory(digest=digest, heading_en="First section", campaign=campaign)
    digest.closing_call_en = "<p>Victory is up to each of us.</p>"
    digest.save()

    message = post_of(digest).html[0].text

    with translation.override("en"):
        title = digest.title_with_year
    assert message.startswith(f"<b>{title}</b>\n\n<b>Main news</b>")
    assert str(digest.period_end.year) in title
    assert "<b>The list of activities for today</b>\n\n1. " in message
    assert '1. <a href="https://example.org/do">Do it</a>' in message
    assert "<b>First section</b>" in message
    assert 'Campaign: <a href="https://news.example.org/en/campaigns/cross-it-out/">' in message
    assert "Victory is up to each of us." in message
    assert "#ExpertEnvironment" in message
    url = f"https://news.example.org/en/digests/{digest.slug}/"
    assert message.endswith(f'Read on the site: <a href="{url}">{url}</a>')


def test_an_empty_language_shows_the_fallback_text_as_the_site_does():
    digest = DigestFactory(published=True, headline_be="Навіна", headline_ru="", headline_en="")

    message = post_of(digest, "ru").html[0].text

    assert "<b>Навіна</b>" in message
    assert "/ru/digests/" in message


# The admin's page


def telegram_url(digest, language=None):
    url = reverse("admin:digests_digest_telegram", args=[digest.pk])
    return f"{url}?lang={language}" if language else url


def test_the_digest_page_offers_the_telegram_post(admin_client):
    digest = DigestFactory()

    response = admin_client.get(reverse("admin:digests_digest_change", args=[digest.pk]))

    assert telegram_url(digest).encode() in response.content
    assert b"Copy as Telegram post" in response.content


def test_the_page_gives_each_part_to_copy_with_its_count(admin_client):
    digest = long_digest()

    response = admin_client.get(telegram_url(digest, "en"))

    content = response.content.decode()
    assert response.status_code == 200
    total = len(post_of(digest).html)
    assert f"Part 1 of {total}, " in content
    assert content.count('class="vLargeTextField telegram-post__text"') == total + len(
        post_of(digest).plain
    )
    assert content.count("data-copy=") == content.count("<textarea")
    assert 'src="/static/js/admin-copy.js"' in content
    assert "readonly" in content
    assert "Some more sentences follow here." in content


def test_the_page_says_a_draft_is_not_published_yet(admin_client):
    draft = DigestFactory()
    published = DigestFactory(published=True)

    assert "not published yet" in admin_client.get(telegram_url(draft)).content.decode()
    assert "not published yet" not in admin_client.get(telegram_url(published)).content.decode()


def test_the_post_language_defaults_to_the_admins_and_can_be_chosen(admin_client):
    digest = DigestFactory(headline_be="Навіна", headline_ru="Новость", headline_en="News")

    english = admin_client.get(telegram_url(digest)).content.decode()
    russian = admin_client.get(telegram_url(digest, "ru")).content.decode()
    odd = admin_client.get(telegram_url(digest, "xx")).content.decode()

    assert "&lt;b&gt;News&lt;/b&gt;" in english
    assert "&lt;b&gt;Новость&lt;/b&gt;" in russian
    assert "/ru/digests/" in russian
    assert "&lt;b&gt;News&lt;/b&gt;" in odd


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_the_page_speaks_the_admins_language(admin_client, language):
    digest = long_digest(paragraphs=3)
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    response = admin_client.get(telegram_url(digest, "ru"))

    assert response.status_code == 200
    if language != "en":
        found = english_strings(response.content.decode(), proper_names() | stored_words())
        assert found == []


def test_someone_not_logged_in_is_sent_to_the_login_page(client):
    digest = DigestFactory()

    response = client.get(telegram_url(digest))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_staff_member_who_may_not_view_digests_is_refused(django_user_model):
    user = django_user_model.objects.create_user(
        username="staff", password="a-long-staff-password", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename="view_campaign"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)

    response = client.get(telegram_url(DigestFactory()))

    assert response.status_code == 403


def test_a_staff_member_who_may_view_digests_gets_the_post(django_user_model):
    user = django_user_model.objects.create_user(
        username="reader", password="a-long-staff-password", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(codename="view_digest"))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)

    assert client.get(telegram_url(DigestFactory())).status_code == 200


def test_an_unknown_digest_is_404(admin_client):
    assert admin_client.get("/admin/digests/digest/999999/telegram/").status_code == 404
