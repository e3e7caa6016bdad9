import dataclasses

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from newsroom.admin import OrderedInline, SharedRecordLinks
from newsroom.admin_history import HistoryAdmin
from newsroom.admin_languages import (
    TranslatedFormAdmin,
    TranslatedStackedInline,
    TranslatedTabularInline,
    checked_translations,
    translation_badges,
    translator_view,
)
from newsroom.models import TranslationStatus
from newsroom.roles import can_publish

from . import rendering, telegram
from .forms import PreviewLinkForm
from .models import Digest, DigestAction, PreviewLink, Section, parse_year
from .services import (
    check_digest_edit,
    create_preview_link,
    delete_digest,
    duplicate_digest,
    publish_digest,
    record_translations,
    recover_digest,
    restore_digest,
    revoke_preview_link,
    unpublish_digest,
)

# The change page lists a digest's newest preview links; older ones have long expired.
PREVIEW_LINKS_SHOWN = 30


class TranslationBadges:
    """A readonly "translation" field: this row's own status per language."""

    @admin.display(description=_("translation"))
    def translation(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return translation_badges(TranslationStatus.of_summary(obj.translation_summary()))


class DigestPartInline:
    """A published digest's parts change only with the digest (digests.services)."""

    def _live_for(self, request, obj):
        return obj is not None and not obj.editable_by(request.user)

    def has_add_permission(self, request, obj=None):
        return not self._live_for(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._live_for(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._live_for(request, obj) and super().has_delete_permission(request, obj)


class DigestActionInline(
    TranslationBadges, DigestPartInline, OrderedInline, SharedRecordLinks, TranslatedTabularInline
):
    model = DigestAction
    accusative_name = pgettext_lazy("accusative", "activity")
    extra = 0
    fields = ["position", "action_item", "wording", "translation"]
    readonly_fields = ["translation"]
    autocomplete_fields = ["action_item"]
    no_related_links = ["action_item"]
    verbose_name_plural = _("Activity list (what readers are asked to do)")


class SectionInline(
    TranslationBadges, DigestPartInline, OrderedInline, SharedRecordLinks, TranslatedStackedInline
):
    model = Section
    accusative_name = pgettext_lazy("accusative", "section")
    extra = 0
    readonly_fields = ["translation"]
    fields = [
        "translation",
        ("position", "kind"),
        "heading",
        "body",
        "image",
        ("campaign", "meetings"),
        "tags",
    ]
    autocomplete_fields = ["campaign", "meetings", "image"]
    # Partner meetings keep their "+": a meeting is often first written down
    # for its section, in a popup. Adding destroys nothing.
    no_related_links = ["campaign"]
    add_related_only = ["image"]
    show_change_link = False


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in Digest.objects.years()]

    def queryset(self, request, queryset):
        if year := parse_year(self.value()):
            return queryset.filter(period_start__year=year)
        return queryset


class TranslationStatusFilter(admin.SimpleListFilter):
    """Language × status: "RU: stale" lists digests with a stale Russian text anywhere."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{code}-{status}", f"{code.upper()}: {label}")
            for code, _name in settings.LANGUAGES
            for status, label in TranslationStatus.choices
        ]

    def queryset(self, request, queryset):
        language, _dash, status = (self.value() or "").partition("-")
        if language in dict(settings.LANGUAGES) and status in TranslationStatus.values:
            return queryset.translation_status(language=language, status=status)
        return queryset


@admin.register(Digest)
class DigestAdmin(SharedRecordLinks, HistoryAdmin, TranslatedFormAdmin):
    list_display = [
        "display_title",
        "period_start",
        "period_end",
        "visibility",
        "published_at",
        "translation",
    ]
    accusative_name = pgettext_lazy("accusative", "digest")
    add_related_only = ["cover"]
    list_filter = [
        "status",
        TranslationStatusFilter,
        YearFilter,
        "tags",
        ("sections__campaign", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title_be",
        "title_ru",
        "title_en",
        "headline_be",
        "headline_ru",
        "headline_en",
        "slug",
    ]
    date_hierarchy = "period_start"
    inlines = [DigestActionInline, SectionInline]
    readonly_fields = ["translation_of_digest", "published_by", "created_at", "updated_at"]
    autocomplete_fields = ["cover"]
    actions = ["publish", "unpublish", "duplicate"]
    change_form_template = "admin/digests/digest/change_form.html"
    restore_with = staticmethod(restore_digest)
    recover_with = staticmethod(recover_digest)
    restore_note = _(
        "Its status and publication time stay as they are now: publish or unpublish it on its page."
    )
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "translation_of_digest",
                    ("period_start", "period_end"),
                    "title",
                    "headline",
                    "lead",
                ]
            },
        ),
        (_("Publication"), {"fields": ["status", "published_at", "slug", "tags"]}),
        (_("Cover"), {"fields": ["cover"]}),
        (_("Closing"), {"fields": ["closing_call"]}),
        (
            _("History"),
            {"fields": ["published_by", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description=_("title"), ordering="period_start")
    def display_title(self, obj):
        return obj.display_title

    @admin.display(description=_("translation"))
    def translation(self, obj):
        # The status record_translations kept: no query per digest.
        return translation_badges(TranslationStatus.of_summary(obj.translation_status))

    @admin.display(description=_("translation of the whole digest"))
    def translation_of_digest(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return translation_badges(TranslationStatus.of_summary(obj.current_translation_status()))

    @admin.display(description=_("readers see it"), ordering="status")
    def visibility(self, obj):
        if obj.is_visible:
            return _("Published")
        if obj.is_scheduled:
            return _("Scheduled for %(time)s") % {
                "time": formats.date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            }
        return _("Draft")

    def view_on_site(self, obj):
        if obj.is_visible:
            return obj.get_absolute_url()
        return reverse("admin:digests_digest_preview", args=[obj.pk])

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        # A published digest is changed only by those who may publish; others read it.
        if obj is not None and not obj.editable_by(request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if can_publish(request.user):
            return readonly
        return [*readonly, *(name for name in ["status", "published_at"] if name not in readonly)]

    deletes_through_service = True

    def delete_model(self, request, obj):
        self._keep_for_recovery(request, [obj])
        delete_digest(digest=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        digests = list(queryset)
        self._keep_for_recovery(request, digests)
        for digest in digests:
            delete_digest(digest=digest, by=request.user)

    def has_delete_permission(self, request, obj=None):
        # Published history is never deleted by accident: unpublish first.
        if obj is not None and obj.status == Digest.Status.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        # has_delete_permission() refuses a published digest, for which Django
        # answers a bare 403: whoever could delete it as a draft is told why.
        digest = self.get_object(request, unquote(object_id))
        if (
            digest is None
            or digest.status != Digest.Status.PUBLISHED
            or not super().has_delete_permission(request, digest)
        ):
            return super().delete_view(request, object_id, extra_context)
        context = {
            **self.admin_site.each_context(request),
            "title": _("This digest cannot be deleted"),
            "opts": self.opts,
            "object": digest,
            "can_unpublish": "unpublish" in self.get_actions(request),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/digests/digest/delete_refused.html", context, status=403
        )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if delete := actions.get("delete_selected"):
            actions["delete_selected"] = dataclasses.replace(
                delete, func=self._refusing_published(delete.func)
            )
        return actions

    def _refusing_published(self, delete):
        """Django's bulk delete, refused with a message when a published digest is selected."""

        def delete_unless_published(modeladmin, request, queryset):
            if queryset.filter(status=Digest.Status.PUBLISHED).exists():
                self.message_user(
                    request,
                    _("Published digests cannot be deleted. Unpublish them first."),
                    messages.ERROR,
                )
                return None
            return delete(modeladmin, request, queryset)

        return delete_unless_published

    def save_model(self, request, obj, form, change):
        # The status the editor asked for is applied by the services once the
        # inlines are saved, so publishing freezes the list the editor sees.
        check_digest_edit(digest=obj, by=request.user, changed=form.changed_data)
        self._requested_status = obj.status
        if change:
            obj.status = Digest.objects.values_list("status", flat=True).get(pk=obj.pk)
        else:
            obj.status = Digest.Status.DRAFT
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        digest = form.instance
        if self._requested_status == Digest.Status.PUBLISHED:
            publish_digest(digest=digest, by=request.user, at=digest.published_at)
            self._warn_empty_headlines(request, digest)
        elif digest.status == Digest.Status.PUBLISHED:
            unpublish_digest(digest=digest, by=request.user)
        record_translations(
            digest=digest,
            by=request.user,
            translating=translator_view(request),
            checked=checked_translations(
                [form, *(inline for formset in formsets for inline in formset.forms)]
            ),
        )

    def _warn_empty_headlines(self, request, digest):
        # Codes, as on the form's language switch: "RU, EN".
        missing = [
            code.upper()
            for code, _name in settings.LANGUAGES
            if code not in digest.headline_languages
        ]
        if missing:
            self.message_user(
                request,
                _(
                    "The headline is not yet written in: %(languages)s. Readers of those "
                    "languages see it in another language."
                )
                % {"languages": ", ".join(missing)},
                messages.WARNING,
            )

    @admin.action(description=_("Publish selected digests"), permissions=["publish"])
    def publish(self, request, queryset):
        published = 0
        for digest in queryset.exclude(status=Digest.Status.PUBLISHED):
            try:
                publish_digest(digest=digest, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("“%(digest)s” was not published: %(reason)s")
                    % {"digest": digest, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(n)d digest published.", "%(n)d digests published.", published)
                % {"n": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Unpublish selected digests"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for digest in queryset.filter(status=Digest.Status.PUBLISHED):
            unpublish_digest(digest=digest, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d digest is a draft again.", "%(n)d digests are drafts again.", count)
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Duplicate as next digest"), permissions=["add"])
    def duplicate(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose exactly one digest to duplicate."), messages.WARNING
            )
            return None
        return self._duplicate(request, queryset.get())

    def _duplicate(self, request, source):
        digest, created = duplicate_digest(source=source, by=request.user)
        if not created:
            self.message_user(
                request,
                _("A digest for the next period already exists: %(digest)s.") % {"digest": digest},
                messages.WARNING,
            )
            return redirect("admin:digests_digest_change", digest.pk)
        self.message_user(
            request,
            _(
                "A draft for the next period was created: %(digest)s. "
                "Write its headline and sections."
            )
            % {"digest": digest},
            messages.SUCCESS,
        )
        return redirect("admin:digests_digest_change", digest.pk)

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="digests_digest_preview",
            ),
            path(
                "<int:pk>/telegram/",
                self.admin_site.admin_view(self.telegram_view),
                name="digests_digest_telegram",
            ),
            path(
                "<int:pk>/duplicate/",
                self.admin_site.admin_view(require_POST(self.duplicate_view)),
                name="digests_digest_duplicate",
            ),
            path(
                "<int:pk>/preview-links/",
                self.admin_site.admin_view(require_POST(self.preview_link_create_view)),
                name="digests_digest_preview_link_create",
            ),
            path(
                "<int:pk>/preview-links/<int:link_pk>/revoke/",
                self.admin_site.admin_view(require_POST(self.preview_link_revoke_view)),
                name="digests_digest_preview_link_revoke",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request, pk):
        """The digest as readers will see it, drafts included; staff only."""
        if not self.has_view_permission(request):
            return redirect("admin:index")
        digest = get_object_or_404(Digest.objects.with_contents(), pk=pk)
        language = request.GET.get("lang")
        if language not in dict(translation.trans_real.get_languages()):
            language = translation.get_language()
        with translation.override(language):
            previous, following = digest.neighbours()
            response = TemplateResponse(
                request,
                "digests/digest_detail.html",
                {
                    "digest": digest,
                    "article_html": rendering.render_article(
                        digest, digest.sections.all(), is_preview=True
                    ),
                    "previous": previous,
                    "following": following,
                    "is_preview": True,
                },
            )
            response.render()
        return response

    def telegram_view(self, request, pk):
        """The digest as a Telegram channel post, to copy; drafts too, to prepare it."""
        digest = get_object_or_404(Digest.objects.with_contents(), pk=pk)
        if not self.has_view_permission(request, digest):
            raise PermissionDenied
        languages = dict(settings.LANGUAGES)
        language = request.GET.get("lang")
        if language not in languages:
            language = translation.get_language()
        with translation.override(language):
            post = telegram.digest_post(digest, base_url=telegram.site_base_url(request))
            title = digest.title_with_year
            public_url = request.build_absolute_uri(digest.get_absolute_url())
            fallbacks = telegram.fallback_languages(digest)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Telegram post"),
            "subtitle": str(digest),
            "opts": self.opts,
            "digest": digest,
            "post": post,
            "post_language": language,
            "post_title": title,
            "public_url": public_url,
            "fallbacks": fallbacks,
            "languages": [code for code, _name in settings.LANGUAGES],
            "limit": telegram.MESSAGE_LIMIT,
        }
        return TemplateResponse(request, "admin/digests/digest/telegram_post.html", context)

    def duplicate_view(self, request, pk):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        return self._duplicate(request, get_object_or_404(Digest, pk=pk))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(self._preview_links_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _preview_links_context(self, request, digest):
        user = request.user
        can_add = user.has_perm("digests.add_previewlink")
        can_revoke = user.has_perm("digests.change_previewlink")
        if not (can_add or can_revoke or user.has_perm("digests.view_previewlink")):
            return {}
        links = digest.preview_links.select_related("created_by", "revoked_by")
        return {
            "preview_links": list(links[:PREVIEW_LINKS_SHOWN]),
            "preview_link_form": PreviewLinkForm() if can_add else None,
            "can_revoke_preview_links": can_revoke,
            "show_preview_links": True,
        }

    def preview_link_create_view(self, request, pk):
        """Create a link and show its addresses: the only time they can be seen."""
        digest = get_object_or_404(Digest, pk=pk)
        if not (
            self.has_view_permission(request, digest)
            and request.user.has_perm("digests.add_previewlink")
        ):
            raise PermissionDenied
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            errors = [error for errors in form.errors.values() for error in errors]
            self.message_user(
                request,
                _("The preview link was not created: %(reason)s") % {"reason": " ".join(errors)},
                messages.ERROR,
            )
            return self._back_to_preview_links(digest)
        link = create_preview_link(
            digest=digest,
            by=request.user,
            hours=form.cleaned_data["hours"],
            note=form.cleaned_data["note"],
        )
        addresses = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                url = reverse("digests:preview", kwargs={"token": link.token})
            addresses.append((code, request.build_absolute_uri(url)))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview link created"),
            "opts": self.opts,
            "digest": digest,
            "link": link,
            "addresses": addresses,
        }
        return TemplateResponse(request, "admin/digests/digest/preview_link_created.html", context)

    def preview_link_revoke_view(self, request, pk, link_pk):
        link = get_object_or_404(
            PreviewLink.objects.select_related("digest"), pk=link_pk, digest=pk
        )
        if not (
            self.has_view_permission(request, link.digest)
            and request.user.has_perm("digests.change_previewlink")
        ):
            raise PermissionDenied
        revoke_preview_link(link=link, by=request.user)
        self.message_user(
            request,
            _("The preview link was revoked: its address shows nothing any more."),
            messages.SUCCESS,
        )
        return self._back_to_preview_links(link.digest)

    def _back_to_preview_links(self, digest):
        return redirect(reverse("admin:digests_digest_change", args=[digest.pk]) + "#preview-links")
