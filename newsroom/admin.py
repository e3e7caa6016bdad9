from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit import admin as taggit_admin

from .admin_languages import TranslatedFormAdmin, TranslatedTabularInline
from .models import Image, Person, SiteSettings, SocialLink, Tag
from .services import merge_tags


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


# taggit's admin edits taggit's own tables, which nothing uses since the site has its
# own tags; imported first so that it is registered before it is taken away.
admin.site.unregister(taggit_admin.Tag)


@admin.register(Tag)
class TagAdmin(TranslatedFormAdmin):
    fields = ["name", "slug"]
    readonly_fields = ["slug"]
    list_display = ["name_be", "name_ru", "name_en", "slug", "uses"]
    search_fields = ["name_be", "name_ru", "name_en", "slug"]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(uses_count=Count("tagged_items"))

    @admin.display(description=_("times used"), ordering="uses_count")
    def uses(self, tag):
        return tag.uses_count

    @admin.action(description=_("Merge selected tags"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        tags = list(queryset.order_by("-uses_count", "pk"))
        if len(tags) < 2:
            self.message_user(request, _("Select at least two tags to merge."), messages.WARNING)
            return None
        if "into" in request.POST:
            into = next((tag for tag in tags if str(tag.pk) == request.POST["into"]), None)
            if into is None:
                self.message_user(
                    request, _("Choose the tag the others are merged into."), messages.ERROR
                )
                return None
            merge_tags(tags=tags, into=into)
            self.message_user(
                request,
                ngettext(
                    "%(count)d tag merged into “#%(tag)s”.",
                    "%(count)d tags merged into “#%(tag)s”.",
                    len(tags) - 1,
                )
                % {"count": len(tags) - 1, "tag": into},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/newsroom/tag/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge tags"),
                "opts": self.opts,
                "tags": tags,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Image)
class ImageAdmin(TranslatedFormAdmin):
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
