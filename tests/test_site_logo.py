"""The site's SVG logo: only drawing survives the upload, and the header shows it."""

import datetime
import io
import os
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation
from PIL import Image

from newsroom.models import SiteSettings
from newsroom.svg import MAX_BYTES, UnsafeSVG, sanitise_svg, validate_svg_file
from tests.factories import SiteSettingsFactory

pytestmark = pytest.mark.django_db

HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' viewBox="0 0 100 40">'
)
LOGO = (
    HEAD + '<title>Office</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
    '</linearGradient></defs><rect width="100" height="40" fill="url(#g)"/>'
    '<use xlink:href="#g"/><text x="4" y="30" font-size="20">Навіны</text></svg>'
)


def svg(body):
    return (HEAD + body + "</svg>").encode()


def cleaned(body):
    return sanitise_svg(svg(body)).decode()


def test_a_plain_logo_keeps_its_drawing():
    result = sanitise_svg(LOGO.encode()).decode()

    assert 'viewBox="0 0 100 40"' in result
    assert 'fill="url(#g)"' in result
    assert 'xlink:href="#g"' in result
    assert "<title>Office</title>" in result
    assert ">Навіны</text>" in result


def test_a_script_is_removed():
    result = cleaned('<script>alert(1)</script><script xlink:href="http://evil.example/x.js"/>')

    assert "script" not in result
    assert "alert" not in result


def test_event_handlers_are_removed():
    result = sanitise_svg(
        HEAD.replace("<svg ", '<svg onload="alert(1)" ').encode()
        + b'<rect onclick="alert(2)" onmouseover="alert(3)" width="1" height="1"/></svg>'
    ).decode()

    assert not re.search(r"\son\w+=", result)
    assert "alert" not in result
    assert '<rect width="1" height="1"' in result


def test_a_javascript_link_is_removed_and_its_drawing_kept():
    result = cleaned('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>')
    result += cleaned('<use xlink:href="javascript:alert(1)"/>')

    assert "javascript" not in result
    assert "<a" not in result
    assert '<g><rect width="1" height="1" /></g>' in result


def test_references_to_other_sites_are_removed():
    result = cleaned(
        '<use href="http://evil.example/sprite.svg#logo"/>'
        '<use xlink:href="https://evil.example/sprite.svg#logo"/>'
        '<image href="http://evil.example/track.png" width="1" height="1"/>'
        '<rect fill="url(http://evil.example/p.svg#x)" width="1" height="1"/>'
    )

    assert "evil.example" not in result
    assert "<image" not in result


def test_style_that_fetches_is_removed():
    result = cleaned(
        '<rect style="fill: url(http://evil.example/a.svg#x)" width="1" height="1"/>'
        '<rect style="fill:#b3122b" width="2" height="2"/>'
        "<style>@import url(http://evil.example/a.css); rect { fill: red }</style>"
        "<style>rect { background: u\\72 l(http://evil.example/b.png) }</style>"
        "<style>.a { fill: url(#g) }</style>"
    )

    assert "evil.example" not in result
    assert 'style="fill:#b3122b"' in result
    assert "<style>.a { fill: url(#g) }</style>" in result


def test_foreign_object_is_removed_with_its_html():
    result = cleaned(
        '<foreignObject width="100" height="40"><div xmlns="http://www.w3.org/1999/xhtml">'
        '<iframe src="http://evil.example/"></iframe></div></foreignObject>'
    )

    assert "foreignObject" not in result
    assert "iframe" not in result


@pytest.mark.parametrize(
    "data",
    [
        # An entity bomb: each entity ten of the one before.
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>',
        # An external entity reading a file of the server.
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
    ids=["entity-bomb", "external-entity", "doctype"],
)
def test_a_doctype_or_an_entity_is_refused(data):
    with pytest.raises(UnsafeSVG):
        sanitise_svg(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n not really",
        b"<html><body>hello</body></html>",
        b'<svg viewBox="0 0 1 1"/>',  # no SVG namespace: no browser draws it as an image
        b"plain text",
        b"",
    ],
)
def test_a_file_that_is_not_svg_is_refused(data):
    with pytest.raises(UnsafeSVG):
        sanitise_svg(data)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This file is not an SVG image."),
        ("be", "Гэты файл не з'яўляецца выявай SVG."),
        ("ru", "Этот файл не является изображением SVG."),
    ],
)
def test_the_refusal_says_why_in_the_admin_language(language, message):
    upload = SimpleUploadedFile("logo.svg", b"<html/>", content_type="image/svg+xml")

    with translation.override(language), pytest.raises(ValidationError) as error:
        validate_svg_file(upload)

    assert message in str(error.value)


