from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Image, Person, SiteSettings, SocialLink


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


@admin.register(Image)
class ImageAdmin(TabbedTranslationAdmin):
    list_display = ["thumbnail", "description", "size", "uses", "created_at"]
    list_display_links = ["thumbnail", "description"]
    search_fields = ["alt_be", "alt_ru", "alt_en", "credit"]
    fields = ["file", "preview", "alt", "credit"]
    readonly_fields = ["preview"]

    def get_queryset(self, request):
        # Reverse relations by name: newsroom does not import the apps using its images.
        return (
            super()
            .get_queryset(request)
            .annotate(use_count=Count("digests", distinct=True) + Count("sections", distinct=True))
        )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        name, _width = obj.renditions("WEBP")[0]
        return format_html(
            '<img src="{}" width="120" alt="" class="image-thumbnail">',
            obj.file.storage.url(name),
        )

    @admin.display(description=_("description"))
    def description(self, obj):
        return str(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        return self.thumbnail(obj)

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description=_("times used"), ordering="use_count")
    def uses(self, obj):
        return obj.use_count


def without_editing_shared_images(formfield):
    """Leave only "+" (upload) beside an image chooser.

    Changing or deleting an image from one digest's form would change or
    break every digest and section that shows it: that is done in the library.
    """
    widget = formfield.widget
    if isinstance(widget, RelatedFieldWidgetWrapper) and widget.rel.model is Image:
        widget.can_change_related = False
        widget.can_delete_related = False
        widget.can_view_related = False
    return formfield
