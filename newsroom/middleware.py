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
