"""A digest as schema.org describes news: for search engines and link previews."""

from django.utils import timezone
from django.utils.translation import get_language

from newsroom import sharing


def news_article(digest, *, request, site):
    """The NewsArticle of a published digest's page, in the page's language."""
    url = request.build_absolute_uri(digest.get_absolute_url())
    published = timezone.localtime(digest.published_at).replace(microsecond=0)
    # A digest scheduled after its last save was changed no later than it appeared.
    modified = max(timezone.localtime(digest.updated_at).replace(microsecond=0), published)
    data = {
        "@type": "NewsArticle",
        "headline": digest.title_with_year,
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": get_language(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": sharing.organization(site, request),
    }
    if digest.headline:
        data["description"] = digest.headline
    if image := sharing.share_image(digest.cover or site.sharing_image, request):
        data["image"] = sharing.image_object(image)
    return data
