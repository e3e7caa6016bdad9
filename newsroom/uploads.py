"""Image uploads: only real images, small enough, with their metadata removed.

A photo straight from a phone carries EXIF data (GPS position, device serial,
time): for people at risk that is a leak, so every upload is re-encoded.
"""

import uuid
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def validate_image_file(file):
    if getattr(file, "_committed", False):
        return  # Stored already, so checked when it was uploaded.
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
        if not file or file._committed:
            return super().pre_save(model_instance, add)
        file.file, extension = without_metadata(file.file)
        # The name from the editor's computer can say who or where
        # ("IMG_20220110_Ivanova.jpg"): readers get a random one.
        file.name = f"{uuid.uuid4().hex}.{extension}"
        # The dimensions read on upload are the original's, before it was
        # turned upright, and Django reads them again from the spent upload.
        width, height = get_image_dimensions(file.file)
        value = super().pre_save(model_instance, add)
        if self.width_field:
            setattr(model_instance, self.width_field, width)
        if self.height_field:
            setattr(model_instance, self.height_field, height)
        return value


# Widths offered to browsers in srcset; an image is never enlarged, so a
# narrower one gets its own width as the largest rendition.
RENDITION_WIDTHS = (480, 960, 1600)
# Browsers that cannot show WebP get the original's own format, except that a
# WebP original falls back to JPEG (flattened onto white if transparent). A PNG
# is usually a map, a chart or a logo: its fallback stays PNG, keeping sharp
# text and transparency, and the WebP renditions keep the transparency too.
FALLBACK_FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "JPEG"}


def rendition_widths(width):
    return sorted({min(candidate, width) for candidate in RENDITION_WIDTHS})


def rendition_height(width, height, rendition_width):
    """The height of the copy `rendition_width` wide of an image width × height."""
    if rendition_width == width:
        return height
    return max(1, round(height * rendition_width / width))


def fallback_format(name):
    return FALLBACK_FORMATS[name.rsplit(".", 1)[-1].lower()]


def rendition_name(name, width, image_format):
    """'images/2024/ab12.jpg' at 480 px in WebP: 'images/2024/ab12-480w.webp'."""
    stem = name.rsplit(".", 1)[0]
    return f"{stem}-{width}w.{ALLOWED_FORMATS[image_format]}"


def rendition_names(name, width):
    """Every rendition of the stored image `name`, whose width is `width`, by format."""
    formats = ["WEBP", fallback_format(name)]
    return {
        image_format: [(rendition_name(name, w, image_format), w) for w in rendition_widths(width)]
        for image_format in formats
    }


def _encoded(image, image_format):
    if image_format == "JPEG" and image.mode != "RGB":
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image_format == "WEBP" and image.mode not in {"RGB", "RGBA"}:
        image = image.convert(
            "RGBA" if "transparency" in image.info or "A" in image.mode else "RGB"
        )
    # Nothing of the original's metadata may ride along into a copy.
    image.info = {}
    options = {"PNG": {"optimize": True}}.get(image_format, {"quality": 82})
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue())


def make_renditions(storage, name):
    """Write the srcset renditions of the stored, cleaned image `name`.

    Returns its (width, height). Existing renditions of the same name are
    replaced, so running this again is harmless.
    """
    with storage.open(name, "rb") as file, Image.open(file) as original:
        original.load()
    width, height = original.size
    for image_format, renditions in rendition_names(name, width).items():
        for rendition, rendition_width in renditions:
            if rendition_width == width:
                resized = original.copy()
            else:
                size = (rendition_width, rendition_height(width, height, rendition_width))
                resized = original.resize(size, Image.Resampling.LANCZOS)
            if storage.exists(rendition):
                storage.delete(rendition)
            storage.save(rendition, _encoded(resized, image_format))
    return width, height


def delete_with_renditions(storage, name, width):
    for renditions in rendition_names(name, width).values():
        for rendition, _width in renditions:
            storage.delete(rendition)
    storage.delete(name)


def validate_touch_icon(file):
    """The icon a phone puts on its home screen: a square PNG, 180 pixels or more."""
    if getattr(file, "_committed", False):
        return
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return  # validate_image_file says what is wrong.
    finally:
        file.seek(0)
    if image_format != "PNG" or width != height or width < 180:
        raise ValidationError(_("Upload a square PNG image, at least 180 × 180 pixels."))
