from modeltranslation.translator import TranslationOptions, register

from .models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ["name", "summary", "body"]


@register(CampaignLink)
class CampaignLinkTranslation(TranslationOptions):
    fields = ["label"]


@register(ActionItem)
class ActionItemTranslation(TranslationOptions):
    fields = ["text", "explanation"]


@register(PartnerMeeting)
class PartnerMeetingTranslation(TranslationOptions):
    fields = [
        "place",
        "counterpart_name",
        "counterpart_title",
        "counterpart_organisation",
        "notes",
    ]


@register(MeetingTopic)
class MeetingTopicTranslation(TranslationOptions):
    fields = ["text"]
