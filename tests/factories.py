"""One factory per model, with the least a valid object needs."""

import datetime
import secrets

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from campaigns.models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting
from digests.models import Digest, DigestAction, PreviewLink, Section, hash_preview_token
from newsroom.models import Image, LoginFailures, Person, SiteSettings, SocialLink, Tag

FIRST_PERIOD_START = datetime.date(2022, 1, 10)


def today():
    return timezone.localdate()


class SiteSettingsFactory(DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("id",)

    id = 1
    site_name_be = "Навіны"
    site_name_en = "Newsroom"


class SocialLinkFactory(DjangoModelFactory):
    class Meta:
        model = SocialLink

    site = factory.SubFactory(SiteSettingsFactory)
    network = SocialLink.Network.TELEGRAM
    url = factory.Sequence(lambda n: f"https://t.me/newsroom{n}")
    position = factory.Sequence(int)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name_be = factory.Sequence(lambda n: f"Асоба {n}")
    name_en = factory.Sequence(lambda n: f"Person {n}")


class TagFactory(DjangoModelFactory):
    """A tag named in every language; its address comes from the English name."""

    class Meta:
        model = Tag

    name_be = factory.Sequence(lambda n: f"тэг {n}")
    name_ru = factory.Sequence(lambda n: f"тег {n}")
    name_en = factory.Sequence(lambda n: f"tag {n}")


class ImageFactory(DjangoModelFactory):
    """A 640 × 480 JPEG, described in Belarusian and English."""

    class Meta:
        model = Image

    file = factory.django.ImageField(width=640, height=480, color="red", format="JPEG")
    alt_be = factory.Sequence(lambda n: f"Фота {n}")
    alt_en = factory.Sequence(lambda n: f"Photo {n}")


class TaggedFactory(DjangoModelFactory):
    """Pass tags=["a", "b"] to tag the object."""

    class Meta:
        abstract = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class CampaignFactory(TaggedFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name_be = factory.Sequence(lambda n: f"Кампанія {n}")
    name_en = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    kind = Campaign.Kind.OTHER
    starts_on = datetime.date(2021, 12, 1)

    class Params:
        closed = factory.Trait(status=Campaign.Status.CLOSED, ends_on=datetime.date(2021, 12, 31))


class CampaignLinkFactory(DjangoModelFactory):
    class Meta:
        model = CampaignLink

    campaign = factory.SubFactory(CampaignFactory)
    label_be = "Зарэгістравацца"
    label_en = "Register"
    url = "https://example.org/register"


class ActionItemFactory(DjangoModelFactory):
    """A standing item, current since a month ago; traits for other windows."""

    class Meta:
        model = ActionItem

    text_be = factory.Sequence(lambda n: f"Зрабіце справу {n}")
    text_en = factory.Sequence(lambda n: f"Do thing {n}")
    campaign = factory.SubFactory(CampaignFactory)
    active_from = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))
    active_until = None

    class Params:
        expired = factory.Trait(
            active_from=factory.LazyFunction(lambda: today() - datetime.timedelta(days=30)),
            active_until=factory.LazyFunction(lambda: today() - datetime.timedelta(days=1)),
        )
        upcoming = factory.Trait(
            active_from=factory.LazyFunction(lambda: today() + datetime.timedelta(days=1)),
            active_until=factory.LazyFunction(lambda: today() + datetime.timedelta(days=14)),
        )


class PartnerMeetingFactory(DjangoModelFactory):
    class Meta:
        model = PartnerMeeting

    date = datetime.date(2022, 1, 14)
    counterpart_name_be = factory.Sequence(lambda n: f"Суразмоўца {n}")
    counterpart_name_en = factory.Sequence(lambda n: f"Counterpart {n}")
    country = "CH"

    class Params:
        internal = factory.Trait(is_public=False)


class MeetingTopicFactory(DjangoModelFactory):
    class Meta:
        model = MeetingTopic

    meeting = factory.SubFactory(PartnerMeetingFactory)
    text_be = factory.Sequence(lambda n: f"Тэма {n}")
    text_en = factory.Sequence(lambda n: f"Topic {n}")
    position = factory.Sequence(int)


class DigestFactory(TaggedFactory):
    """A draft for a two-week period; each new one a period later than the last."""

    class Meta:
        model = Digest
        skip_postgeneration_save = True

    period_start = factory.Sequence(lambda n: FIRST_PERIOD_START + datetime.timedelta(days=14 * n))
    period_end = factory.LazyAttribute(lambda o: o.period_start + datetime.timedelta(days=13))
    headline_be = factory.Sequence(lambda n: f"Галоўная навіна {n}")
    headline_en = factory.Sequence(lambda n: f"Main news {n}")

    class Params:
        published = factory.Trait(
            status=Digest.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )
        scheduled = factory.Trait(
            status=Digest.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1)),
        )


class DigestActionFactory(DjangoModelFactory):
    class Meta:
        model = DigestAction

    digest = factory.SubFactory(DigestFactory)
    action_item = factory.SubFactory(ActionItemFactory)
    position = factory.Sequence(int)


class SectionFactory(TaggedFactory):
    class Meta:
        model = Section
        skip_postgeneration_save = True

    digest = factory.SubFactory(DigestFactory)
    position = factory.Sequence(int)
    heading_be = factory.Sequence(lambda n: f"Раздзел {n}")
    heading_en = factory.Sequence(lambda n: f"Section {n}")
    body_be = "<p>Тэкст раздзела.</p>"
    body_en = "<p>The section's text.</p>"
    kind = Section.Kind.OTHER

    @factory.post_generation
    def meetings(self, create, extracted, **kwargs):
        if create and extracted:
            self.meetings.add(*extracted)


class PreviewLinkFactory(DjangoModelFactory):
    """A link whose token nobody knows: for lists. Tests that open one use the service."""

    class Meta:
        model = PreviewLink

    digest = factory.SubFactory(DigestFactory)
    token_hash = factory.LazyFunction(lambda: hash_preview_token(secrets.token_urlsafe(32)))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=72))

    class Params:
        expired = factory.Trait(
            created_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=4)),
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )
        revoked = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))


class LoginFailuresFactory(DjangoModelFactory):
    """Failed log-ins for a user name, as axes records them here: no address, no browser."""

    class Meta:
        model = LoginFailures

    username = factory.Sequence(lambda n: f"someone{n}")
    ip_address = None
    user_agent = ""
    http_accept = ""
    path_info = "/admin/login/"
    get_data = ""
    post_data = ""
    failures_since_start = 1

    class Params:
        locked = factory.Trait(failures_since_start=5)
