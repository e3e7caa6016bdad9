"""A digest's article, rendered once per language and kept.

The article's header (title, dates, headline, cover, lead), activity list,
table of contents, sections, closing call and tags are most of a digest page
and most of the time it takes to render: dozens of sections, each with its
fallback notices, tags, campaign, meetings and image. (They are called "the
sections" below; digests/includes/article.html.) Their HTML in each language is
kept in a SectionsRendering row, and the page reads that one row instead,
for as long as it is current; otherwise the page renders them itself and keeps
the result for the next reader. The write path renders them as soon as a
digest is saved (digests/services.py), so that the first reader after a
publication finds them ready; the page cache (newsroom/caching.py) is empty
then, and every page rendered again.

A rendering is current when it was rendered

- from the digest's present contents_version: every write that changes what
  the sections show gives the digest a new one in the same transaction
  (the receivers below: the digest itself, its tags and cover; sections,
  their tags, campaigns, meetings and their topics, images; the activity
  list's entries and their action items; any other public model not known to
  be left out gives every digest a new one),
  and a save of a digest read before cannot put an old one back
  (Digest.save());
- by the present code: code_version() hashes the templates, the project's
  Python code and catalogues, the settings and packages that shape the HTML,
  so that after a deploy that changes any of them every digest is rendered
  again (by its first reader, or by `manage.py render_digests`).

A reader's render racing an editor's save cannot keep old sections as
current: the page reads the digest (and its contents_version) before the
sections, so sections read before the save are kept under the version
before it. The page reads the kept rendering in the digest's own query,
matched to the contents_version of the very row it reads (find_published()).
"""

import datetime
import functools
import hashlib
import importlib.metadata
import logging
import secrets

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction
from django.db.models import Func, OuterRef, Q, Subquery, TextField
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from campaigns.models import ActionItem, Campaign, MeetingTopic, PartnerMeeting
from newsroom.models import Image, Tag, TaggedItem
from newsroom.prepared import Prepared

from .models import (
    Digest,
    DigestAction,
    Section,
    SectionsRendering,
    new_contents_version,
    prefetch_digest_parts,
    prefetch_sections,
)

logger = logging.getLogger(__name__)

TEMPLATE = "digests/includes/article.html"

# What shapes the HTML besides the content.
CODE_DIRECTORIES = ["templates", "newsroom", "digests", "campaigns", "locale"]
CODE_SUFFIXES = {".html", ".py", ".mo"}
PACKAGES = ["django", "django-modeltranslation", "django-taggit", "django-countries", "nh3"]

# Public models whose rows the sections never show: a change to one leaves the
# renderings as they are. A public model neither here nor in _digests_showing()
# changes every digest, so that a new model is safe before anyone thinks of it.
CONTENT_APPS = {"newsroom", "campaigns", "digests", "taggit"}
LEFT_OUT = {
    "digests.formeraddress",
    "digests.previewlink",
    "digests.sectionsrendering",
    "campaigns.campaignlink",
    "campaigns.partnermeeting_campaigns",
    "campaigns.partnermeeting_representatives",
    "newsroom.auditentry",
    "newsroom.editorpreference",
    "newsroom.loginfailures",
    "newsroom.person",
    "newsroom.sitesettings",
    "newsroom.sociallink",
    "newsroom.staffsession",
}
ALL = object()


@functools.cache
def code_version():
    """A hash of everything besides the content that the kept HTML depends on."""
    digest = hashlib.sha256()
    for directory in CODE_DIRECTORIES:
        root = settings.BASE_DIR / directory
        for path in sorted(root.rglob("*")):
            if path.suffix in CODE_SUFFIXES and "migrations" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    for package in PACKAGES:
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    digest.update(repr((settings.LANGUAGES, settings.LANGUAGE_CODE, settings.MEDIA_URL)).encode())
    return digest.hexdigest()


def find_published(slug):
    """The published digest at `slug`, with its cover, its neighbours' links and its
    kept sections, or None.

    One query: the sections are those kept in the page's language for the
    contents_version of the very row read (`digest.kept_sections`, None when
    there are none current), for article_html().
    """
    found = _published_with_sections(
        slug=slug, now=timezone.now(), language=translation.get_language(), code=code_version()
    )
    return found[0] if found else None


def article_html(digest, *, keep=True):
    """The digest's article (render_article()) in the page's language.

    The kept rendering when it is current, else rendered now (and kept, with
    `keep`). `digest` must have been read from the database before this call.
    """
    language = translation.get_language()
    if "kept_sections" in digest.__dict__:
        kept, sha256 = digest.kept_sections, digest.kept_sections_sha256
    else:
        found = SectionsRendering.objects.filter(
            digest=digest,
            language=language,
            contents_version=digest.contents_version,
            code_version=code_version(),
        ).values_list("html", "html_sha256")
        kept, sha256 = found.first() or (None, None)
    if kept is None:
        kept = render(digest, language=language, version=digest.contents_version, keep=keep)
        sha256 = None
    data = kept if isinstance(kept, bytes) else kept.encode()
    # As the next reader will have it: the same bytes, the same ETag.
    return KeptArticle(data, sha256=sha256 or hashlib.sha256(data).hexdigest())


