"""Uploads are limited in bytes and pixels, refused with a clear message, and a
refused upload leaves nothing behind: no row, no file."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from images.forms import LibraryImageField
from images.models import Image
from images.validators import accepted_formats_text, validate_image_file
from tests.factories import make_user, png_bytes

pytestmark = pytest.mark.django_db


def png_header_bomb(width=100_000, height=100_000):
    """A tiny PNG whose header claims a gigantic picture (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def truncated_jpeg():
    data = png_bytes(800, 600, fmt="JPEG")
    return data[: len(data) // 2]


def truncated_png():
    buffer = io.BytesIO()
    PILImage.effect_noise((400, 300), 60).convert("RGB").save(buffer, "PNG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


BAD_UPLOADS = {
    "text renamed .jpg": (b"This is not a picture at all, just words.\n" * 20, "invalid_image"),
    "html renamed .jpg": (b"<html><script>alert(1)</script></html>", "invalid_image"),
    "truncated jpeg": (truncated_jpeg(), "invalid_image"),
    "truncated png": (truncated_png(), "invalid_image"),
    "png header bomb": (png_header_bomb(), "too_many_pixels"),
}


@pytest.mark.parametrize("label", BAD_UPLOADS)
def test_upload_field_refuses_bad_files_with_a_clear_code(label):
    # The validator reads the header; the cleaning decodes the rest.
    content, code = BAD_UPLOADS[label]
    with pytest.raises(ValidationError) as caught:
        LibraryImageField().clean(
            SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")
        )
    assert caught.value.code == code


def test_validator_refuses_too_many_bytes(settings):
    settings.IMAGE_MAX_BYTES = 10_000
    big = SimpleUploadedFile("big.png", b"\0" * 10_001, content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        validate_image_file(big)
    assert caught.value.code == "too_large"
    assert "9.8\xa0KB" in caught.value.messages[0]


def test_validator_refuses_too_many_pixels_below_pillows_own_limit(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    upload = SimpleUploadedFile("wide.png", png_bytes(1200, 900), content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload)
    assert caught.value.code == "too_many_pixels"
    assert "1200 × 900" in caught.value.messages[0]


def test_validator_refuses_unsupported_format():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20)).save(buffer, "BMP")
    with pytest.raises(ValidationError) as caught:
        validate_image_file(SimpleUploadedFile("pic.bmp", buffer.getvalue()))
    assert caught.value.code == "invalid_format"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_validator_accepts_real_images_and_rewinds(fmt):
    buffer = io.BytesIO()
    PILImage.new("RGB", (50, 40), (10, 20, 30)).save(buffer, fmt)
    upload = SimpleUploadedFile("ok." + fmt.lower(), buffer.getvalue())
    validate_image_file(upload)
    assert upload.tell() == 0


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def post_upload(client, content, name="photo.jpg"):
    return client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile(name, content, content_type="image/jpeg"),
            "title": "Harbour",
            "alt_text": "Boats in a harbour",
            "focal_x": 50,
            "focal_y": 50,
        },
    )


@pytest.mark.parametrize("label", BAD_UPLOADS)
def test_admin_refuses_bad_upload_and_keeps_nothing(client, label):
    client.force_login(make_user(superuser=True))
    content, code = BAD_UPLOADS[label]
    response = post_upload(client, content)
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["adminform"].form.errors["file"]
    expected = (
        "too many pixels" if code == "too_many_pixels" else f"not a {accepted_formats_text()}"
    )
    assert any(expected in error for error in errors), errors
    assert Image.objects.count() == 0
    assert media_files() == []


def test_admin_refuses_oversized_upload_and_keeps_nothing(client, settings):
    settings.IMAGE_MAX_BYTES = 20_000
    client.force_login(make_user(superuser=True))
    response = post_upload(client, png_bytes(900, 900, fmt="JPEG") + b"\0" * 20_000)
    errors = response.context["adminform"].form.errors["file"]
    assert any("images may be at most 19.5\xa0KB" in e for e in errors), errors
    assert Image.objects.count() == 0
    assert media_files() == []


def test_admin_upload_makes_the_image_and_its_renditions(client):
    user = make_user(superuser=True)
    client.force_login(user)
    response = post_upload(client, png_bytes(1000, 700, fmt="JPEG"))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == user
    assert (image.width, image.height) == (1000, 700)
    assert image.renditions
    on_disk = {p.relative_to(settings.MEDIA_ROOT).as_posix() for p in media_files()}
    assert on_disk == {image.file.name} | {r["path"] for r in image.renditions}
    # The change page lists them.
    page = client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert "free: 320, 640, 960 px wide (WebP and JPEG)" in page


def test_admin_help_text_states_the_limits(client):
    client.force_login(make_user(superuser=True))
    page = client.get("/admin/images/image/add/").content.decode()
    assert "at most 15.0\xa0MB and 50 million pixels" in page


def test_admin_edit_without_new_file_keeps_renditions(client, django_capture_on_commit_callbacks):
    client.force_login(make_user(superuser=True))
    post_upload(client, png_bytes(700, 500, fmt="JPEG"))
    image = Image.objects.get()
    before = list(image.renditions)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/images/image/{image.pk}/change/",
            {
                "title": "Harbour",
                "alt_text": "Boats",
                "caption": "New",
                "focal_x": 50,
                "focal_y": 50,
            },
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "New" and image.renditions == before
    # Moving the focal point remakes them, and the old files go.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/images/image/{image.pk}/change/",
            {"title": "Harbour", "alt_text": "Boats", "focal_x": 10, "focal_y": 90},
        )
    image.refresh_from_db()
    assert image.renditions != before
    on_disk = {p.relative_to(settings.MEDIA_ROOT).as_posix() for p in media_files()}
    assert on_disk == {image.file.name} | {r["path"] for r in image.renditions}
