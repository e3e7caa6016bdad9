from django.contrib import admin
from django.shortcuts import redirect
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Person, SiteSettings, SocialLink


class SocialLinkInline(TranslationTabularInline):
    model = SocialLink
    extra = 0
    fields = ["network", "label", "url", "position"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(TabbedTranslationAdmin):
    inlines = [SocialLinkInline]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:newsroom_sitesettings_change", SiteSettings.load().pk)


@admin.register(Person)
class PersonAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role"]
    search_fields = ["name", "name_be", "name_ru", "name_en", "role"]
