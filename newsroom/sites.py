"""The admin site: Django's, with the staff's second factor in front of every page.

After the password a staff member who has a second factor gives it (a passkey,
a code from their authenticator app or a backup code) before any admin page;
one who has none is sent to enrol first when STAFF_REQUIRE_SECOND_FACTOR is on.
Every view of the admin passes through `admin_view`, so pages added later are
covered without anyone having to remember it.
"""

from functools import update_wrapper
from urllib.parse import quote

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import path, reverse

from . import second_factor


class NewsroomAdminSite(admin.AdminSite):
    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        # Logging out is always allowed, also halfway through logging in.
        return request.path == reverse("admin:logout", current_app=self.name) or not (
            second_factor.pending_step(request)
        )

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if request.path != reverse("admin:logout", current_app=self.name):
                step = second_factor.pending_step(request)
                if step:
                    return redirect_to_step(step, request.get_full_path())
            return protected(request, *args, **kwargs)

        return update_wrapper(inner, protected)

    def login(self, request, extra_context=None):
        step = second_factor.pending_step(request)
        if step and request.method == "GET":
            return redirect_to_step(step, request.GET.get(REDIRECT_FIELD_NAME, ""))
        return super().login(request, extra_context)

    def get_urls(self):
        views = second_factor
        # The pages between the password and the admin check for themselves.
        pending = second_factor.pending_allowed
        urls = [
            path("security/", pending(views.overview), name="security"),
            path("security/verify/", pending(views.verify), name="security_verify"),
            path("security/app/", pending(views.add_totp), name="security_add_totp"),
            path(
                "security/backup-codes/",
                self.admin_view(views.backup_codes),
                name="security_backup_codes",
            ),
            path(
                "security/remove/<str:kind>/<int:pk>/",
                self.admin_view(views.remove),
                name="security_remove",
            ),
            path("security/staff/", self.admin_view(views.staff), name="security_staff"),
            path(
                "security/staff/<int:pk>/remove/",
                self.admin_view(views.staff_remove),
                name="security_staff_remove",
            ),
            path(
                "security/passkeys/register/begin/",
                views.BeginPasskeyRegistration.as_view(),
                name="passkey_register_begin",
            ),
            path(
                "security/passkeys/register/complete/",
                views.CompletePasskeyRegistration.as_view(),
                name="passkey_register_complete",
            ),
            path(
                "security/passkeys/verify/begin/",
                views.BeginPasskeyVerification.as_view(),
                name="passkey_verify_begin",
            ),
            path(
                "security/passkeys/verify/complete/",
                views.CompletePasskeyVerification.as_view(),
                name="passkey_verify_complete",
            ),
            path("security/jsi18n/", views.passkey_catalog, name="security_jsi18n"),
        ]
        return urls + super().get_urls()


def redirect_to_step(step, next_url):
    url = reverse("admin:security_verify" if step == "verify" else "admin:security")
    if next_url:
        return redirect(f"{url}?{REDIRECT_FIELD_NAME}={quote(next_url, safe='/')}")
    return redirect(url)
