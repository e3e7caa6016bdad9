import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, PngImagePlugin

from newsroom.models import Image as LibraryImage
from newsroom.uploads import validate_image_file
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def jpeg_from_a_phone(size=(64, 48), orientation=None):
    """A JPEG with what a phone adds: maker, model, GPS position, a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12 serial 0042"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 54.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (27.0, 33.0, 0.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "JPEG", exif=exif, comment=b"Minsk flat 12")
    return buffer.getvalue()


def png_with_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "Minsk flat 12")
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def gif():
    buffer = io.BytesIO()
    Image.new("P", (16, 16)).save(buffer, "GIF")
    return buffer.getvalue()


def stored_image(library_image):
    library_image.refresh_from_db()
    with library_image.file.open("rb") as file:
        data = file.read()
    return data, Image.open(io.BytesIO(data))


def test_photo_from_a_phone_really_carries_location_data():
    """The other tests mean something only if the sample photo has what they remove."""
    image = Image.open(io.BytesIO(jpeg_from_a_phone()))

    assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert image.getexif()[ExifTags.Base.Make] == "PhoneMaker"


def test_location_and_device_data_are_removed_from_an_uploaded_jpeg():
    image = ImageFactory(file=SimpleUploadedFile("photo.jpg", jpeg_from_a_phone(), "image/jpeg"))

    data, image = stored_image(image)

    assert image.format == "JPEG"
    assert image.size == (64, 48)
    assert not image.getexif()
    assert b"Exif" not in data
    assert b"PhoneMaker" not in data
    assert b"Minsk flat 12" not in data


def test_photo_taken_sideways_is_stored_upright_once_its_orientation_tag_is_gone():
    image = ImageFactory(file=SimpleUploadedFile("photo.jpg", jpeg_from_a_phone(orientation=6)))

    _data, image = stored_image(image)

    assert image.size == (48, 64)


def test_text_chunks_are_removed_from_an_uploaded_png():
    image = ImageFactory(file=SimpleUploadedFile("map.png", png_with_text(), "image/png"))

    data, image = stored_image(image)

    assert image.format == "PNG"
    assert b"Minsk flat 12" not in data


def test_uploaded_file_name_says_nothing_about_the_editors_computer():
    image = ImageFactory(
        file=SimpleUploadedFile("IMG_20220110_Ivanova_Kalinouskaha_12.png", png_with_text())
    )

    name = image.file.name.rsplit("/", 1)[-1]

    assert "Ivanova" not in name and "20220110" not in name
    assert name.endswith(".png")


def test_jpeg_named_png_is_stored_with_the_extension_of_its_real_format():
    image = ImageFactory(file=SimpleUploadedFile("photo.png", jpeg_from_a_phone()))

    assert image.file.name.endswith(".jpg")


def test_file_that_is_not_an_image_is_refused_even_when_named_jpg():
    with translation.override("en"), pytest.raises(ValidationError, match="not an image"):
        validate_image_file(SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is a program"))


def test_gif_is_refused():
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="Upload a JPEG, PNG or WebP image"),
    ):
        validate_image_file(SimpleUploadedFile("moving.gif", gif()))


def test_image_over_the_size_limit_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100

    with translation.override("en"), pytest.raises(ValidationError, match="the limit is 100"):
        validate_image_file(SimpleUploadedFile("photo.jpg", jpeg_from_a_phone()))


def upload_image(admin_client, admin_form_data, upload, **fields):
    data = admin_form_data(admin_client.get("/admin/newsroom/image/add/"))
    data.update({"alt_be": "Фота", "file": upload, **fields})
    return admin_client.post("/admin/newsroom/image/add/", data)


def test_admin_refuses_a_non_image_named_jpg_with_a_message(admin_client, admin_form_data):
    upload = SimpleUploadedFile("photo.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg")

    response = upload_image(admin_client, admin_form_data, upload)

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert "Upload a valid image" in response.content.decode()
    assert not LibraryImage.objects.exists()


def test_admin_refuses_a_gif_with_a_message(admin_client, admin_form_data):
    response = upload_image(
        admin_client, admin_form_data, SimpleUploadedFile("moving.gif", gif(), "image/gif")
    )

    assert response.status_code == 200
    assert "Upload a JPEG, PNG or WebP image." in response.content.decode()
    assert not LibraryImage.objects.exists()


def test_admin_asks_for_a_description_of_the_image(admin_client, admin_form_data):
    upload = SimpleUploadedFile("photo.jpg", jpeg_from_a_phone(), "image/jpeg")

    response = upload_image(admin_client, admin_form_data, upload, alt_be="")

    assert response.status_code == 200
    assert "Describe the image for readers who cannot see it, in at least one language" in (
        response.content.decode()
    )
    assert not LibraryImage.objects.exists()


def test_photo_uploaded_in_the_admin_is_stored_without_location_data(admin_client, admin_form_data):
    upload = SimpleUploadedFile("photo.jpg", jpeg_from_a_phone(), "image/jpeg")

    response = upload_image(admin_client, admin_form_data, upload)

    assert response.status_code == 302
    data, image = stored_image(LibraryImage.objects.get())
    assert not image.getexif()
    assert b"PhoneMaker" not in data


def test_decompression_bomb_is_refused_as_an_image_that_cannot_be_opened():
    # 20000 x 10000 pixels of one colour: a few kilobytes that would take
    # hundreds of megabytes of memory to open.
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, format="PNG")

    with translation.override("en"), pytest.raises(ValidationError, match="not an image"):
        validate_image_file(SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png"))
