from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView
from django_countries import countries

from newsroom.pagination import PagedByAddress

from .models import ActionItem, Campaign, PartnerMeeting


def published_sections(related_sections):
    """The sections of published digests among a campaign's or a meeting's sections.

    Sections live in the digests app, which this app does not import: its
    QuerySet's published() is reached through the relation.
    """
    return (
        related_sections.published()
        .select_related("digest")
        .order_by("-digest__period_start", "position")
    )


class CampaignListView(PagedByAddress, ListView):
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = 30

    def get_queryset(self):
        return Campaign.objects.active_first()


class CampaignDetailView(DetailView):
    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return Campaign.objects.prefetch_related(
            "links",
            "tags",
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.current(),
                to_attr="current_actions",
            ),
        )

    def get_context_data(self, **kwargs):
        campaign = self.object
        sections = published_sections(campaign.sections)
        meetings = campaign.meetings.public()
        return super().get_context_data(
            sections=sections, meetings=meetings, today=timezone.localdate(), **kwargs
        )


class MeetingListView(PagedByAddress, ListView):
    template_name = "campaigns/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.country = request.GET.get("country", "").upper()
        if self.country and self.country not in countries:
            raise Http404("No such country.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        meetings = PartnerMeeting.objects.public().prefetch_related(
            "representatives", "topics", "campaigns"
        )
        if self.country:
            meetings = meetings.filter(country=self.country)
        return meetings

    def get_context_data(self, **kwargs):
        codes = (
            PartnerMeeting.objects.public()
            .exclude(country="")
            .values_list("country", flat=True)
            .distinct()
        )
        choices = sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])
        return super().get_context_data(
            country=self.country,
            country_choices=choices,
            **kwargs,
        )


class MeetingDetailView(DetailView):
    template_name = "campaigns/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return PartnerMeeting.objects.public().prefetch_related(
            "representatives", "topics", "campaigns"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=published_sections(self.object.sections), **kwargs)
