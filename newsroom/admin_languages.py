"""The admin's translated forms: one language switch per form and a translator's view.

Every translated field is shown once per language (modeltranslation's plain
TranslationAdmin, no per-field tabs). A bar above the form shows one
language's fields, or all of them stacked, which is also what a browser
without JavaScript sees; the choice is kept per editor (EditorPreference).
Each field says which languages are written and which translations are
stale, and `?from=be&translate=ru` shows the source language's text beside
the target language's fields, the stale ones first.
"""

from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.forms.boundfield import BoundField
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.fields import TranslationField
from modeltranslation.utils import build_localized_fieldname

from .i18n import is_written
from .models import EditorPreference, TranslationSources, TranslationStatus
from .richtext import RichTextField, sanitize_html
from .roles import check_texts_only, other_fields, translates_only


class TranslatorView(NamedTuple):
    source: str
    target: str


def translator_view(request):
    """The languages of `?from=…&translate=…`, or None when they are not two of ours."""
    codes = [code for code, _name in settings.LANGUAGES]
    source, target = request.GET.get("from"), request.GET.get("translate")
    if source in codes and target in codes and source != target:
        return TranslatorView(source, target)
    return None


# Posted beside a stale translation's field: the editor confirms it still matches.
CHECKED_SUFFIX = "-still-matches"


def translation_badges(statuses):
    """'BE ✓ RU stale EN missing' as small badges, each with its words for screen readers.

    `statuses` is [(language, [TranslationStatus, ...])], as TranslationStatus.of_summary gives.
    """
    names = dict(settings.LANGUAGES)
    items = []
    for code, language_statuses in statuses:
        words = ", ".join(str(status.label) for status in language_statuses)
        spoken = _("%(language)s: %(status)s") % {"language": names[code], "status": words}
        items.append(
            (
                " ".join(language_statuses),
                spoken,
                code.upper(),
                "✓" if language_statuses == [TranslationStatus.COMPLETE] else words,
                spoken,
            )
        )
    if not items:
        return "–"
    return format_html(
        '<span class="translation-badges">{}</span>',
        format_html_join(
            " ",
            '<span class="translation-badge" data-status="{}" title="{}">'
            '<span aria-hidden="true">{} {}</span><span class="visually-hidden">{}</span></span>',
            items,
        ),
    )


def checked_translations(forms):
    """(object, field, language) of the stale translations ticked "still matches" in `forms`."""
    for form in forms:
        for name, field in form.fields.items():
            translation = getattr(field, "translation", None)
            if translation and form.data.get(form.add_prefix(name) + CHECKED_SUFFIX):
                yield form.instance, translation[0], translation[1]


def text_status(form, base, language):
    instance = form.instance
    if isinstance(instance, TranslationSources):
        return instance.text_status(base, language)
    return None


class TranslatedBoundField(BoundField):
    """A language's widget, followed by which languages of the field are written.

    In the translator's view the target language's widget gets the source
    language's text beside it, read-only.
    """

    def __str__(self):
        base, language, rich = self.field.translation
        html = super().__str__() + self._stale_notice(base, language)
        view = getattr(self.form, "translator_view", None)
        if view and view.target == language:
            html = format_html(
                '<div class="mt-pair"><div class="mt-source" lang="{}">'
                '<span class="mt-source-language">{}</span>{}</div>'
                '<div class="mt-target">{}</div></div>',
                view.source,
                view.source.upper(),
                self._source_text(f"{base}_{view.source}", rich),
                html,
            )
        return html + self._fill_status(base, language)

    def _value_of(self, name):
        if name in self.form.fields:
            return self.form[name].value()
        return getattr(self.form.instance, name, "")

    def _source_text(self, name, rich):
        value = self._value_of(name)
        if not is_written(value):
            return format_html(
                '<span class="mt-source-empty">{}</span>', _("Not written in this language yet.")
            )
        if rich:
            # Sanitised again: after a failed submit the value is what was posted.
            return format_html(
                '<div class="mt-source-text">{}</div>', mark_safe(sanitize_html(value))
            )
        return format_html('<div class="mt-source-text">{}</div>', linebreaksbr(value))

    def _stale_notice(self, base, language):
        if text_status(self.form, base, language) != TranslationStatus.STALE:
            return mark_safe("")
        source = self.form.instance.translated_from(base, language)
        return format_html(
            '<div class="mt-stale" role="note"><p>{}</p>'
            '<label><input type="checkbox" name="{}" value="1"> {}</label></div>',
            _(
                "Stale: the original (%(language)s) changed after this translation was "
                "saved. Update the translation, or tick the box if it still matches."
            )
            % {"language": dict(settings.LANGUAGES)[source]},
            self.html_name + CHECKED_SUFFIX,
            _("The translation still matches the original"),
        )

    def _fill_status(self, base, language):
        names = dict(settings.LANGUAGES)
        items = []
        for code in names:
            written = is_written(self._value_of(f"{base}_{code}"))
            stale = text_status(self.form, base, code) == TranslationStatus.STALE
            title_written = _("%(language)s: written") % {"language": names[code]}
            title_empty = _("%(language)s: empty") % {"language": names[code]}
            title_stale = _("%(language)s: stale, the original changed after translating") % {
                "language": names[code]
            }
            items.append(
                (
                    code,
                    "true" if written else "false",
                    "true" if stale else "false",
                    title_written,
                    title_empty,
                    title_stale,
                    title_stale if stale and written else title_written if written else title_empty,
                    code.upper(),
                    "!" if stale and written else "✓" if written else "–",
                )
            )
        return format_html(
            '<span class="mt-status" data-mt-field="{}" data-mt-lang="{}">{}</span>',
            base,
            language,
            format_html_join(
                " ",
                '<span class="mt-status-language" data-language="{}" data-written="{}" '
                'data-stale="{}" data-title-written="{}" data-title-empty="{}" '
                'data-title-stale="{}" title="{}">{} <span class="mt-mark">{}</span></span>',
                items,
            ),
        )


