"""History in the admin: who saved what and when, compare, restore, recover; no silent overwrite.

Every admin save, and every service that saves (publish, unpublish...), is a
revision of django-reversion with its user. `HistoryAdmin` shows a record's
versions, compares two of them field by field in every language, restores
one and recovers deleted records. Its form carries the record's edit count
from when it was opened: a save from a form opened before someone else's
save is refused, naming who saved and when, and keeps what was typed.
"""

import difflib
import json
import re

import reversion
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html_join, strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive, _get_options
from taggit.managers import TaggableManager

from . import audit
from .models import TaggedItem
from .richtext import RichTextField
from .services import recover_version, restore_version, version_parts

EDIT_COUNT_FIELD = "edit_count_opened"

# What services record as the comment of their revision ({"event": ...}).
EVENTS = {
    "published": gettext_lazy("Published"),
    "unpublished": gettext_lazy("Unpublished"),
    "duplicated": gettext_lazy("Created as the next digest"),
    "ended": gettext_lazy("Ended"),
    "extended": gettext_lazy("Extended by two weeks"),
    "restored": gettext_lazy("Restored"),
    "recovered": gettext_lazy("Recovered after deletion"),
    "deleted": gettext_lazy("Deleted"),
}


def saved_when(moment):
    """A revision's time as the admin's language writes it."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def user_name(user):
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


# Optimistic locking.


class EditCountForm(forms.ModelForm):
    """A model form that refuses to save over a save made after it was opened."""

    edit_count_opened = forms.CharField(widget=forms.HiddenInput, required=False, label="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[EDIT_COUNT_FIELD].initial = self.instance.edit_count

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._refuse_if_saved_since(self.data.get(self.add_prefix(EDIT_COUNT_FIELD), ""))
        return cleaned_data

    def _refuse_if_saved_since(self, opened):
        stored = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        # The admin saves in a transaction: the row stays locked until this
        # save is done, so a second save waits and then sees this one.
        if transaction.get_connection().in_atomic_block:
            stored = stored.select_for_update()
        current = stored.values_list("edit_count", flat=True).first()
        if current is None or opened == str(current):
            return
        last = (
            Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        )
        if not (opened.isascii() and opened.isdigit()):
            message = _(
                "Not saved: this form does not say which version it was opened on, so "
                "saving it could undo someone else's changes."
            )
        else:
            message = _("Not saved: someone else saved this after you opened the form.")
        if last is not None:
            message += " " + _("The last save: %(user)s, %(time)s.") % {
                "user": user_name(last.revision.user),
                "time": saved_when(last.revision.date_created),
            }
        message += " " + _(
            "What you typed is kept below. Compare it with their changes (History, in "
            "another tab), then save again to keep yours: their version stays in the history."
        )
        self.add_error(None, message)
        # Saving again is a choice made knowing the other save.
        self.data = self.data.copy()
        self.data[self.add_prefix(EDIT_COUNT_FIELD)] = str(current)


# Reading versions.


def describe(revision, model):
    """What a revision did, in the admin's language."""
    try:
        data = json.loads(revision.comment)
    except ValueError:
        return revision.comment
    if not isinstance(data, dict):
        return revision.get_comment()
    if event := EVENTS.get(data.get("event")):
        if data["event"] == "restored" and (date := parse_datetime(data.get("date", ""))):
            return _("Restored the version of %(time)s") % {"time": saved_when(date)}
        return str(event)
    if data.get("added"):
        return _("Created")
    parts = []
    labels = [_field_label(model, name) for name in data.get("fields", [])]
    if labels:
        parts.append(_("Changed: %(fields)s") % {"fields": ", ".join(labels)})
    related = [
        str(apps.get_model(label)._meta.verbose_name_plural)
        for label in data.get("related", [])
        if _model_exists(label)
    ]
    if related:
        parts.append(_("Changed: %(parts)s") % {"parts": ", ".join(related)})
    return "; ".join(parts) or _("Saved without changes")


def _model_exists(label):
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since
        return name


def form_changes(form, formsets, add):
    """A revision comment that the history translates when it is read."""
    if add:
        return {"added": True}
    return {
        "fields": [name for name in form.changed_data if name != EDIT_COUNT_FIELD],
        "related": sorted(
            {
                formset.model._meta.label_lower
                for formset in formsets
                if formset.new_objects or formset.changed_objects or formset.deleted_objects
            }
        ),
    }


