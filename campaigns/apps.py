from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns and meetings")

    def ready(self):
        import reversion

        from .models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting

        # After modeltranslation has added the language fields, so that they are kept.
        reversion.register(Campaign, follow=["links", "tagged_items"], exclude=["edit_count"])
        reversion.register(CampaignLink)
        reversion.register(ActionItem, exclude=["edit_count"])
        reversion.register(PartnerMeeting, follow=["topics"], exclude=["edit_count"])
        reversion.register(MeetingTopic)
