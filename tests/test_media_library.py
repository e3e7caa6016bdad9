import datetime
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from PIL import Image as PILImage

from digests.models import Digest
from newsroom.models import Image
from tests.factories import DigestFactory, ImageFactory, SectionFactory
from tests.test_uploads import jpeg_from_a_phone

pytestmark = pytest.mark.django_db

ADD_IMAGE = "/admin/newsroom/image/add/"
ADD_DIGEST = "/admin/digests/digest/add/"
LANGUAGES = ["be", "ru", "en"]


def png_with_transparency(size=(800, 400)):
    buffer = io.BytesIO()
    PILImage.new("RGBA", size, (0, 0, 255, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def stored(name):
    with default_storage.open(name, "rb") as file:
        data = file.read()
    return data, PILImage.open(io.BytesIO(data))


def files_of(image):
    names = [image.file.name]
    for image_format in ("WEBP", image.fallback_format):
        names += [name for name, _width in image.renditions(image_format)]
    return names


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_uploads_an_image_in_the_popup_of_the_digest_form(
    admin_client, admin_form_data, language
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    url = f"{ADD_IMAGE}?_to_field=id&_popup=1"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "_popup": "1",
            "_to_field": "id",
            "file": SimpleUploadedFile("IMG_0042.jpg", jpeg_from_a_phone((2000, 1000))),
            "alt_be": "Акцыя салідарнасці ў Вільні",
            "credit": "Фота: офіс",
        }
    )

    response = admin_client.post(url, data)

    image = Image.objects.get()
    assert response.status_code == 200
    assert "admin/popup_response.html" in [t.name for t in response.templates]
    assert json.loads(response.context["popup_response_data"])["value"] == str(image.pk)
    assert (image.width, image.height, image.credit) == (2000, 1000, "Фота: офіс")


def test_digest_form_offers_upload_but_neither_change_nor_delete_of_the_shared_cover(
    admin_client,
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "be"
    digest = DigestFactory(cover=ImageFactory())

    response = admin_client.get(f"/admin/digests/digest/{digest.pk}/change/")

    page = response.content.decode()
    assert 'id="add_id_cover"' in page
    assert 'id="change_id_cover"' not in page
    assert 'id="delete_id_cover"' not in page
    assert 'id="delete_id_sections-0-image"' not in page
    assert 'data-ajax--url="/admin/autocomplete/"' in page


def test_cover_fieldset_is_open(admin_client):
    response = admin_client.get(ADD_DIGEST)

    (cover,) = [f for f in response.context["adminform"] if f.name == "Cover"]
    assert "collapse" not in cover.classes


@pytest.mark.parametrize("language", ["be", "ru"])
def test_failed_digest_submit_keeps_the_chosen_cover(admin_client, admin_form_data, language):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    image = ImageFactory(alt_be="Шэсце з бел-чырвона-белым сцягам")
    data = admin_form_data(admin_client.get(ADD_DIGEST))
    data.update(
        {
            "period_start": "2022-01-23",
            "period_end": "2022-01-10",
            "status": "draft",
            "headline_be": "Галоўная навіна",
            "cover": str(image.pk),
        }
    )

    response = admin_client.post(ADD_DIGEST, data)

    assert response.status_code == 200
    assert "period_end" in response.context["adminform"].form.errors
    chosen = rf'<select name="cover"[^>]*>(?:(?!</select>).)*<option value="{image.pk}" selected>'
    assert re.search(chosen, response.content.decode(), re.DOTALL)
    assert not Digest.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("be", "Апішыце выяву для чытачоў, якія не могуць яе бачыць"),
        ("ru", "Опишите изображение для читателей, которые не могут его видеть"),
        ("en", "Describe the image for readers who cannot see it"),
    ],
)
def test_image_without_any_description_is_refused_with_a_message(
    admin_client, admin_form_data, language, message
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    data = admin_form_data(admin_client.get(ADD_IMAGE))
    data["file"] = SimpleUploadedFile("photo.jpg", jpeg_from_a_phone())

    response = admin_client.post(ADD_IMAGE, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_description_in_any_one_language_is_enough():
    image = ImageFactory(alt_be="", alt_en="", alt_ru="Шествие")

    image.full_clean()


def test_database_refuses_an_image_without_any_description():
    with pytest.raises(IntegrityError):
        ImageFactory(alt_be="", alt_en=None)


def test_renditions_are_made_at_upload_in_webp_and_jpeg_without_metadata():
    image = ImageFactory(file=SimpleUploadedFile("photo.jpg", jpeg_from_a_phone((2000, 1000))))

    for image_format, extension in (("WEBP", "webp"), ("JPEG", "jpg")):
        renditions = image.renditions(image_format)
        assert [width for _name, width in renditions] == [480, 960, 1600]
        for name, width in renditions:
            data, rendition = stored(name)
            assert name.endswith(f"-{width}w.{extension}")
            assert name.startswith(image.file.name.rsplit(".", 1)[0])
            assert rendition.format == image_format
            assert rendition.size == (width, width // 2)
            assert not rendition.getexif()
            assert b"PhoneMaker" not in data and b"Minsk flat 12" not in data


def test_a_small_image_is_never_enlarged():
    image = ImageFactory(file=SimpleUploadedFile("photo.jpg", jpeg_from_a_phone((300, 200))))

    assert image.renditions("WEBP") == [(image.renditions("WEBP")[0][0], 300)]
    assert stored(image.renditions("JPEG")[0][0])[1].size == (300, 200)


def test_transparent_png_keeps_its_transparency_in_webp_and_png():
    image = ImageFactory(file=SimpleUploadedFile("logo.png", png_with_transparency()))

    assert image.fallback_format == "PNG"
    for image_format in ("WEBP", "PNG"):
        name, width = image.renditions(image_format)[0]
        _data, rendition = stored(name)
        assert (rendition.format, width) == (image_format, 480)
        assert rendition.mode == "RGBA"
        assert rendition.getpixel((0, 0))[3] == 0


def test_sideways_photo_is_measured_upright():
    image = ImageFactory(
        file=SimpleUploadedFile("photo.jpg", jpeg_from_a_phone((64, 48), orientation=6))
    )

    assert (image.width, image.height) == (48, 64)


def test_digest_page_shows_the_cover_with_srcset_width_and_height(client):
    cover = ImageFactory(
        file=SimpleUploadedFile("photo.jpg", jpeg_from_a_phone((2000, 1000))),
        alt_be="",
        alt_ru="",
        alt_en="A march with white-red-white flags",
        credit="Photo: the office",
    )
    digest = DigestFactory(published=True, cover=cover)
    SectionFactory(digest=digest, image=ImageFactory(alt_be="Мапа"))

    page = client.get(f"/be{digest.get_absolute_url()[3:]}").content.decode()

    stem = cover.file.url.rsplit(".", 1)[0]
    assert (
        f'<source type="image/webp" srcset="{stem}-480w.webp 480w, {stem}-960w.webp 960w, '
        f'{stem}-1600w.webp 1600w"' in page
    )
    assert f'src="{stem}-960w.jpg" srcset="{stem}-480w.jpg 480w,' in page
    assert 'width="2000" height="1000" alt="A march with white-red-white flags" lang="en"' in page
    assert "sizes=" in page
    assert "Photo: the office" in page
    assert 'width="640" height="480" alt="Мапа" loading="lazy"' in page


def test_replaced_file_and_its_renditions_are_removed_once_the_change_is_saved(
    admin_client, admin_form_data, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    old_files = files_of(image)
    url = f"/admin/newsroom/image/{image.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["file"] = SimpleUploadedFile("new.jpg", jpeg_from_a_phone((800, 600)))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    image.refresh_from_db()
    assert response.status_code == 302
    assert not any(default_storage.exists(name) for name in old_files)
    assert all(default_storage.exists(name) for name in files_of(image))


def test_deleted_image_takes_its_files_with_it(django_capture_on_commit_callbacks):
    image = ImageFactory()
    names = files_of(image)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert names and not any(default_storage.exists(name) for name in names)


def test_images_deleted_from_the_library_list_take_their_files_with_them(
    admin_client, django_capture_on_commit_callbacks
):
    images = ImageFactory.create_batch(2)
    names = [name for image in images for name in files_of(image)]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/newsroom/image/",
            {
                "action": "delete_selected",
                "_selected_action": [image.pk for image in images],
                "post": "yes",
            },
        )

    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_image_used_by_a_digest_cannot_be_deleted_and_keeps_its_files(
    django_capture_on_commit_callbacks,
):
    image = ImageFactory()
    DigestFactory(published=True, cover=image)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ProtectedError):
        image.delete()

    assert all(default_storage.exists(name) for name in files_of(image))


def test_file_another_image_still_uses_is_kept(django_capture_on_commit_callbacks):
    image = ImageFactory()
    twin = Image.objects.create(
        file=image.file.name, width=image.width, height=image.height, alt_be="Копія"
    )

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert all(default_storage.exists(name) for name in files_of(twin))


def test_nothing_is_removed_when_the_deletion_is_rolled_back(django_capture_on_commit_callbacks):
    image = ImageFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image.delete()

    # The removal waits for the commit (beside the page cache's bump), so a
    # rollback keeps the files.
    assert [c.__qualname__ for c in callbacks if "remove_files" in c.__qualname__] == [
        "Image.remove_files_when_unused.<locals>.remove"
    ]
    assert all(default_storage.exists(name) for name in files_of(image))


@pytest.mark.django_db(transaction=True)
def test_migration_moves_an_existing_cover_into_the_library():
    old = [("digests", "0007_tags_per_language"), ("newsroom", "0004_copy_taggit_tags")]
    executor = MigrationExecutor(connection)
    executor.migrate(old)
    OldDigest = executor.loader.project_state(old).apps.get_model("digests", "Digest")
    buffer = io.BytesIO()
    PILImage.new("RGB", (1000, 500), "red").save(buffer, "JPEG")
    name = default_storage.save("digests/2022/0123abcd.jpg", ContentFile(buffer.getvalue()))
    OldDigest.objects.create(
        period_start="2022-01-10",
        period_end="2022-01-23",
        slug="digest-2022-01-10-23",
        cover_image=name,
        cover_alt="Шэсце",
        cover_alt_be="Шэсце",
        cover_alt_en="A march",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    digest = Digest.objects.select_related("cover").get()
    assert digest.cover.file.name == name
    assert (digest.cover.alt_be, digest.cover.alt_en) == ("Шэсце", "A march")
    assert (digest.cover.width, digest.cover.height) == (1000, 500)
    assert default_storage.exists("digests/2022/0123abcd-960w.webp")
    assert default_storage.exists("digests/2022/0123abcd-480w.jpg")


def test_cleanup_media_removes_only_files_no_image_uses(monkeypatch):
    monkeypatch.setattr("newsroom.management.commands.cleanup_media.GRACE", datetime.timedelta(0))
    image = ImageFactory()
    stray = default_storage.save("digests/2022/left-behind.jpg", ContentFile(b"old cover"))
    output = io.StringIO()

    call_command("cleanup_media", stdout=output)

    assert f"unused: {stray}" in output.getvalue()
    assert default_storage.exists(stray)

    call_command("cleanup_media", "--delete", stdout=io.StringIO())

    assert not default_storage.exists(stray)
    assert all(default_storage.exists(name) for name in files_of(image))


def test_cleanup_media_leaves_an_upload_that_is_still_being_saved():
    stray = default_storage.save("images/2026/just-now.jpg", ContentFile(b"new"))

    call_command("cleanup_media", "--delete", stdout=io.StringIO())

    assert default_storage.exists(stray)
