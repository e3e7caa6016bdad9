from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("today/", views.TodayView.as_view(), name="today"),
    path("digests/", views.ArchiveView.as_view(), name="archive"),
    path("digests/page/<int:page>/", views.ArchiveView.as_view(), name="archive_page"),
    path("digests/<int:year>/", views.ArchiveView.as_view(), name="archive_year"),
    path(
        "digests/<int:year>/page/<int:page>/",
        views.ArchiveView.as_view(),
        name="archive_year_page",
    ),
    path("digests/<slug:slug>/", views.DigestDetailView.as_view(), name="detail"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tags/<slug:slug>/page/<int:page>/", views.TagView.as_view(), name="tag_page"),
    # A prefix of its own, so robots.txt can keep crawlers out of every preview.
    path("preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
]