class Snapshot:
    """A record and its parts as saved in a version (or as they are now), field by field."""

    def __init__(self, records):
        # {(model, pk): {attname: value}}; tags are folded into their record.
        self.records = {}
        tags = {}
        for model, pk, values in records:
            if model is TaggedItem:
                owner = apps.get_model("contenttypes", "ContentType").objects.get_for_id(
                    values["content_type_id"]
                )
                tags.setdefault((owner.model_class(), str(values["object_id"])), []).append(
                    values["tag_id"]
                )
            else:
                self.records[(model, str(pk))] = dict(values)
        for key, values in self.records.items():
            if _has_tags(key[0]):
                values["tags"] = sorted(tags.get(key, []))

    @classmethod
    def of_version(cls, version):
        return cls(
            (part._model, part.object_id, part.field_dict)
            for part in [version, *version_parts(version)]
        )

    @classmethod
    def of_current(cls, obj):
        records = []
        for record in _follow_relations_recursive(obj):
            names = _get_options(type(record)).fields
            values = {}
            for field in record._meta.concrete_fields:
                if field.name in names:
                    values[field.attname] = getattr(record, field.attname)
            for field in record._meta.many_to_many:
                if field.name in names and isinstance(field, models.ManyToManyField):
                    values[field.attname] = list(
                        getattr(record, field.name).values_list("pk", flat=True)
                    )
            records.append((type(record), record.pk, values))
        return cls(records)


def _tags_field(model):
    return next((f for f in model._meta.get_fields() if isinstance(f, TaggableManager)), None)


def _has_tags(model):
    return _tags_field(model) is not None


class Comparison:
    """The differences between two snapshots of one record, for the template."""

    def __init__(self, old, new, *, root):
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.root = root
        self._names = {}
        self.fields = self._rows(root._meta.model, old.records[_key(root)], new.records[_key(root)])
        self.parts = []
        keys = [k for k in [*old.records, *new.records] if k != _key(root)]
        for key in dict.fromkeys(keys):
            model = key[0]
            before, after = old.records.get(key), new.records.get(key)
            if before is None:
                state, rows = _("added"), self._rows(model, {}, after, all_rows=True)
            elif after is None:
                state, rows = _("removed"), self._rows(model, before, {}, all_rows=True)
            else:
                state, rows = _("changed"), self._rows(model, before, after)
            if rows:
                self.parts.append(
                    {
                        "model": capfirst(model._meta.verbose_name),
                        "name": self._record_name(model, after or before),
                        "state": state,
                        "rows": rows,
                    }
                )

    @property
    def language_names(self):
        return [(code, name) for code, name in settings.LANGUAGES]

    @property
    def unchanged(self):
        return not self.fields and not self.parts

    def _record_name(self, model, values):
        for name in ("heading", "label", "text", "wording"):
            for code in self.languages:
                if values.get(f"{name}_{code}"):
                    return strip_tags(values[f"{name}_{code}"])
        if "action_item_id" in values:
            return self._display(model._meta.get_field("action_item"), values["action_item_id"])
        return ""

    def _rows(self, model, before, after, all_rows=False):
        rows = []
        for base, field, translated in _shown_fields(model):
            if translated:
                names = [f"{base}_{code}" for code in self.languages]
            else:
                names = [field.attname if field.concrete else field.name]
            cells = []
            for name in names:
                old = self._text(field, before.get(name)) if before else ""
                new = self._text(field, after.get(name)) if after else ""
                cells.append(_diff_cell(old, new))
            if all_rows or any(cell["changed"] for cell in cells):
                rows.append(
                    {"label": capfirst(field.verbose_name), "cells": cells, "span": len(names)}
                )
        return rows

    def _text(self, field, value):
        if value in (None, "", []):
            return ""
        return self._display(field, value)

    def _display(self, field, value):
        if isinstance(field, TaggableManager):
            model = apps.get_model("newsroom", "Tag")
            return ", ".join(f"#{tag}" for tag in self._objects(model, value))
        if isinstance(field, models.ManyToManyField):
            return ", ".join(str(o) for o in self._objects(field.related_model, value))
        if field.is_relation:
            found = self._objects(field.related_model, [value])
            return str(found[0]) if found else _("deleted record (%(id)s)") % {"id": value}
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(field, models.DateTimeField):
            return saved_when(value)
        if isinstance(field, models.DateField):
            return formats.date_format(value, "DATE_FORMAT")
        if isinstance(field, RichTextField):
            text = re.sub(r"</(p|li|h\d|blockquote)>|<br\s*/?>", "\n", str(value))
            return strip_tags(text).strip()
        return str(value)

    def _objects(self, model, pks):
        found = self._names.setdefault(model, {})
        missing = [pk for pk in pks if pk not in found]
        if missing:
            for obj in model._base_manager.filter(pk__in=missing):
                found[obj.pk] = obj
        return [found[pk] for pk in pks if pk in found]


