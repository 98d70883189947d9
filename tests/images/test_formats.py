"""Uploads are limited to the formats we render, judged from the content (not
the name), stored under the name of their real format and served with its
content type."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import features

from images import imaging
from images.forms import LibraryImageField
from images.models import Image
from images.validators import accepted_formats_text, validate_image_file
from tests.factories import make_user, png_bytes
from tests.images.pictures import encoded

pytestmark = pytest.mark.django_db


def test_the_accepted_formats_are_those_we_render():
    expected = ["JPEG", "PNG", "WEBP", "GIF"] + (["AVIF"] if features.check("avif") else [])
    assert list(imaging.FORMATS) == expected
    assert accepted_formats_text().startswith("JPEG, PNG, WebP, GIF")


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO", "PPM", "PCX", "JPEG2000"])
def test_other_picture_formats_are_refused_by_name(fmt):
    upload = SimpleUploadedFile("photo.jpg", encoded(fmt), content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        validate_image_file(upload)
    assert caught.value.code == "invalid_format"
    assert caught.value.messages[0].startswith(f"{fmt} images are not accepted")


def test_svg_and_html_named_as_pictures_are_refused():
    for content in (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',):
        with pytest.raises(ValidationError) as caught:
            LibraryImageField().clean(SimpleUploadedFile("logo.png", content))
        assert caught.value.code == "invalid_image"


@pytest.mark.skipif(not features.check("avif"), reason="this Pillow has no AVIF")
def test_avif_is_accepted_when_pillow_has_it():
    image = Image.objects.create(
        file=SimpleUploadedFile("photo.avif", encoded("AVIF")), title="A", alt_text="A"
    )
    assert image.file.name.endswith(".avif") and image.renditions


@pytest.mark.parametrize(
    "name, fmt, extension",
    [("photo.jpg", "PNG", ".png"), ("photo.gif", "JPEG", ".jpg"), ("noname", "WEBP", ".webp")],
)
def test_an_upload_is_stored_under_the_name_of_its_real_format(client, name, fmt, extension):
    client.force_login(make_user(superuser=True))
    response = client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile(name, encoded(fmt), content_type="image/jpeg"),
            "title": "T",
            "alt_text": "A",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(extension)
    served = client.get(image.file.url)
    assert served["Content-Type"] == imaging.FORMATS[fmt].content_type
    assert served["X-Content-Type-Options"] == "nosniff"


def test_the_codecs_hungriest_formats_have_a_lower_pixel_limit(monkeypatch):
    # WebP and AVIF decoders hold several copies of the pixels: their limit is
    # what fits in the helper's memory, below IMAGE_MAX_PIXELS.
    monkeypatch.setattr(imaging, "HELPER_BYTES", 20 * 1_000_000)  # 1 million WebP pixels
    webp = SimpleUploadedFile("wide.webp", encoded("WEBP", size=(1200, 900)))
    with pytest.raises(ValidationError) as caught:
        validate_image_file(webp)
    assert caught.value.code == "too_many_pixels"
    assert (
        "1200 × 900 pixels; WebP images may have at most 1 million pixels"
        in (caught.value.messages[0])
    )
    validate_image_file(SimpleUploadedFile("wide.png", png_bytes(1200, 900)))  # 4.5 B/px


def test_the_upload_form_names_the_formats_and_what_is_removed(client):
    client.force_login(make_user(superuser=True))
    page = client.get("/admin/images/image/add/").content.decode()
    assert f"{accepted_formats_text()}, at most 15.0\xa0MB and 50 million pixels" in page
    assert "(EXIF, XMP, IPTC) are removed" in page
    page = client.get("/admin/articles/author/add/").content.decode()
    assert "(EXIF, XMP, IPTC) are removed" in page
