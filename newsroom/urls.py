from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import RedirectView

from campaigns.sitemaps import CampaignSitemap, MeetingSitemap
from digests.sitemaps import ArchiveYearSitemap, DigestSitemap, TagSitemap

from . import views
from .sitemaps import PageSitemap

handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error

SITEMAPS = {
    "pages": PageSitemap(
        ["digests:home", "digests:today", "digests:archive", "campaigns:list", "campaigns:meetings"]
    ),
    "digests": DigestSitemap(),
    "years": ArchiveYearSitemap(),
    "campaigns": CampaignSitemap(),
    "meetings": MeetingSitemap(),
    "tags": TagSitemap(),
}

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}img/favicon.svg")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("mirror-signing-key.pub", views.mirror_signing_key, name="mirror_signing_key"),
    # The admin at ADMIN_URL, with two views of ours in its look (issue 7).
    path(
        f"{settings.ADMIN_URL}my-sessions/",
        admin.site.admin_view(views.staff_sessions),
        name="staff_sessions",
    ),
    path(f"{settings.ADMIN_URL}password_change/", admin.site.admin_view(views.password_change)),
    path(settings.ADMIN_URL, admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("mirror/", views.mirror, name="mirror"),
    path("", include("digests.urls")),
    path("", include("campaigns.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
