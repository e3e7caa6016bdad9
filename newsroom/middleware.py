from django.core.exceptions import BadRequest

from . import views


class PrivacyHeadersMiddleware:
    """Headers Django has no setting for: browser features off, resources private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()",
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RejectNulMiddleware:
    """A NUL character in the address is never meaningful: answer 400.

    PostgreSQL refuses NUL in text, so one slipped into a filter or a lookup
    (e.g. an admin list filter) would otherwise end in a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise BadRequest("NUL character in the address.")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A lost database connection is a 503 page with Retry-After, not a 500 and a mail.

    Errors raised by a view or while rendering its template come here; those of
    other middleware reach newsroom.views.server_error, which answers the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, views.DATABASE_UNAVAILABLE):
            return views.service_unavailable(request, exception)
        return None
