"""Tags as editors type them: every tag needs an address readers can open."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from taggit.models import Tag
from taggit.utils import _parse_tags


def parse_tags(tagstring):
    """taggit's parser, refusing tags whose address would be empty ("🙂", "#")."""
    names = _parse_tags(tagstring)
    # taggit's own slugify, so the check and the stored slug cannot disagree.
    unusable = [name for name in names if not Tag().slugify(name)]
    if unusable:
        raise ValidationError(
            _("These tags need at least one letter or digit: %(tags)s")
            % {"tags": ", ".join(unusable)}
        )
    return names
