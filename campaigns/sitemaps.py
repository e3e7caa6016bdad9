from newsroom.sitemaps import LanguageSitemap

from .models import Campaign, PartnerMeeting


class CampaignSitemap(LanguageSitemap):
    def items(self):
        return Campaign.objects.active_first()


class MeetingSitemap(LanguageSitemap):
    def items(self):
        # Internal meetings never appear on the site.
        return PartnerMeeting.objects.public().order_by("-date", "pk")
