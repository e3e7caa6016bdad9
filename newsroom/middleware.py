from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest

from . import sessions, views


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


class OnionLocationMiddleware:
    """`Onion-Location` on public pages when ONION_URL is set: Tor Browser offers the onion site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.ONION_URL
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(f"/{settings.ADMIN_URL}")
            # A preview's address is a secret: it must not travel in a header either.
            and getattr(request.resolver_match, "view_name", "") != "digests:preview"
        ):
            response["Onion-Location"] = settings.ONION_URL + request.get_full_path()
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


class StaffSessionMiddleware:
    """Ends staff sessions left idle or too old (newsroom.sessions), with a message.

    Readers have no session cookie, and their requests are not looked at: the
    session is not even loaded, so public pages do not vary by cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        try:
            authenticated = request.user.is_authenticated
        except views.DATABASE_UNAVAILABLE as error:
            # Loading the session is the first database query of a staff request.
            return views.service_unavailable(request, error)
        if authenticated:
            reason = sessions.expired(request)
            if reason:
                logout(request)
                # Said on the admin's log-in page; a public page keeps no message cookie.
                if request.path.startswith(f"/{settings.ADMIN_URL}"):
                    messages.info(request, reason)
        response = self.get_response(request)
        if request.user.is_authenticated:
            sessions.remember_key(request)
        return response
