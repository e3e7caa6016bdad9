"""Tags as editors type them: every tag needs an address readers can open."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.utils import _parse_tags
from unidecode import unidecode


def parse_tags(tagstring):
    """taggit's parser, refusing tags whose address would be empty ("🙂", "#")."""
    names = _parse_tags(tagstring)
    unusable = [name for name in names if not slugify(unidecode(name))]
    if unusable:
        raise ValidationError(
            _("These tags need at least one letter or digit: %(tags)s")
            % {"tags": ", ".join(unusable)}
        )
    return names
