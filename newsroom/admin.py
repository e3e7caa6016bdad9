import json

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import InlineAdminFormSet
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit import admin as taggit_admin

from . import audit, sessions
from .admin_languages import TranslatedFormAdmin, TranslatedTabularInline
from .models import AuditEntry, Image, LoginFailures, Person, SiteSettings, SocialLink, Tag
from .roles import LOCKDOWN, role_label
from .services import lock_down, merge_tags, record_password_change, unlock


class SharedRecordLinks:
    """Which choices of shared records carry the pencil, ✕ and eye beside them.

    A ✕ beside a choice deletes the shared record itself (an action item or an
    image other digests use), right next to the ✕ that removes the row, and the
    pencil edits it for every digest: such records are edited on their own
    pages. Fields in `no_related_links` get no link at all; fields in
    `add_related_only` keep "+", to create one in a popup (a cover uploaded
    while writing the digest).
    """

    no_related_links = ()
    add_related_only = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            if db_field.name in self.no_related_links:
                widget.can_add_related = False
            if db_field.name in (*self.no_related_links, *self.add_related_only):
                widget.can_change_related = False
                widget.can_delete_related = False
                widget.can_view_related = False
        return formfield


class SocialLinkInline(TranslatedTabularInline):
    model = SocialLink
    accusative_name = pgettext_lazy("accusative", "social link")
    extra = 0
    fields = ["network", "label", "url", "position"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(SharedRecordLinks, TranslatedFormAdmin):
    inlines = [SocialLinkInline]
    accusative_name = pgettext_lazy("accusative", "site settings")
    autocomplete_fields = ["sharing_image"]
    add_related_only = ["sharing_image"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:newsroom_sitesettings_change", SiteSettings.load().pk)


@admin.register(Person)
class PersonAdmin(TranslatedFormAdmin):
    list_display = ["name", "role"]
    accusative_name = pgettext_lazy("accusative", "person")
    search_fields = ["name", "name_be", "name_ru", "name_en", "role"]


# django-otp's device admins would show the secret of every authenticator app
# (and speak English only); staff manage their own on the Security page, and
# administrators remove someone's on the staff's second factors page.
admin.site.unregister([TOTPDevice, StaticDevice])


# taggit's admin edits taggit's own tables, which nothing uses since the site has its
# own tags; imported first so that it is registered before it is taken away.
admin.site.unregister(taggit_admin.Tag)


@admin.register(Tag)
class TagAdmin(TranslatedFormAdmin):
    accusative_name = pgettext_lazy("accusative", "tag")
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
    accusative_name = pgettext_lazy("accusative", "image")
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


class PositionField(forms.IntegerField):
    widget = forms.NumberInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.counts_as_change = True

    def has_changed(self, initial, data):
        return self.counts_as_change and super().has_changed(initial, data)


class OrderedInlineFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._last_position = None

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count():
            # The script numbers every row, blank ones included: a new row
            # whose only change is its number is still empty and not saved.
            form.fields["position"].counts_as_change = False
        return form

    def save_new(self, form, commit=True):
        # A new row left without a number (0, the model's default) goes after
        # every row saved before it: the existing ones (saved first, and
        # counted once) and the new ones above.
        if self._last_position is None:
            saved = self.model.objects.filter(**{self.fk.name: self.instance})
            self._last_position = saved.aggregate(last=Max("position"))["last"] or 0
        if not form.instance.position:
            form.instance.position = self._last_position + 1
        self._last_position = max(self._last_position, form.instance.position)
        return super().save_new(form, commit=commit)


class OrderedInline:
    """An inline whose rows editors drag into order (static/js/admin-ordering.js).

    The position stays a number input: without JavaScript it is typed, with
    it the script renumbers the rows 1..n as they are dragged.
    """

    formset = OrderedInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["form_class"] = PositionField
            kwargs["widget"] = forms.NumberInput(
                attrs={
                    "class": "ordering-position",
                    "min": 0,
                    "data-handle-label": _("Drag to move, or use the arrow keys"),
                }
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-ordering.js"])


# Model names as the object of a verb ("Дадаць кампанію", "Добавить
# кампанию"). Django builds "Add %s", "Change %s", "Select %s to change",
# "Add another %(verbose_name)s" and the related-object links from a model's
# verbose name, which is the nominative ("Дадаць кампанія"). Each model admin
# and inline of ours declares `accusative_name`; the admin of other packages'
# models get theirs here. install_accusative_names() (run by the app's ready())
# puts the form into every such text, whatever base classes the admins have.
ACCUSATIVE_NAMES = {
    "auth.user": pgettext_lazy("accusative", "user"),
    "auth.group": pgettext_lazy("accusative", "group"),
}


def accusative_name(model_admin):
    """The name of a model admin's or inline's model as the object of a verb."""
    return (
        getattr(model_admin, "accusative_name", None)
        or ACCUSATIVE_NAMES.get(model_admin.opts.label_lower)
        or getattr(model_admin, "verbose_name", None)
        or model_admin.opts.verbose_name
    )


def _related_accusative_name(admin_site, model):
    if admin_site.is_registered(model):
        return accusative_name(admin_site.get_model_admin(model))
    return ACCUSATIVE_NAMES.get(model._meta.label_lower, model._meta.verbose_name)


def _render_change_form(render_change_form):
    def render(self, request, context, add=False, change=False, form_url="", obj=None):
        name = accusative_name(self)
        if add:
            title = gettext("Add %s")
        elif self.has_change_permission(request, obj):
            title = gettext("Change %s")
        else:
            title = gettext("View %s")
        # A title an admin chose itself (through extra_context) stays.
        if context.get("title") == title % self.opts.verbose_name:
            context["title"] = title % name
        context["accusative_name"] = name
        return render_change_form(self, request, context, add, change, form_url, obj)

    return render


def _get_changelist_instance(get_changelist_instance):
    def changelist(self, request):
        cl = get_changelist_instance(self, request)
        cl.accusative_name = name = accusative_name(self)
        if cl.is_popup:
            cl.title = gettext("Select %s") % name
        elif self.has_change_permission(request):
            cl.title = gettext("Select %s to change") % name
        else:
            cl.title = gettext("Select %s to view") % name
        return cl

    return changelist


def _render_delete_form(render_delete_form):
    def render(self, request, context):
        if context.get("perms_lacking") or context.get("protected"):
            context["title"] = gettext("Cannot delete %(name)s") % {"name": accusative_name(self)}
        return render_delete_form(self, request, context)

    return render


def _get_deleted_objects(get_deleted_objects):
    """Leaves out the rows of many-to-many link tables, which name Python classes.

    Deleting a meeting deletes its links to campaigns and people; the summary
    showed each as "Сувязь partnermeeting — campaign: PartnerMeeting_campaigns
    object (1)". Protected objects stay listed: they are real records.
    """

    def deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = get_deleted_objects(self, objs, request)
        links = [
            m._meta for m in apps.get_models(include_auto_created=True) if m._meta.auto_created
        ]
        prefixes = tuple(f"{capfirst(opts.verbose_name)}: " for opts in links)
        plurals = {str(opts.verbose_name_plural) for opts in links}
        model_count = {name: n for name, n in model_count.items() if str(name) not in plurals}
        return _without(to_delete, prefixes), model_count, perms_needed, protected

    return deleted_objects


def _without(nested, prefixes):
    kept = []
    skip_children = False
    for item in nested:
        if isinstance(item, list):
            if not skip_children:
                kept.append(_without(item, prefixes))
            skip_children = False
        elif str(item).startswith(prefixes):
            skip_children = True
        else:
            kept.append(item)
            skip_children = False
    return kept


def _inline_formset_data(inline_formset_data):
    def data(self):
        formset_data = json.loads(inline_formset_data(self))
        formset_data["options"]["addText"] = gettext("Add another %(verbose_name)s") % {
            "verbose_name": accusative_name(self.opts)
        }
        return json.dumps(formset_data)

    return data


def _related_widget_context(get_context):
    def context(self, name, value, attrs):
        widget_context = get_context(self, name, value, attrs)
        widget_context["model"] = _related_accusative_name(self.admin_site, self.rel.model)
        return widget_context

    return context


def _response_action(response_action):
    """Refuses a selection that names no possible row, before any action sees it.

    The checkboxes post primary keys; a forged or garbled one ("abc", a number
    larger than the column holds, a NUL) reached the database as it was and
    ended in a 500. Every model admin, ours and other packages', gets this.
    """

    def response(self, request, queryset, *args, **kwargs):
        primary_key = self.opts.pk
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                if "\x00" in value:
                    raise ValidationError("NUL")
                primary_key.clean(value, None)
        except ValidationError:
            self.message_user(
                request,
                gettext(
                    "The selection could not be read, so nothing was changed. "
                    "Reload the list and select the items again."
                ),
                messages.ERROR,
            )
            return None
        return response_action(self, request, queryset, *args, **kwargs)

    return response


def install_action_checks():
    admin.ModelAdmin.response_action = _response_action(admin.ModelAdmin.response_action)


def install_accusative_names():
    ModelAdmin = admin.ModelAdmin
    ModelAdmin.render_change_form = _render_change_form(ModelAdmin.render_change_form)
    ModelAdmin.get_changelist_instance = _get_changelist_instance(
        ModelAdmin.get_changelist_instance
    )
    ModelAdmin.render_delete_form = _render_delete_form(ModelAdmin.render_delete_form)
    ModelAdmin.get_deleted_objects = _get_deleted_objects(ModelAdmin.get_deleted_objects)
    InlineAdminFormSet.inline_formset_data = _inline_formset_data(
        InlineAdminFormSet.inline_formset_data
    )
    RelatedFieldWidgetWrapper.get_context = _related_widget_context(
        RelatedFieldWidgetWrapper.get_context
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, for Administrators to read and filter; nobody changes it."""

    accusative_name = pgettext_lazy("accusative", "audit log entry")
    list_display = ["created_at", "actor_name", "action", "target_repr"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_name", "target_repr", "target_id"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "detail",
        "previous_hash",
        "hash",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return role_label(obj.name)


class RoleNames:
    """Roles are named in the admin's language (the groups keep stable names)."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["form_class"] = RoleChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffAdmin(RoleNames, UserAdmin):
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff", "roles"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    actions = ["lock_down_selected"]

    def has_lockdown_permission(self, request):
        return request.user.has_perm(LOCKDOWN)

    @admin.action(
        description=_("Emergency lockdown: end sessions, disable, remove second factors"),
        permissions=["lockdown"],
    )
    def lock_down_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Emergency lockdown"),
                "opts": self.opts,
                "users": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/auth/user/lockdown_confirm.html", context)
        for user in queryset:
            try:
                lock_down(user=user, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "%(user)s is locked down: sessions ended, account disabled, second "
                        "factors removed, preview links revoked."
                    )
                    % {"user": user.get_username()},
                    messages.SUCCESS,
                )
        return None

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(role_label(group.name) for group in obj.groups.all())

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        before = user.password if user is not None else None
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if user is not None and request.method == "POST":
                user.refresh_from_db(fields=["password"])
                if user.password != before:
                    sessions.remember_key(request)
                    own = user.pk == request.user.pk
                    record_password_change(
                        user=user,
                        by=request.user,
                        keep=request.session.session_key if own else None,
                    )
        return response

    def save_related(self, request, form, formsets, change):
        user = form.instance
        before = sorted(user.groups.values_list("name", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        after = sorted(user.groups.values_list("name", flat=True))
        if before != after:
            audit.record(
                audit.Action.ROLE_CHANGED,
                actor=request.user,
                target=user,
                detail={"before": before, "after": after},
            )


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    list_display = ["role"]

    @admin.display(description=_("name"), ordering="name")
    def role(self, obj):
        return role_label(obj.name)


@admin.register(LoginFailures)
class LoginFailuresAdmin(admin.ModelAdmin):
    """Failed log-ins per user name, and the pauses they caused, for Administrators to end."""

    accusative_name = pgettext_lazy("accusative", "failed log-ins of a user name")
    list_display = ["user_name", "failures", "last_failure", "paused_until"]
    list_display_links = None
    search_fields = ["username"]
    fields = ["user_name", "failures", "last_failure", "paused_until"]
    readonly_fields = fields
    actions = ["unlock_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting a row is unlocking it, and logged as such.
    def delete_model(self, request, obj):
        unlock(usernames=[obj.username], by=request.user)

    def delete_queryset(self, request, queryset):
        unlock(usernames=queryset.values_list("username", flat=True), by=request.user)

    @admin.display(description=_("user name"), ordering="username")
    def user_name(self, obj):
        return obj.username

    @admin.display(description=_("failed log-ins in a row"), ordering="failures_since_start")
    def failures(self, obj):
        return obj.failures_since_start

    @admin.display(description=_("last failed log-in"), ordering="attempt_time")
    def last_failure(self, obj):
        return obj.attempt_time

    @admin.display(description=_("logging in paused until"))
    def paused_until(self, obj):
        return obj.paused_until or "—"

    @admin.action(description=_("Unlock: allow logging in again now"), permissions=["delete"])
    def unlock_selected(self, request, queryset):
        unlocked = unlock(usernames=queryset.values_list("username", flat=True), by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d user name may log in again.",
                "%(count)d user names may log in again.",
                len(unlocked),
            )
            % {"count": len(unlocked)},
            messages.SUCCESS,
        )