class TranslatedFieldsMixin:
    """Gives every translated field its fill status and the translator's view."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, TranslationField):
            field.translation = (
                db_field.translated_field.name,
                db_field.language,
                isinstance(db_field, RichTextField),
            )
            field.bound_field_class = TranslatedBoundField
        return field

    # A translator opens what they translate, and everything but its texts is read-only.

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or translates_only(
            request.user, self.model
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if translates_only(request.user, self.model):
            readonly += [name for name in other_fields(self.model) if name not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        # A field made read-only above has no form field to fill in.
        readonly = self.get_readonly_fields(request, obj)
        return {
            name: sources
            for name, sources in super().get_prepopulated_fields(request, obj).items()
            if name not in readonly
        }


class TranslatorRules:
    """Read-only fields are left out of the form; a save checks the rule again all the same."""

    def save_model(self, request, obj, form, change):
        check_texts_only(user=request.user, model=self.model, changed=form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed():
                check_texts_only(
                    user=request.user, model=formset.model, changed=inline_form.changed_data
                )
        super().save_formset(request, form, formset, change)


class TranslatedFormAdmin(TranslatorRules, TranslatedFieldsMixin, TranslationAdmin):
    """A model admin whose form has one language switch for all its fields and inlines."""

    change_form_template = "admin/translated_change_form.html"

    class Media:
        css = {"all": ["css/admin-languages.css"]}
        js = ["js/admin-languages.js"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # The class is made afresh for each request by modelform_factory.
        form.translator_view = translator_view(request)
        return form

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "content-language/",
                self.admin_site.admin_view(require_POST(self.content_language_view)),
                name=f"{opts.app_label}_{opts.model_name}_content_language",
            ),
            *super().get_urls(),
        ]

    def content_language_view(self, request):
        """Remembers which language's fields this editor wants to see (sent by the switch)."""
        language = request.POST.get("content_language", "")
        if language not in EditorPreference.ContentLanguage.values:
            return HttpResponseBadRequest(_("Unknown language of the fields."))
        EditorPreference.objects.update_or_create(
            user=request.user, defaults={"content_language": language}
        )
        return HttpResponse(status=204)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        view = translator_view(request)
        if view is None or not isinstance(obj, TranslationSources):
            return fieldsets
        stale = {
            build_localized_fieldname(field, code)
            for field, status in obj.text_statuses(view.target).items()
            if status == TranslationStatus.STALE
            for code, _name in settings.LANGUAGES
        }
        if not stale:
            return fieldsets
        # The translator's view offers the stale fields first, in a fieldset of their own.
        first, rest = [], []
        for name, options in fieldsets:
            first += [field for field in options["fields"] if field in stale]
            fields = [field for field in options["fields"] if field not in stale]
            if fields:
                rest.append((name, {**options, "fields": fields}))
        return [
            (
                _("Changed in the original since it was translated"),
                {"fields": first, "classes": ["mt-stale-first"]},
            ),
            *rest,
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["content_language_switch"] = self._switch_context(request)
        if view := translator_view(request):
            context["translations_to_check"] = self._to_check(context, view.target)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _to_check(self, context, language):
        """The stale translations of the form and its inlines, then the missing ones."""
        parts = [(None, context["adminform"].form)]
        for inline in context.get("inline_admin_formsets", []):
            parts += [(number, form) for number, form in enumerate(inline.formset.forms, 1)]
        found = {TranslationStatus.STALE: [], TranslationStatus.MISSING: []}
        for number, form in parts:
            instance = form.instance
            if not isinstance(instance, TranslationSources) or instance.pk is None:
                continue
            for field, status in instance.text_statuses(language).items():
                column = build_localized_fieldname(field, language)
                if status not in found or column not in form.fields:
                    continue
                label = capfirst(instance._meta.get_field(field).verbose_name)
                if number is not None:
                    label = _("%(part)s %(number)d: %(field)s") % {
                        "part": capfirst(instance._meta.verbose_name),
                        "number": number,
                        "field": label,
                    }
                found[status].append(
                    {"label": label, "status": status, "anchor": form[column].auto_id}
                )
        return found[TranslationStatus.STALE] + found[TranslationStatus.MISSING]

    def _switch_context(self, request):
        opts = self.model._meta
        languages = list(settings.LANGUAGES)
        view = translator_view(request)
        if view is None and ("from" in request.GET or "translate" in request.GET):
            self.message_user(
                request,
                _("Choose two different languages for the translator's view."),
                messages.WARNING,
            )
        kept = [(k, v) for k, v in request.GET.items() if k not in {"from", "translate"}]
        codes = [code for code, _name in languages]
        return {
            "languages": languages,
            "chosen": (
                EditorPreference.objects.filter(user=request.user)
                .values_list("content_language", flat=True)
                .first()
                or EditorPreference.ContentLanguage.ALL
            ),
            "preference_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_content_language"
            ),
            "translator": view,
            "source": view.source if view else codes[0],
            "target": view.target if view else codes[1],
            "kept_query": kept,
            "leave_url": request.path + (f"?{urlencode(kept)}" if kept else ""),
        }


class TranslatedInlineMixin(TranslatedFieldsMixin):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The form class is made afresh for each request by the formset factory.
        formset.form.translator_view = translator_view(request)
        return formset


class TranslatedStackedInline(TranslatedInlineMixin, TranslationStackedInline):
    pass


class TranslatedTabularInline(TranslatedInlineMixin, TranslationTabularInline):
    pass
