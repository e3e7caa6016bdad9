from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("today/", views.TodayView.as_view(), name="today"),
    path("digests/", views.ArchiveView.as_view(), name="archive"),
    path("digests/<int:year>/", views.ArchiveView.as_view(), name="archive_year"),
    path("digests/<slug:slug>/", views.DigestDetailView.as_view(), name="detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    # A prefix of its own, so robots.txt can keep crawlers out of every preview.
    path("preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
]
