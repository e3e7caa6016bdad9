"""Pages of a list as addresses of their own: /be/digests/page/2/.

A static mirror holds only addresses without a query string, so every page of
the archive must be one. A list view's route named `x` has a sibling `x_page`
with `page/<int:page>/` added; the old `?page=N` redirects there for good.

Page 400 costs what page 1 does: the first row of a page is found by reading
only the ordering's columns (from an index covering them), and the page's rows
are then read from that row on (KeysetPaginator), never by skipping the rows
of the pages before it.
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

PAGE_SUFFIX = "_page"


class KeysetPaginator(Paginator):
    """Django's Paginator, reading a page from its first row's ordering key on.

    Only for a queryset ordered by plain fields ending with a unique one
    (`-period_start`, `-pk`); any other ordering is read as Paginator does.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom, top):
        ordering = self.ordering()
        if not ordering or bottom == 0:
            return self.object_list[bottom:top]
        names = [name for name, _descending in ordering]
        first = self.object_list.prefetch_related(None).values_list(*names)[bottom : bottom + 1]
        key = next(iter(first), None)
        if key is None:
            return self.object_list.none()
        return self.object_list.filter(from_key(ordering, key))[: top - bottom]

    def ordering(self):
        """[(field, descending)] of the list's order, or None when it is not plain fields."""
        query = getattr(self.object_list, "query", None)
        if query is None:
            return None
        order = query.order_by or (query.default_ordering and query.get_meta().ordering) or ()
        if not order or not all(isinstance(name, str) for name in order):
            return None
        fields = [(name.removeprefix("-"), name.startswith("-")) for name in order]
        if any("__" in name or "?" in name for name, _descending in fields):
            return None
        if fields[-1][0] not in ("pk", "id"):
            return None
        return fields


def from_key(ordering, key):
    """The rows at or after `key` in `ordering`: (a, b) >= (x, y) spelt for any database.

    The first column's bound comes once more on its own, so that the database
    starts the index scan at the key rather than filtering every row before it.
    """
    (name, descending), *_rest = ordering
    return Q(**{f"{name}__{'lte' if descending else 'gte'}": key[0]}) & _from_key(ordering, key)


def _from_key(ordering, key):
    (name, descending), *rest = ordering
    value, *rest_key = key
    beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
    if not rest:
        return beyond | Q(**{name: value})
    return beyond | Q(**{name: value}) & _from_key(rest, rest_key)


class PagedByAddress:
    """For a ListView: `?page=` redirects to the page's address; links go to addresses."""

    paginator_class = KeysetPaginator

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
