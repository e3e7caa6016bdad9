from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from newsroom.admin import OrderedInline
from newsroom.admin_history import HistoryAdmin
from newsroom.admin_languages import (
    TranslatedFormAdmin,
    TranslatedStackedInline,
    TranslatedTabularInline,
)

from .models import ActionItem, Campaign, CampaignLink, MeetingTopic, PartnerMeeting
from .services import end_action_items, extend_action_items, may_change_dates


class CampaignLinkInline(OrderedInline, TranslatedTabularInline):
    model = CampaignLink
    accusative_name = pgettext_lazy("accusative", "call-to-action link")
    extra = 0
    fields = ["label", "url", "position"]


class ActionItemInline(TranslatedStackedInline):
    model = ActionItem
    accusative_name = pgettext_lazy("accusative", "action item")
    extra = 0
    fields = ["text", "explanation", "url", ("active_from", "active_until"), "position"]
    show_change_link = True
    can_delete = False


@admin.register(Campaign)
class CampaignAdmin(HistoryAdmin, TranslatedFormAdmin):
    list_display = ["name", "kind", "status", "starts_on", "ends_on"]
    accusative_name = pgettext_lazy("accusative", "campaign")
    list_filter = ["status", "kind"]
    search_fields = ["name_be", "name_ru", "name_en", "summary"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [CampaignLinkInline, ActionItemInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", ("starts_on", "ends_on")]}),
        (_("Text"), {"fields": ["summary", "body", "tags"]}),
    ]


class CurrentFilter(admin.SimpleListFilter):
    title = _("shown today")
    parameter_name = "shown"

    def lookups(self, request, model_admin):
        return [
            ("current", _("Current")),
            ("upcoming", _("Upcoming")),
            ("expired", _("Expired")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "expired":
            return queryset.expired()
        return queryset


@admin.register(ActionItem)
class ActionItemAdmin(HistoryAdmin, TranslatedFormAdmin):
    list_display = ["text", "campaign", "active_from", "active_until", "is_current_today"]
    accusative_name = pgettext_lazy("accusative", "action item")
    list_filter = [CurrentFilter, "campaign"]
    search_fields = ["text_be", "text_ru", "text_en"]
    autocomplete_fields = ["campaign"]
    actions = ["end_now", "extend"]
    fields = ["text", "explanation", "url", "campaign", ("active_from", "active_until"), "position"]

    def has_dates_permission(self, request):
        # Translators open items too, for their texts; dates are not theirs.
        return may_change_dates(request.user)

    @admin.display(boolean=True, description=_("shown today"))
    def is_current_today(self, obj):
        return obj.is_current()

    @admin.action(
        description=_("End selected items now (not shown from today)"), permissions=["dates"]
    )
    def end_now(self, request, queryset):
        ended, skipped = end_action_items(items=queryset, by=request.user)
        if ended:
            self.message_user(
                request,
                ngettext("%(n)d item ended.", "%(n)d items ended.", ended) % {"n": ended},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d item started only today and was not changed: edit its dates instead.",
                    "%(n)d items started only today and were not changed: "
                    "edit their dates instead.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Extend selected items by two weeks"), permissions=["dates"])
    def extend(self, request, queryset):
        extended = extend_action_items(items=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(n)d item extended by two weeks.",
                "%(n)d items extended by two weeks.",
                extended,
            )
            % {"n": extended},
            messages.SUCCESS,
        )


class MeetingTopicInline(OrderedInline, TranslatedTabularInline):
    model = MeetingTopic
    accusative_name = pgettext_lazy("accusative", "topic")
    extra = 1
    fields = ["text", "position"]


@admin.register(PartnerMeeting)
class PartnerMeetingAdmin(HistoryAdmin, TranslatedFormAdmin):
    list_display = ["date", "counterpart_name", "counterpart_title", "country", "is_public"]
    accusative_name = pgettext_lazy("accusative", "partner meeting")
    list_filter = ["country", "is_public", ("date", admin.DateFieldListFilter)]
    date_hierarchy = "date"
    search_fields = [
        "counterpart_name_be",
        "counterpart_name_ru",
        "counterpart_name_en",
        "counterpart_organisation",
    ]
    autocomplete_fields = ["representatives", "campaigns"]
    inlines = [MeetingTopicInline]
    fieldsets = [
        (None, {"fields": [("date", "is_public"), "place", "representatives"]}),
        (
            _("Counterpart"),
            {
                "fields": [
                    "counterpart_name",
                    "counterpart_title",
                    "counterpart_organisation",
                    "country",
                ]
            },
        ),
        (_("Content"), {"fields": ["notes", "campaigns"]}),
    ]
