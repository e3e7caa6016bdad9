from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.generic import DetailView, ListView, TemplateView

from campaigns.models import ActionItem, Campaign, PartnerMeeting
from newsroom import sharing
from newsroom.models import SiteSettings, Tag
from newsroom.pagination import PagedByAddress

from . import offline, rendering
from . import sharing as digest_sharing
from .models import (
    Digest,
    FormerAddress,
    PreviewLink,
    Section,
    parse_year,
    prefetch_contents,
)
from .search import MAX_QUERY_LENGTH, Query, Search


def current_actions():
    return ActionItem.objects.current().select_related("campaign")


class HomeView(TemplateView):
    """The front page: the latest digest, today's list, campaigns, meetings, earlier digests.

    A fixed number of queries whatever their numbers (tests/test_query_counts.py).
    """

    template_name = "digests/home.html"
    earlier_digests = 3
    campaigns = 6
    meetings = 4

    def get_context_data(self, **kwargs):
        digests = list(
            Digest.objects.published()
            .newest_first()
            .select_related("cover")[: 1 + self.earlier_digests]
        )
        latest = digests[0] if digests else None
        return super().get_context_data(
            latest=latest,
            sections=latest.sections.all() if latest else [],
            earlier=digests[1:],
            campaigns=Campaign.objects.active()
            .with_current_action_count()
            .order_by("-starts_on", "pk")[: self.campaigns],
            meetings=PartnerMeeting.objects.public()[: self.meetings],
            actions=current_actions(),
            today=timezone.localdate(),
            structured_data=sharing.organization(
                SiteSettings.for_request(self.request), self.request
            ),
            **kwargs,
        )


class TodayView(TemplateView):
    template_name = "digests/today.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actions=current_actions(), today=timezone.localdate(), **kwargs
        )


class ArchiveView(PagedByAddress, ListView):
    """All published digests, or one year's: each filter is an address of its own."""

    template_name = "digests/archive.html"
    context_object_name = "digests"
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        if "year" in request.GET or "tag" in request.GET:
            return self.redirect_old_filters(request.GET)
        self.year = kwargs.get("year")
        if self.year is not None and parse_year(str(self.year)) is None:
            raise Http404("No such year.")
        return super().get(request, *args, **kwargs)

    @staticmethod
    def redirect_old_filters(query):
        """The archive's old query-string filters (?year=2022, ?tag=…) lead to their pages."""
        tag_slug, year = query.get("tag"), query.get("year")
        if tag_slug:
            tag = get_object_or_404(Tag.objects.on_published_digests(), slug=tag_slug)
            return redirect("digests:tag", slug=tag.slug, permanent=True)
        if year:
            if parse_year(year) is None:
                raise Http404("No such year.")
            return redirect("digests:archive_year", year=int(year), permanent=True)
        return redirect("digests:archive", permanent=True)

    def get_queryset(self):
        digests = Digest.objects.published().newest_first().prefetch_related("tags")
        if self.year:
            digests = digests.filter(period_start__year=self.year)
        return digests

    def get_context_data(self, **kwargs):
        published = Digest.objects.published()
        return super().get_context_data(
            year=self.year,
            years=published.years(),
            tags=Tag.objects.on_published_digests().in_name_order(),
            **kwargs,
        )


class DigestDetailView(DetailView):
    template_name = "digests/digest_detail.html"
    context_object_name = "digest"
    # The kept article may come as bytes (digests/rendering.py).
    response_class = rendering.KeptArticleResponse

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        digest = rendering.find_published(slug)
        if digest is None:
            raise Http404("No such digest.")
        self.previous, self.following = digest.neighbours()
        self.complete(digest)
        return digest

    def complete(self, digest):
        """Fetch what the page shows besides the article, which comes kept with the
        digest (digests/rendering.py), its tags included: nothing."""

    def article_html(self):
        return rendering.article_html(self.object)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            former = get_object_or_404(
                FormerAddress.objects.filter(digest__in=Digest.objects.published()),
                slug=kwargs["slug"],
            )
            return redirect(former.digest, permanent=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            previous=self.previous,
            following=self.following,
            article_html=self.article_html(),
            # Only here: a preview has no address to share, nor data for search engines.
            page_url=self.request.build_absolute_uri(self.object.get_absolute_url()),
            structured_data=digest_sharing.news_article(
                self.object, request=self.request, site=SiteSettings.for_request(self.request)
            ),
            **kwargs,
        )


