from django.urls import path

from . import feeds, views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="list"),
    path("campaigns/page/<int:page>/", views.CampaignListView.as_view(), name="list_page"),
    path("campaigns/<slug:slug>/", views.CampaignDetailView.as_view(), name="detail"),
    path("campaigns/<slug:slug>/feed.rss", feeds.CampaignFeed(), name="feed"),
    path("campaigns/<slug:slug>/feed.atom", feeds.CampaignAtomFeed(), name="feed_atom"),
    path("campaigns/<slug:slug>/actions.ics", feeds.action_calendar, name="calendar"),
    path("feeds/actions.ics", feeds.action_calendar, name="actions_calendar"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/page/<int:page>/", views.MeetingListView.as_view(), name="meetings_page"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
]
