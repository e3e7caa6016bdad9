from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="list"),
    path("campaigns/page/<int:page>/", views.CampaignListView.as_view(), name="list_page"),
    path("campaigns/<slug:slug>/", views.CampaignDetailView.as_view(), name="detail"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/page/<int:page>/", views.MeetingListView.as_view(), name="meetings_page"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
]
