"""The admin's translated forms: one language switch per form and a translator's view.

Every translated field is shown once per language (modeltranslation's plain
TranslationAdmin, no per-field tabs). A bar above the form shows one
language's fields, or all of them stacked, which is also what a browser
without JavaScript sees; the choice is kept per editor (EditorPreference).
Each field says which languages are written, and `?from=be&translate=ru`
shows the source language's text beside the target language's fields.
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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.fields import TranslationField

from .i18n import is_written
from .models import EditorPreference
from .richtext import RichTextField, sanitize_html


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


class TranslatedBoundField(BoundField):
    """A language's widget, followed by which languages of the field are written.

    In the translator's view the target language's widget gets the source
    language's text beside it, read-only.
    """

    def __str__(self):
        base, language, rich = self.field.translation
        html = super().__str__()
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

    def _fill_status(self, base, language):
        names = dict(settings.LANGUAGES)
        items = []
        for code in names:
            written = is_written(self._value_of(f"{base}_{code}"))
            title_written = _("%(language)s: written") % {"language": names[code]}
            title_empty = _("%(language)s: empty") % {"language": names[code]}
            items.append(
                (
                    code,
                    "true" if written else "false",
                    title_written,
                    title_empty,
                    title_written if written else title_empty,
                    code.upper(),
                    "✓" if written else "–",
                )
            )
        return format_html(
            '<span class="mt-status" data-mt-field="{}" data-mt-lang="{}">{}</span>',
            base,
            language,
            format_html_join(
                " ",
                '<span class="mt-status-language" data-language="{}" data-written="{}" '
                'data-title-written="{}" data-title-empty="{}" title="{}">{} '
                '<span class="mt-mark">{}</span></span>',
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


class TranslatedFormAdmin(TranslatedFieldsMixin, TranslationAdmin):
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

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["content_language_switch"] = self._switch_context(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

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