def _current(language, code):
    """The kept rendering of the digest of the outer query, current for its row."""
    return SectionsRendering.objects.filter(
        digest=OuterRef("pk"),
        language=language,
        contents_version=OuterRef("contents_version"),
        code_version=code,
    )


class Utf8(Func):
    """A text column as the bytes of its UTF-8 where the database hands them over as
    they are stored (SQLite's CAST AS BLOB), else the text itself.

    A 60-section article is 135 KB: decoded as it is read, then encoded again
    for the response, it cost about 0.15 ms of the page's 1.7. As bytes it goes
    into the response as it is (KeptArticleResponse). PostgreSQL's bytea
    would come hex-encoded, slower than the text.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="CAST(%(expressions)s AS BLOB)", **extra_context
        )


class KeptArticle:
    """A kept article as UTF-8 bytes, with their SHA-256 if known. In the template it
    shows as a marker that no content holds (a NUL, which no field keeps, and a secret
    of the process), which KeptArticleResponse replaces with the bytes."""

    MARKER = f"\x00kept-article-{secrets.token_hex(16)}\x00"

    def __init__(self, data, *, sha256=None):
        self.data = data
        self.sha256 = sha256

    def __html__(self):
        return self.MARKER

    def __str__(self):
        return self.MARKER


class KeptArticleResponse(TemplateResponse):
    """A page whose `article_html` may be a KeptArticle, put into its bytes unchanged.

    With the article's SHA-256 kept too, the page's own is made from it and the
    rest of the page (`content_fingerprint`, for newsroom.caching's ETag): 6 KB
    hashed rather than 135 KB.
    """

    @property
    def rendered_content(self):
        text = super().rendered_content
        kept = (self.context_data or {}).get("article_html")
        if not isinstance(kept, KeptArticle):
            return text
        before, marker, after = text.partition(KeptArticle.MARKER)
        if not marker or KeptArticle.MARKER in after:
            raise ImproperlyConfigured("The page's template must show article_html once.")
        if self.charset.lower().replace("-", "") != "utf8":
            return before + kept.data.decode() + after
        head, tail = before.encode(), after.encode()
        content = b"".join((head, kept.data, tail))
        if kept.sha256:
            # The head's length first: where the article starts is part of the page.
            parts = (len(head).to_bytes(8), head, kept.sha256.encode(), tail)
            self.content_fingerprint = (content, hashlib.sha256(b"".join(parts)).hexdigest())
        return content


# Every digest page reads it: its SQL is made once (newsroom/prepared.py).
_published_with_sections = Prepared(
    lambda slug, now, language, code: (
        Digest.objects.published(now=now)
        .filter(slug=slug)
        .select_related("cover")
        .with_neighbour_links(Digest.objects.published(now=now))
        .annotate(
            kept_sections=Subquery(_current(language, code).values_list(Utf8("html"))[:1]),
            kept_sections_sha256=Subquery(_current(language, code).values("html_sha256")[:1]),
        )[:1]
    ),
    slug=str,
    now=datetime.datetime,
    language=str,
    code=str,
)


def render(digest, *, language, version, keep=True):
    """Render the activity list and sections of `digest` in `language` and keep them
    under `version`."""
    with translation.override(language):
        sections = list(Section.objects.filter(digest=digest).for_page())
        prefetch_sections(sections, also_tags_of=[digest])
        prefetch_digest_parts([digest], sections=False)
        html = render_article(digest, sections)
    if keep:
        _keep(digest, language=language, version=version, html=html)
    return html


def render_article(digest, sections, *, is_preview=False):
    """The article of `digest` (its header, activity list, closing call, tags and offline
    link) with `sections` (read by Section.objects.for_page() and prefetch_sections())
    in the page's language. A preview's, whose digest may change any moment, is never
    kept and offers no offline copy."""
    context = {"digest": digest, "sections": sections, "is_preview": is_preview}
    return mark_safe(render_to_string(TEMPLATE, context).strip())  # noqa: S308


def _keep(digest, *, language, version, html):
    # A reader's request writes here: a database that refuses (locked, read
    # only) costs the next reader a render, never this reader the page.
    try:
        with transaction.atomic():
            SectionsRendering.objects.bulk_create(
                [
                    SectionsRendering(
                        digest_id=digest.pk,
                        language=language,
                        contents_version=version,
                        code_version=code_version(),
                        html=html,
                        html_sha256=hashlib.sha256(html.encode()).hexdigest(),
                        rendered_at=timezone.now(),
                    )
                ],
                update_conflicts=True,
                unique_fields=["digest", "language"],
                update_fields=[
                    "contents_version",
                    "code_version",
                    "html",
                    "html_sha256",
                    "rendered_at",
                ],
            )
    except DatabaseError:
        logger.warning("Could not keep the sections of digest %s in %s.", digest.pk, language)


def render_all(digests, *, only_stale=True):
    """Render and keep the sections of `digests` in every language; how many were rendered."""
    rendered = 0
    languages = [code for code, _name in settings.LANGUAGES]
    for digest in digests:
        current = set()
        if only_stale:
            current = set(
                SectionsRendering.objects.filter(
                    digest=digest,
                    contents_version=digest.contents_version,
                    code_version=code_version(),
                ).values_list("language", flat=True)
            )
        for language in languages:
            if language not in current:
                render(digest, language=language, version=digest.contents_version)
                rendered += 1
    return rendered


def render_after_commit(digest):
    """Once this transaction commits, render the sections of `digest` where they are stale."""

    def render_now():
        fresh = Digest.objects.filter(pk=digest.pk).first()
        if fresh is not None:
            render_all([fresh])

    transaction.on_commit(render_now, robust=True)


def contents_changed(digests):
    """What the sections of `digests` (pks, or a query of them) show has changed."""
    Digest.objects.filter(pk__in=digests).update(contents_version=new_contents_version())


def _section_type():
    return ContentType.objects.get_for_model(Section)


def _digest_type():
    return ContentType.objects.get_for_model(Digest)


def _digests_showing(instance):
    """The digests whose articles show `instance`: a query of their pks, ALL or None."""
    sections = None
    match instance:
        case Digest():
            return [instance.pk]
        case Section() | DigestAction():
            return [instance.digest_id]
        case ActionItem():
            # An entry shows its item's words and link until it is frozen.
            return DigestAction.objects.filter(action_item=instance).values("digest_id")
        case Campaign():
            sections = Section.objects.filter(campaign=instance)
        case PartnerMeeting():
            sections = Section.objects.filter(meetings=instance)
        case MeetingTopic():
            sections = Section.objects.filter(meetings=instance.meeting_id)
        case Image():
            # A cover, or a section's image.
            sections = Section.objects.filter(image=instance)
            return _either(Digest.objects.filter(cover=instance), sections)
        case Tag():
            tagged = TaggedItem.objects.filter(tag=instance)
            digests = tagged.filter(content_type=_digest_type()).values("object_id")
            sections = tagged.filter(content_type=_section_type()).values("object_id")
            return _either(
                Digest.objects.filter(pk__in=digests), Section.objects.filter(pk__in=sections)
            )
        case TaggedItem():
            if instance.content_type_id == _digest_type().pk:
                return [instance.object_id]
            if instance.content_type_id != _section_type().pk:
                return None
            sections = Section.objects.filter(pk=instance.object_id)
    if sections is not None:
        return sections.values("digest_id")
    return _by_model(type(instance))


def _either(digests, sections):
    """The pks of `digests` and of the digests of `sections`, as one query."""
    return Digest.objects.filter(
        Q(pk__in=digests.values("pk")) | Q(pk__in=sections.values("digest_id"))
    ).values("pk")


def _by_model(model):
    meta = model._meta
    if meta.app_label not in CONTENT_APPS or meta.label_lower in LEFT_OUT:
        return None
    return ALL


def _changed(digests):
    if digests is ALL:
        Digest.objects.update(contents_version=new_contents_version())
    elif digests is not None:
        contents_changed(digests)


def _is_current(model):
    # A migration's historical models write the tables as they were then.
    return model._meta.apps is global_apps


def _saved(sender, instance, **kwargs):
    if _is_current(sender):
        _changed(_digests_showing(instance))


def _deleting(sender, instance, **kwargs):
    # Before the rows that link a meeting or a tag to its sections go with it.
    if _is_current(sender):
        _changed(_digests_showing(instance))


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"} or not _is_current(sender):
        return
    if sender is Section.meetings.through or sender is TaggedItem:
        if isinstance(instance, Section):
            _changed([instance.digest_id])
        elif isinstance(instance, Digest):
            _changed([instance.pk])
        elif sender is TaggedItem:
            pass  # a tag's objects of other kinds; a digest's or section's come as one
        elif action == "pre_clear":
            _changed(Section.objects.filter(meetings=instance).values("digest_id"))
        else:
            _changed(Section.objects.filter(pk__in=pk_set).values("digest_id"))
        return
    _changed(_by_model(sender))


post_save.connect(_saved, dispatch_uid="sections_rendering_saved")
pre_delete.connect(_deleting, dispatch_uid="sections_rendering_deleting")
m2m_changed.connect(_links_changed, dispatch_uid="sections_rendering_links")
