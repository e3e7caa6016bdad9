"""Pages of a list as addresses of their own: /be/digests/page/2/.

A static mirror holds only addresses without a query string, so every page of
the archive must be one. A list view's route named `x` has a sibling `x_page`
with `page/<int:page>/` added; the old `?page=N` redirects there for good.
"""

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

PAGE_SUFFIX = "_page"


class PagedByAddress:
    """For a ListView: `?page=` redirects to the page's address; links go to addresses."""

    def get(self, request, *args, **kwargs):
        if "page" in request.GET:
            return HttpResponsePermanentRedirect(self.page_url(self.number_asked()))
        if kwargs.get("page") == 1:
            return HttpResponsePermanentRedirect(self.page_url(1))
        if kwargs.get("page") == 0:
            raise Http404("No such page.")
        return super().get(request, *args, **kwargs)

    def number_asked(self):
        """The page `?page=` names ("last" too), or a 404 when there is no such page."""
        paginator = self.get_paginator(
            self.get_queryset(),
            self.get_paginate_by(None),
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        value = self.request.GET["page"]
        try:
            return paginator.num_pages if value == "last" else paginator.validate_number(value)
        except InvalidPage as error:
            raise Http404("No such page.") from error

    def page_url(self, number):
        """The address of page `number` of this list, with the rest of its query kept."""
        match = self.request.resolver_match
        name = match.view_name.removesuffix(PAGE_SUFFIX)
        kwargs = {key: value for key, value in match.kwargs.items() if key != "page"}
        if number == 1:
            path = reverse(name, kwargs=kwargs)
        else:
            path = reverse(name + PAGE_SUFFIX, kwargs={**kwargs, "page": number})
        query = self.request.GET.copy()
        query.pop("page", None)
        return f"{path}?{query.urlencode()}" if query else path

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            if page.has_previous():
                context["previous_page_url"] = self.page_url(page.previous_page_number())
            if page.has_next():
                context["next_page_url"] = self.page_url(page.next_page_number())
        return context