def _key(obj):
    return (type(obj), str(obj.pk))


def _shown_fields(model):
    """(name, field, translated) for the fields editors write, in the model's order."""
    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = {}
    localized = {f.name for fields in translated.values() for f in fields}
    names = set(_get_options(model).fields)
    shown = []
    for field in model._meta.get_fields():
        if field.name in localized or not getattr(field, "editable", False):
            continue
        if field.name not in names or field.primary_key or isinstance(field, TaggableManager):
            continue
        if field.many_to_one and field.remote_field.on_delete is models.CASCADE:
            continue  # the record a part belongs to: the same on both sides
        shown.append((field.name, field, field.name in translated))
    if tags := _tags_field(model):
        shown.append((tags.name, tags, False))
    return shown


def _diff_cell(old, new):
    if old == new:
        return {"changed": False, "old": old, "new": new}
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    before, after = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            before.append(("span", removed))
            after.append(("span", added))
            continue
        if removed:
            before.append(("del", removed))
        if added:
            after.append(("ins", added))
    return {
        "changed": True,
        "old": format_html_join("", "<{0}>{1}</{0}>", before),
        "new": format_html_join("", "<{0}>{1}</{0}>", after),
    }


# The admin.


class HistoryAdmin:
    """A model admin whose records keep their history, and whose forms refuse stale saves.

    `restore_with` and `recover_with` are the services that restore a
    version and recover a deleted record (a digest's keep its status);
    `restore_note` tells editors what a restore leaves as it is.
    """

    form = EditCountForm
    object_history_template = "admin/history/object_history.html"
    restore_with = staticmethod(restore_version)
    recover_with = staticmethod(recover_version)
    restore_note = ""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], EDIT_COUNT_FIELD]}), *rest]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        if reversion.is_active():
            reversion.set_comment(json.dumps(form_changes(form, formsets, add)))
        return super().construct_change_message(request, form, formsets, add)

    def delete_model(self, request, obj):
        self._keep_for_recovery(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._keep_for_recovery(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _keep_for_recovery(self, request, objs):
        # A record never saved since history began can still be recovered,
        # and the audit log says who deleted it (digests.services does the
        # same for digests, whose admin deletes through it).
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(json.dumps({"event": "deleted"}))
            for obj in objs:
                reversion.add_to_revision(obj)
                if not self.deletes_through_service:
                    audit.record(audit.Action.DELETED, actor=request.user, target=obj)

    # True where the admin deletes through a service that writes the audit log.
    deletes_through_service = False

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_change_permission(request):
            extra_context["recover_url"] = reverse(self._url_name("recoverlist"))
        return super().changelist_view(request, extra_context)

    def _url_name(self, view):
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("recover/", view(self.recoverlist_view), name=f"{info}_recoverlist"),
            path(
                "recover/<int:version_id>/",
                view(require_POST(self.recover_view)),
                name=f"{info}_recover",
            ),
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{info}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/",
                view(self.revision_view),
                name=f"{info}_revision",
            ),
            *super().get_urls(),
        ]

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def _context(self, request, obj, title, **context):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "original": obj,
            "media": self.media,
            "preserved_filters": self.get_preserved_filters(request),
            **context,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(self._versions(obj))
        rows = [
            {
                "version": version,
                "when": saved_when(version.revision.date_created),
                "user": user_name(version.revision.user),
                "what": describe(version.revision, self.model),
                "url": reverse(self._url_name("revision"), args=[quote(obj.pk), version.pk]),
                "is_newest": number == 0,
                "is_second": number == 1,
            }
            for number, version in enumerate(versions)
        ]
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            self.object_history_template,
            self._context(
                request,
                obj,
                _("History: %(object)s") % {"object": obj},
                rows=rows,
                compare_url=reverse(self._url_name("compare"), args=[quote(obj.pk)]),
                **(extra_context or {}),
            ),
        )

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = self._versions(obj)
        history_url = reverse(self._url_name("history"), args=[quote(obj.pk)])
        chosen = [request.GET.get("old", ""), request.GET.get("new", "")]
        if all(value.isascii() and value.isdigit() for value in chosen):
            found = {v.pk: v for v in versions.filter(pk__in=[int(value) for value in chosen])}
            pair = [found.get(int(value)) for value in chosen]
        else:
            pair = list(versions[:2])[::-1]
        if len(pair) < 2 or None in pair or pair[0] == pair[1]:
            self.message_user(
                request, _("Choose two different versions to compare."), messages.WARNING
            )
            return redirect(history_url)
        old, new = sorted(pair, key=lambda v: v.pk)
        comparison = Comparison(Snapshot.of_version(old), Snapshot.of_version(new), root=obj)
        return TemplateResponse(
            request,
            "admin/history/compare.html",
            self._context(
                request,
                obj,
                _("Compare versions: %(object)s") % {"object": obj},
                comparison=comparison,
                old_label=self._version_label(old),
                new_label=self._version_label(new),
                history_url=history_url,
            ),
        )

    def _version_label(self, version):
        return _("%(time)s, %(user)s") % {
            "time": saved_when(version.revision.date_created),
            "user": user_name(version.revision.user),
        }

    def revision_view(self, request, object_id, version_id):
        """A version against the current text, and the button that restores it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        version = get_object_or_404(self._versions(obj), pk=version_id)
        may_restore = self.has_change_permission(request, obj)
        if not (may_restore or self.has_view_permission(request, obj)):
            raise PermissionDenied
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied
            return self._restore(request, obj, version)
        comparison = Comparison(Snapshot.of_version(version), Snapshot.of_current(obj), root=obj)
        return TemplateResponse(
            request,
            "admin/history/revision.html",
            self._context(
                request,
                obj,
                _("Version of %(time)s: %(object)s")
                % {"time": saved_when(version.revision.date_created), "object": obj},
                comparison=comparison,
                old_label=self._version_label(version),
                new_label=_("Now"),
                may_restore=may_restore,
                restore_note=self.restore_note,
                history_url=reverse(self._url_name("history"), args=[quote(obj.pk)]),
            ),
        )

    def _restore(self, request, obj, version):
        try:
            restored, notes = self.restore_with(version=version, by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                _("This version was not restored: %(reason)s")
                % {"reason": " ".join(error.messages)},
                messages.ERROR,
            )
            return redirect(request.path)
        for note in notes:
            self.message_user(request, note, messages.WARNING)
        self.message_user(
            request,
            _("The version of %(time)s was restored. The text it replaced stays in the history.")
            % {"time": saved_when(version.revision.date_created)},
            messages.SUCCESS,
        )
        return redirect(self._url_name("change"), quote(restored.pk))

    def recoverlist_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        deleted = (
            Version.objects.get_deleted(self.model)
            .select_related("revision__user")
            .order_by("-revision__date_created", "-pk")
        )
        rows = [
            {
                "name": version.object_repr,
                "when": saved_when(version.revision.date_created),
                "user": user_name(version.revision.user),
                "url": reverse(self._url_name("recover"), args=[version.pk]),
            }
            for version in deleted
        ]
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/history/recover_list.html",
            self._context(
                request,
                None,
                _("Recover deleted: %(name)s") % {"name": self.opts.verbose_name_plural},
                rows=rows,
            ),
        )

    def recover_view(self, request, version_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        version = Version.objects.get_deleted(self.model).filter(pk=version_id).first()
        if version is None:
            raise Http404
        try:
            recovered, notes = self.recover_with(version=version, by=request.user)
        except ValidationError as error:
            self.message_user(
                request,
                _("It was not recovered: %(reason)s") % {"reason": " ".join(error.messages)},
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse(self._url_name("recoverlist")))
        for note in notes:
            self.message_user(request, note, messages.WARNING)
        self.message_user(
            request,
            _("“%(object)s” was recovered. Check that nothing is missing.") % {"object": recovered},
            messages.SUCCESS,
        )
        return redirect(self._url_name("change"), quote(recovered.pk))
