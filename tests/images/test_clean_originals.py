"""manage.py clean_originals: files stored before uploads were cleaned are
cleaned once, their renditions and squares made again, the old files deleted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from articles.models import Author
from images.models import Image
from images.portraits import portrait_path
from tests.factories import make_author
from tests.images import pictures
from tests.images.test_cleaning import assert_clean, media, stored

pytestmark = pytest.mark.django_db


def legacy(name, content):
    """A file stored before uploads were cleaned, and an image row for it."""
    path = media(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    image = Image.objects.create(
        file=SimpleUploadedFile("x.png", pictures.tagged_png(40, 40)), title="Old", alt_text="Old"
    )
    Image.objects.filter(pk=image.pk).update(file=name, renditions=[])
    return Image.objects.get(pk=image.pk)


def test_clean_originals_cleans_what_was_stored_before(django_capture_on_commit_callbacks):
    dirty = legacy("images/2024/05/phone.jpg", pictures.camera_jpeg(500, 300))
    misnamed = legacy("images/2024/05/chart.jpg", pictures.tagged_png(60, 40))  # a PNG
    plain = make_author(photo=SimpleUploadedFile("plain.png", pictures.tagged_png(50, 50)))
    author = make_author("Old Photo")
    (media("authors") / "old.jpg").write_bytes(pictures.camera_jpeg(300, 300))
    Author.objects.filter(pk=author.pk).update(photo="authors/old.jpg")

    out = io.StringIO()
    call_command("clean_originals", "--dry-run", stdout=out)
    assert f"Would clean Image #{dirty.pk} Old (images/2024/05/phone.jpg): IPTC, EXIF, XMP" in (
        out.getvalue()
    )
    assert "a name that is not image/png" in out.getvalue()
    assert "Would clean Author Old Photo" in out.getvalue()
    assert "3 would be cleaned" in out.getvalue()
    assert pictures.leaks(stored("images/2024/05/phone.jpg"))

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean_originals", stdout=out)
    assert "3 cleaned" in out.getvalue()
    for image in (dirty, misnamed):
        image.refresh_from_db()
        assert_clean(stored(image.file.name))
        assert image.renditions and all(media(r["path"]).is_file() for r in image.renditions)
    assert misnamed.file.name.endswith(".png")
    assert (dirty.width, dirty.height) == (300, 500)  # it had orientation 6
    assert not media("images/2024/05/phone.jpg").exists()
    assert not media("images/2024/05/chart.jpg").exists()
    author.refresh_from_db()
    assert_clean(stored(author.photo.name))
    assert media(portrait_path(author.photo.name, 96, "jpeg")).is_file()
    assert not media("authors/old.jpg").exists()
    plain.refresh_from_db()
    assert plain.photo.name.startswith("authors/plain")  # was clean already

    out = io.StringIO()
    call_command("clean_originals", stdout=out)
    assert "0 cleaned, 4 already clean, 0 failed." in out.getvalue()


def test_clean_originals_reports_a_missing_file():
    from django.core.management.base import CommandError

    image = legacy("images/2024/05/gone.jpg", pictures.camera_jpeg(100, 100))
    media(image.file.name).unlink()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("clean_originals", stdout=io.StringIO(), stderr=err)
    assert f"Image #{image.pk} Old (images/2024/05/gone.jpg)" in err.getvalue()


def test_clean_originals_help_names_its_options():
    from images.management.commands.clean_originals import Command

    text = Command().create_parser("manage.py", "clean_originals").format_help()
    assert "--dry-run" in text and "--all" in text
