"""The admin names a model the way the sentence needs it.

Django writes "Add %s", "Change %s", "Select %s to change", "Add another
%(verbose_name)s" and the related-object links with a model's verbose name,
the nominative: "Дадаць кампанія", "Дадаць яшчэ Спасылка з заклікам". Every
model the admin shows has its accusative ("Дадаць кампанію"), lower case in
the middle of a sentence. The delete summary leaves out the automatic rows of
many-to-many link tables, which are named after Python classes.
"""

import html
import json
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from newsroom.admin import ACCUSATIVE_NAMES
from tests.factories import (
    ActionItemFactory,
    CampaignFactory,
    DigestActionFactory,
    LoginFailuresFactory,
    PartnerMeetingFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)
INLINES = sorted(
    {(model, inline) for model, model_admin in REGISTERED for inline in model_admin.inlines},
    key=lambda pair: (pair[0]._meta.label, pair[1].__name__),
)
TITLE = re.compile(r"<h1>(.*?)</h1>", re.S)
INLINE_DATA = re.compile(r'data-inline-formset="([^"]+)"')

EXPECTED = {
    "be": {
        "add title": "Дадаць кампанію",
        "change title": "Змяніць кампанію",
        "list title": "Абярыце кампанію, каб змяніць",
        "add another link": "Дадаць яшчэ спасылку з заклікам",
        "add another item": "Дадаць яшчэ заклік да дзеяння",
        "add related": 'title="Дадаць яшчэ кампанію"',
        "change related": 'title="Змяніць кампанію"',
    },
    "ru": {
        "add title": "Добавить кампанию",
        "change title": "Изменить кампанию",
        "list title": "Выберите кампанию для изменения",
        "add another link": "Добавить ещё ссылку с призывом",
        "add another item": "Добавить ещё призыв к действию",
        "add related": 'title="Добавить ещё кампанию"',
        "change related": 'title="Изменить кампанию"',
    },
    "en": {
        "add title": "Add campaign",
        "change title": "Change campaign",
        "list title": "Select campaign to change",
        "add another link": "Add another call-to-action link",
        "add another item": "Add another action item",
        "add related": 'title="Add another campaign"',
        "change related": 'title="Change selected campaign"',
    },
}


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="галоўны", password="a-long-editor-password", email=""
    )
    client.force_login(user)
    return client


def get(client, language, url):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def title(page):
    return " ".join(TITLE.search(page)[1].split())


def add_texts(page):
    return [
        json.loads(html.unescape(data))["options"]["addText"] for data in INLINE_DATA.findall(page)
    ]


def declared(model_admin):
    return getattr(model_admin, "accusative_name", None) or ACCUSATIVE_NAMES.get(
        model_admin.opts.label_lower
    )


@pytest.mark.parametrize("model_admin", [m for _, m in REGISTERED], ids=str)
def test_every_model_in_the_admin_has_its_accusative_name(model_admin):
    assert declared(model_admin)


@pytest.mark.parametrize("inline", [i for _, i in INLINES], ids=lambda i: i.__name__)
def test_every_inline_has_its_accusative_name(inline):
    assert declared(inline(inline.model, admin.site))


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_campaign_pages_name_the_campaign_as_the_object(superuser_client, language):
    expected = EXPECTED[language]
    campaign = CampaignFactory()

    add = get(superuser_client, language, reverse("admin:campaigns_campaign_add"))
    change = get(
        superuser_client, language, reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    )
    changelist = get(superuser_client, language, reverse("admin:campaigns_campaign_changelist"))

    assert title(add) == expected["add title"]
    assert f"<title>{expected['add title']} |" in add
    assert f'<li aria-current="page">{expected["add title"]}</li>' in add
    assert title(change) == expected["change title"]
    assert title(changelist) == expected["list title"]
    assert re.search(rf'class="addlink">\s*{expected["add title"]}\s*</a>', changelist)
    assert expected["add another link"] in add_texts(add)
    assert expected["add another item"] in add_texts(add)


@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_related_links_name_the_related_model_as_the_object(superuser_client, language):
    page = get(superuser_client, language, reverse("admin:campaigns_actionitem_add"))

    assert EXPECTED[language]["add related"] in page
    assert EXPECTED[language]["change related"] in page


@pytest.mark.parametrize("language", ["be", "ru"])
@pytest.mark.parametrize("model_admin", [m for _, m in REGISTERED], ids=str)
def test_every_form_reads_right(superuser_client, model_admin, language):
    """The add page, or the change page where there is no adding (the site settings)."""
    opts = model_admin.opts
    superuser_client.cookies["django_language"] = language
    request = superuser_client.get(reverse("admin:index")).wsgi_request
    if model_admin.has_add_permission(request):
        url, verb = reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), "Add %s"
    else:
        LoginFailuresFactory()
        obj = model_admin.get_queryset(request).first()
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        verb = "Change %s" if model_admin.has_change_permission(request, obj) else "View %s"
    with translation.override(language):
        name = str(declared(model_admin))
        inline_names = [str(declared(i(i.model, admin.site))) for i in model_admin.inlines]
        expected_title = translation.gettext(verb) % name
        add_another = [
            translation.gettext("Add another %(verbose_name)s") % {"verbose_name": n}
            for n in inline_names
        ]

    page = get(superuser_client, language, url)

    assert title(page) == expected_title
    assert add_texts(page) == add_another
    assert all(text[0].islower() for text in inline_names)


@pytest.mark.parametrize("language", ["be", "ru"])
def test_the_delete_page_shows_no_many_to_many_link_rows(superuser_client, language):
    meeting = PartnerMeetingFactory()
    meeting.campaigns.add(CampaignFactory())
    meeting.representatives.add(PersonFactory())
    SectionFactory(meetings=[meeting])

    page = get(
        superuser_client,
        language,
        reverse("admin:campaigns_partnermeeting_delete", args=[meeting.pk]),
    )

    assert "object (" not in page
    assert not re.search(r"Сувязь partnermeeting|Связь partnermeeting", page)
    assert str(meeting) in page


@pytest.mark.parametrize("language", ["be", "ru"])
def test_protected_objects_are_still_listed(superuser_client, language):
    item = ActionItemFactory()
    DigestActionFactory(action_item=item)

    page = get(
        superuser_client, language, reverse("admin:campaigns_actionitem_delete", args=[item.pk])
    )

    with translation.override(language):
        cannot = translation.gettext("Cannot delete %(name)s") % {
            "name": admin.site.get_model_admin(type(item)).accusative_name
        }
    assert title(page) == cannot


def test_groups_read_right_in_belarusian(superuser_client):
    Group.objects.create(name="Рэдактары")

    page = get(superuser_client, "be", reverse("admin:auth_group_changelist"))

    assert title(page) == "Абярыце суполку, каб змяніць"
