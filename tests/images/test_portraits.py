"""Author photos get square renditions, shown on the author page."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.models import Author
from images.portraits import portrait_path
from tests.factories import make_author, png_bytes

pytestmark = pytest.mark.django_db


def media(path):
    return Path(settings.MEDIA_ROOT) / path


def test_author_photo_gets_square_renditions_shown_on_the_author_page(client):
    author = make_author(
        "Hana Yousef",
        photo=SimpleUploadedFile("hana.jpg", png_bytes(600, 400, fmt="JPEG")),
    )
    for size in (96, 192):
        for fmt, pil in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with PILImage.open(media(portrait_path(author.photo.name, size, fmt))) as square:
                assert square.format == pil and square.size == (size, size)
    page = BeautifulSoup(client.get(author.get_absolute_url()).content, "html.parser")
    img = page.select_one(".author-card picture img.author-card__photo")
    assert (img["width"], img["height"]) == ("96", "96")
    assert img["src"].endswith("-96.jpg")
    webp = page.select_one(".author-card picture source[type='image/webp']")
    assert [entry.split()[1] for entry in webp["srcset"].split(", ")] == ["96w", "192w"]


def test_author_photo_without_renditions_falls_back_to_the_file(client):
    author = make_author("No Squares")
    Author.objects.filter(pk=author.pk).update(photo="authors/plain.jpg")  # bulk import
    author.refresh_from_db()
    page = BeautifulSoup(client.get(author.get_absolute_url()).content, "html.parser")
    assert page.select_one(".author-card img")["src"] == author.photo.url


def test_deleting_an_author_deletes_the_squares(django_capture_on_commit_callbacks):
    author = make_author(photo=SimpleUploadedFile("a.png", png_bytes(300, 300)))
    path = media(portrait_path(author.photo.name, 96, "webp"))
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        author.delete()
    assert not path.exists()


def test_regenerate_renditions_makes_missing_author_squares():
    import io

    from django.core.management import call_command

    author = make_author(photo=SimpleUploadedFile("b.png", png_bytes(300, 200)))
    path = media(portrait_path(author.photo.name, 192, "jpeg"))
    path.unlink()
    media(portrait_path(author.photo.name, 96, "jpeg")).unlink()
    out = io.StringIO()
    call_command("regenerate_renditions", "--dry-run", stdout=out)
    assert "Would make the square photo of author" in out.getvalue() and not path.exists()
    call_command("regenerate_renditions", stdout=io.StringIO())
    assert path.is_file()