def test_a_logo_too_big_is_refused():
    upload = SimpleUploadedFile("logo.svg", svg("<desc>" + "x" * MAX_BYTES + "</desc>"))

    with translation.override("en"), pytest.raises(ValidationError, match="the limit is"):
        validate_svg_file(upload)


def site_settings_form(admin_client, admin_form_data):
    site = SiteSettings.load()
    url = f"/admin/newsroom/sitesettings/{site.pk}/change/"
    return site, url, admin_form_data(admin_client.get(url))


def test_the_admin_refuses_a_file_that_is_not_svg(admin_client, admin_form_data):
    site, url, data = site_settings_form(admin_client, admin_form_data)
    data["logo"] = SimpleUploadedFile("logo.svg", b"<html><script>alert(1)</script></html>")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "This file is not an SVG image." in response.content.decode()
    site.refresh_from_db()
    assert not site.logo


def test_the_admin_stores_the_cleaned_logo_under_a_new_name(admin_client, admin_form_data):
    site, url, data = site_settings_form(admin_client, admin_form_data)
    data["logo"] = SimpleUploadedFile(
        "Ivanova-office.svg",
        (LOGO[:-6] + '<script>alert(1)</script><rect onload="x()"/></svg>').encode(),
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    site.refresh_from_db()
    assert site.logo.name.startswith("site/") and site.logo.name.endswith(".svg")
    assert "Ivanova" not in site.logo.name
    with site.logo.open("rb") as file:
        stored = file.read().decode()
    assert "script" not in stored and "onload" not in stored
    assert 'viewBox="0 0 100 40"' in stored


def png(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_admin_refuses_a_home_screen_icon_that_is_not_square(admin_client, admin_form_data):
    site, url, data = site_settings_form(admin_client, admin_form_data)
    data["touch_icon"] = SimpleUploadedFile("icon.png", png((300, 180)))

    response = admin_client.post(url, data)

    assert "Upload a square PNG image, at least 180 × 180 pixels." in response.content.decode()


def header(client, path="/be/"):
    content = client.get(path).content.decode()
    return content, re.search(r'<header class="site-header">.*?</header>', content, re.S).group(0)


def test_without_a_logo_the_header_sets_the_site_name_as_the_wordmark(client):
    SiteSettingsFactory(site_name_be="Навіны офіса")

    content, top = header(client)

    assert '<span class="wordmark__name">Навіны офіса</span>' in top
    assert "<img" not in top
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in content
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in content


def test_with_a_logo_the_header_shows_it_as_an_image_named_for_the_site(client):
    site = SiteSettingsFactory(site_name_be="Навіны офіса")
    site.logo = SimpleUploadedFile("logo.svg", LOGO.encode())
    site.touch_icon = SimpleUploadedFile("icon.png", png((180, 180)))
    site.save()

    content, top = header(client)

    assert f'<img class="wordmark__logo" src="/media/{site.logo.name}" alt="Навіны офіса">' in top
    assert "wordmark__name" not in top
    assert f'<link rel="icon" href="/media/{site.logo.name}" type="image/svg+xml">' in content
    assert f'<link rel="apple-touch-icon" href="/media/{site.touch_icon.name}">' in content
    # An <img>, never inline: the page's own policy stays as it is.
    assert "<svg" not in top.split('class="wordmark"')[1].split("</a>")[0]


def test_the_default_home_screen_icon_is_a_180_pixel_png():
    from django.contrib.staticfiles import finders

    with Image.open(finders.find("img/apple-touch-icon.png")) as icon:
        assert (icon.format, icon.size) == ("PNG", (180, 180))


def test_cleanup_media_keeps_the_logo_and_the_icon():
    site = SiteSettingsFactory()
    site.logo = SimpleUploadedFile("logo.svg", LOGO.encode())
    site.touch_icon = SimpleUploadedFile("icon.png", png((180, 180)))
    site.save()
    stray = site.logo.storage.save("site/stray.svg", io.BytesIO(LOGO.encode()))
    old = (timezone.now() - datetime.timedelta(days=1)).timestamp()
    for name in (site.logo.name, site.touch_icon.name, stray):
        os.utime(site.logo.storage.path(name), (old, old))

    output = io.StringIO()
    call_command("cleanup_media", "--delete", stdout=output)

    assert f"removed: {stray}" in output.getvalue()
    assert site.logo.storage.exists(site.logo.name)
    assert site.touch_icon.storage.exists(site.touch_icon.name)
