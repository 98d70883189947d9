"""Media is served with the content type of what each file is, whatever its
name says, and browsers are told not to guess: a file that is no picture we
accept is only ever a download."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from images import imaging
from images.views import serve_media
from tests.images.pictures import encoded

pytestmark = pytest.mark.django_db


def media(path, content):
    target = Path(settings.MEDIA_ROOT) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return settings.MEDIA_URL + path


@pytest.mark.parametrize(
    "path, fmt",
    [
        ("images/2024/01/chart.jpg", "PNG"),
        ("images/2024/01/photo.png", "JPEG"),
        ("images/2024/01/photo.webp.gz", "WEBP"),
        ("authors/face.gif", "GIF"),
    ],
)
def test_media_is_served_with_the_type_of_its_content_whatever_its_name(client, path, fmt):
    response = client.get(media(path, encoded(fmt)))
    assert response.status_code == 200
    assert response["Content-Type"] == imaging.FORMATS[fmt].content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Encoding" not in response


def test_media_that_is_no_picture_is_only_ever_a_download(client):
    html = b"<!doctype html><script>alert(document.cookie)</script>"
    response = client.get(media("images/2024/01/page.jpg", html))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.get(media("images/2024/01/logo.svg", svg))
    assert response["Content-Type"] == "application/octet-stream"


def test_media_is_handed_to_the_server_from_its_first_byte(rf):
    # gunicorn sends a file with sendfile() from its descriptor's offset:
    # anywhere but 0 and readers got an empty picture.
    media("images/2024/01/photo.png", encoded("PNG"))
    response = serve_media(rf.get("/"), "images/2024/01/photo.png")
    assert response["Content-Type"] == "image/png"
    assert os.lseek(response.file_to_stream.fileno(), 0, os.SEEK_CUR) == 0
    response.close()