# The file's own policy, should a browser show it rather than save it: its
# inline styles and embedded images, and nothing else at all (no script).
OFFLINE_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}


@method_decorator(csp_override(OFFLINE_CSP), name="dispatch")
class OfflineEditionView(DigestDetailView):
    """A published digest as one self-contained file to save and forward (digests/offline.py)."""

    template_name = "digests/offline_edition.html"

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            former = get_object_or_404(
                FormerAddress.objects.filter(digest__in=Digest.objects.published()),
                slug=kwargs["slug"],
            )
            return redirect("digests:offline", slug=former.digest.slug, permanent=True)
        response = self.render_to_response(self.get_context_data(object=self.object))
        filename = f"{self.object.slug}-{get_language()}.html"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def complete(self, digest):
        prefetch_contents([digest])  # its own template, with the sections' images inline

    def article_html(self):
        return ""

    def get_context_data(self, **kwargs):
        digest = self.object
        site_url = self.request.build_absolute_uri("/").rstrip("/")
        digest.embedded_cover = offline.embedded_image(digest.cover)
        for section in digest.sections.all():
            section.embedded_image = offline.embedded_image(section.image)
            section.offline_body = offline.absolute_links(section.body, site_url)
        return super().get_context_data(
            site_url=site_url,
            site_host=self.request.get_host(),
            stylesheet=offline.stylesheet(),
            closing_call=offline.absolute_links(digest.closing_call, site_url),
            # The digest's own time, never the request's: the same data, the same bytes.
            saved_at=max(filter(None, [digest.published_at, digest.updated_at])),
            **kwargs,
        )


class TagView(PagedByAddress, ListView):
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
            Section.objects.published()
            .filter(tags=self.tag)
            .select_related("digest")
            .order_by("-digest__period_start", "position")[:100]
        )
        return super().get_context_data(
            tag=self.tag,
            sections=sections,
            campaigns=Campaign.objects.filter(tags=self.tag).active_first(),
            **kwargs,
        )


class SearchView(TemplateView):
    """Results for ?q= in the page's language; ?page= past the end is the last page."""

    template_name = "digests/search.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Results pages are endless and say nothing a digest page does not.
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        query = Query.from_request(self.request.GET.get("q"))
        page = None
        if query.text:
            search = Search(query, translation.get_language())
            page = Paginator(search, self.paginate_by).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            query=query, page_obj=page, max_query_length=MAX_QUERY_LENGTH, **kwargs
        )


class PreviewLinkView(DetailView):
    """A digest as last saved, for whoever holds an editor's preview address.

    Any address that is not an active link (tampered, expired, revoked, or
    its digest deleted) is a plain 404. The page is kept out of search
    engines and caches, sends no referrer with its secret address, and
    touches neither the session nor the CSRF cookie.
    """

    template_name = "digests/digest_detail.html"
    context_object_name = "digest"

    def get_object(self, queryset=None):
        link = PreviewLink.objects.for_token(self.kwargs["token"])
        if link is None:
            raise Http404("No such preview.")
        return get_object_or_404(Digest.objects.with_contents(), pk=link.digest_id)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "no-store, private"
        response["Referrer-Policy"] = "no-referrer"
        return response

    def get_context_data(self, **kwargs):
        previous, following = self.object.neighbours()
        return super().get_context_data(
            previous=previous,
            following=following,
            article_html=rendering.render_article(
                self.object, self.object.sections.all(), is_preview=True
            ),
            is_preview=True,
            preview_notice=(
                _(
                    "Preview: this digest is already published; this page shows it as last "
                    "saved in the newsroom. Please do not share this link."
                )
                if self.object.is_visible
                else _(
                    "Preview, not published: readers cannot see this page. "
                    "Please do not share this link."
                )
            ),
            **kwargs,
        )
