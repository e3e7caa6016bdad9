from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from campaigns.models import ActionItem, Campaign
from newsroom.models import Tag

from .models import Digest, Section

MIN_YEAR, MAX_YEAR = 2000, 2100


def current_actions():
    return ActionItem.objects.current().select_related("campaign")


class HomeView(TemplateView):
    template_name = "digests/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=Digest.objects.published().newest_first().first(),
            actions=current_actions(),
            today=timezone.localdate(),
            **kwargs,
        )


class TodayView(TemplateView):
    template_name = "digests/today.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actions=current_actions(), today=timezone.localdate(), **kwargs
        )


class ArchiveView(ListView):
    template_name = "digests/archive.html"
    context_object_name = "digests"
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        self.year = self.parse_year(request.GET.get("year"))
        tag_slug = request.GET.get("tag")
        tags = Tag.objects.on_published_digests()
        self.tag = get_object_or_404(tags, slug=tag_slug) if tag_slug else None
        return super().get(request, *args, **kwargs)

    @staticmethod
    def parse_year(value):
        if not value:
            return None
        # isdigit() alone lets "²" through, which int() refuses.
        if not (value.isascii() and value.isdigit()) or not MIN_YEAR <= int(value) <= MAX_YEAR:
            raise Http404("No such year.")
        return int(value)

    def get_queryset(self):
        digests = Digest.objects.published().newest_first().prefetch_related("tags")
        if self.year:
            digests = digests.filter(period_start__year=self.year)
        if self.tag:
            digests = digests.filter(tags=self.tag)
        return digests

    def get_context_data(self, **kwargs):
        published = Digest.objects.published()
        query = {"year": self.year or "", "tag": self.tag.slug if self.tag else ""}
        return super().get_context_data(
            year=self.year,
            tag=self.tag,
            filter_query=urlencode({k: v for k, v in query.items() if v}),
            years=[d.year for d in published.dates("period_start", "year", order="DESC")],
            tags=Tag.objects.on_published_digests().in_name_order(),
            **kwargs,
        )


class DigestDetailView(DetailView):
    template_name = "digests/digest_detail.html"
    context_object_name = "digest"

    def get_queryset(self):
        return Digest.objects.published().with_contents()

    def get_context_data(self, **kwargs):
        previous, following = self.object.neighbours()
        return super().get_context_data(previous=previous, following=following, **kwargs)


class TagView(ListView):
    template_name = "digests/tag.html"
    context_object_name = "digests"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.tag = get_object_or_404(Tag.objects.public(), slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Digest.objects.published().filter(tags=self.tag).newest_first()

    def get_context_data(self, **kwargs):
        sections = (
            Section.objects.filter(tags=self.tag, digest__in=Digest.objects.published())
            .select_related("digest")
            .order_by("-digest__period_start", "position")[:100]
        )
        return super().get_context_data(
            tag=self.tag,
            sections=sections,
            campaigns=Campaign.objects.filter(tags=self.tag).active_first(),
            **kwargs,
        )
