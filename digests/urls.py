from django.urls import path

from . import feeds, views

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
    # A file name, so that the static mirror can write it as it is.
    path("digests/<slug:slug>/offline.html", views.OfflineEditionView.as_view(), name="offline"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tags/<slug:slug>/page/<int:page>/", views.TagView.as_view(), name="tag_page"),
    # Addresses that look like files, so that a static mirror can write them as such.
    path("feeds/digests.rss", feeds.DigestFeed(), name="feed"),
    path("feeds/digests.atom", feeds.DigestAtomFeed(), name="feed_atom"),
    path("feeds/today.rss", feeds.TodayFeed(), name="today_feed"),
    path("feeds/today.atom", feeds.TodayAtomFeed(), name="today_feed_atom"),
    # A prefix of its own, so robots.txt can keep crawlers out of every preview.
    path("preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
]
