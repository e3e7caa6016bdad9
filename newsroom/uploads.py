"""Image uploads: only real images, small enough, with their metadata removed.

A photo straight from a phone carries EXIF data (GPS position, device serial,
time): for people at risk that is a leak, so every upload is re-encoded.
"""

import uuid
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def validate_image_file(file):
    if file.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("This image is %(size)s; the limit is %(limit)s. Please resize it.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
            }
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(
            _("This file is not an image that can be opened. Upload a JPEG, PNG or WebP.")
        ) from error
    finally:
        file.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP image."))
    if width * height > MAX_PIXELS:
        raise ValidationError(_("This image has too many pixels. Please resize it."))


def without_metadata(file):
    """Re-encode an uploaded image so no EXIF, GPS or comments survive.

    Returns the new content and the file extension of its format.
    """
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        image = ImageOps.exif_transpose(image)
        # Pillow writes a JPEG's comment back into the copy unless it is dropped.
        image.info.pop("comment", None)
        if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
            image = image.convert("RGB")
        buffer = BytesIO()
        options = {"quality": 85, "optimize": True} if image_format == "JPEG" else {}
        image.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue()), ALLOWED_FORMATS[image_format]


class CleanImageField(models.ImageField):
    """An ImageField that validates uploads and strips their metadata."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_file])
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file, extension = without_metadata(file.file)
            # The name from the editor's computer can say who or where
            # ("IMG_20220110_Ivanova.jpg"): readers get a random one.
            file.name = f"{uuid.uuid4().hex}.{extension}"
        return super().pre_save(model_instance, add)
