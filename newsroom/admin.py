from django.contrib import admin
from django.shortcuts import redirect

from .admin_languages import TranslatedFormAdmin, TranslatedTabularInline
from .models import Person, SiteSettings, SocialLink


class SocialLinkInline(TranslatedTabularInline):
    model = SocialLink
    extra = 0
    fields = ["network", "label", "url", "position"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(TranslatedFormAdmin):
    inlines = [SocialLinkInline]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:newsroom_sitesettings_change", SiteSettings.load().pk)


@admin.register(Person)
class PersonAdmin(TranslatedFormAdmin):
    list_display = ["name", "role"]
    search_fields = ["name", "name_be", "name_ru", "name_en", "role"]
