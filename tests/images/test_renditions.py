"""Renditions are made after a save (by the task worker; at once in tests), in the promised widths and formats, and kept
in step with the image (new file, focal point, deletion)."""

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage

from articles.models import Article
from images import renditions
from images.models import Image
from tests.factories import make_article, png_bytes

pytestmark = pytest.mark.django_db


def library_image(width=1700, height=1000, name="scene.jpg", fmt="JPEG", **extra):
    extra.setdefault("title", "Scene")
    extra.setdefault("alt_text", "A scene")
    content = png_bytes(width, height, fmt=fmt)
    return Image.objects.create(
        file=SimpleUploadedFile(name, content, content_type="image/jpeg"), **extra
    )


def media(path):
    return Path(settings.MEDIA_ROOT) / path


def files_under(folder):
    root = media(folder)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_renditions_exist_on_disk_in_every_promised_width_and_format():
    image = library_image(1700, 1000)
    made = {(r["ratio"], r["width"], r["format"]) for r in image.renditions}
    for ratio in ("free", "3:2", "1:1"):
        for fmt in ("webp", "jpeg"):
            widths = {w for (ra, w, f) in made if ra == ratio and f == fmt}
            assert {320, 640, 960} <= widths
    # Free ratio: the original is 1700 wide, so 1280 and 1600 exist too.
    assert {w for (ra, w, f) in made if ra == "free" and f == "webp"} == {320, 640, 960, 1280, 1600}
    # 1:1 of a 1700x1000 picture is at most 1000 square: nothing wider is made.
    assert max(w for (ra, w, f) in made if ra == "1:1") <= 1000
    for item in image.renditions:
        path = media(item["path"])
        assert path.is_file(), item
        with PILImage.open(path) as picture:
            assert picture.format == {"webp": "WEBP", "jpeg": "JPEG"}[item["format"]]
            assert picture.size == (item["width"], item["height"])
        if item["ratio"] == "3:2":
            assert abs(item["width"] / item["height"] - 1.5) < 0.01
        if item["ratio"] == "1:1":
            assert item["width"] == item["height"]


def test_small_images_are_never_upscaled():
    image = library_image(200, 150)
    assert {r["width"] for r in image.renditions if r["ratio"] == "free"} == {200}
    assert {(r["width"], r["height"]) for r in image.renditions if r["ratio"] == "1:1"} == {
        (150, 150)
    }
    assert all(r["width"] <= 200 for r in image.renditions)


def test_fixed_ratio_crop_keeps_the_focal_point():
    # Left half red, right half blue; focal point far right: the square
    # crop must show blue.
    picture = PILImage.new("RGB", (900, 300), (255, 0, 0))
    picture.paste((0, 0, 255), (450, 0, 900, 300))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = Image.objects.create(
        file=SimpleUploadedFile("split.png", buffer.getvalue(), content_type="image/png"),
        title="Split",
        alt_text="Split",
        focal_x=95,
        focal_y=50,
    )
    square = next(r for r in image.renditions if r["ratio"] == "1:1" and r["format"] == "jpeg")
    with PILImage.open(media(square["path"])) as crop:
        red, green, blue = crop.convert("RGB").getpixel((crop.width // 2, crop.height // 2))
    assert blue > 200 and red < 60

    image.focal_x = 5
    image.save()
    square = next(r for r in image.renditions if r["ratio"] == "1:1" and r["format"] == "jpeg")
    with PILImage.open(media(square["path"])) as crop:
        red, green, blue = crop.convert("RGB").getpixel((crop.width // 2, crop.height // 2))
    assert red > 200 and blue < 60


def test_crop_box_stays_inside_the_picture():
    assert renditions.crop_box(900, 300, (1, 1), 100, 50) == (600, 0, 900, 300)
    assert renditions.crop_box(900, 300, (1, 1), 0, 0) == (0, 0, 300, 300)
    assert renditions.crop_box(300, 900, (3, 2), 50, 0) == (0, 0, 300, 200)
    assert renditions.crop_box(300, 900, None, 10, 10) == (0, 0, 300, 900)


def test_focal_point_change_regenerates_and_removes_old_files(
    django_capture_on_commit_callbacks,
):
    image = library_image(700, 500)
    old_paths = {r["path"] for r in image.renditions}
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_y = 10
        image.save()
    new_paths = {r["path"] for r in image.renditions}
    assert new_paths and not (old_paths & new_paths)
    assert all(media(p).is_file() for p in new_paths)
    assert not any(media(p).exists() for p in old_paths)
    image.refresh_from_db()
    assert {r["path"] for r in image.renditions} == new_paths


def test_editing_the_caption_does_not_remake_renditions():
    image = library_image(700, 500)
    before = list(image.renditions)
    stamp = media(before[0]["path"]).stat().st_mtime_ns
    image = Image.objects.get(pk=image.pk)
    image.caption = "A new caption"
    image.save()
    assert image.renditions == before
    assert media(before[0]["path"]).stat().st_mtime_ns == stamp


def test_new_file_regenerates_and_old_file_is_deleted(django_capture_on_commit_callbacks):
    image = library_image(700, 500, name="first.jpg")
    first = image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        image.file = SimpleUploadedFile("second.png", png_bytes(500, 500), content_type="image/png")
        image.save()
    assert not media(first).exists()
    assert media(image.file.name).is_file()
    assert {r["width"] for r in image.renditions if r["ratio"] == "free"} == {320, 500}


def test_deleting_an_image_deletes_its_files(django_capture_on_commit_callbacks):
    image = library_image(700, 500)
    paths = [image.file.name] + [r["path"] for r in image.renditions]
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(media(p).exists() for p in paths)
    assert files_under(renditions.ROOT) == []


def test_a_failed_rendition_keeps_the_image_on_its_original(monkeypatch):
    """Renditions fail in the worker, not in the upload: the picture stays in
    the library and pages show its clean original; no half-made files."""

    def broken(image, storage=None):
        raise OSError("disk full")

    monkeypatch.setattr(renditions, "generate", broken)
    image = library_image(700, 500)
    image.refresh_from_db()
    assert image.renditions == []
    assert image.rendition_set("3:2").src == image.file.url
    assert files_under(renditions.ROOT) == []


def test_a_failed_save_leaves_no_row_and_no_file(monkeypatch):
    from images import tasks

    def broken(*args, **kwargs):
        raise OSError("database gone")

    # Fails after the row and the file were written, inside the save's transaction.
    monkeypatch.setattr(tasks, "make_renditions", SimpleNamespace(enqueue=broken))
    with pytest.raises(OSError):
        library_image(700, 500)
    assert Image.objects.count() == 0
    assert files_under("images") == []


def test_regenerate_renditions_command(django_capture_on_commit_callbacks):
    image = library_image(700, 500)
    # As a bulk import would leave it: no renditions recorded.
    Image.objects.filter(pk=image.pk).update(renditions=[])

    out = io.StringIO()
    call_command("regenerate_renditions", "--dry-run", stdout=out)
    assert f"Would make renditions of #{image.pk}" in out.getvalue()
    image.refresh_from_db()
    assert image.renditions == []

    out = io.StringIO()
    call_command("regenerate_renditions", stdout=out)
    image.refresh_from_db()
    assert image.renditions and all(media(r["path"]).is_file() for r in image.renditions)
    assert "1 processed, 0 already current, 0 failed" in out.getvalue()

    out = io.StringIO()
    call_command("regenerate_renditions", stdout=out)
    assert "0 processed, 1 already current" in out.getvalue()


def test_regenerate_renditions_command_reports_a_missing_file():
    from django.core.management.base import CommandError

    image = library_image(400, 300)
    media(image.file.name).unlink()
    Image.objects.filter(pk=image.pk).update(renditions=[])
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 image"):
        call_command("regenerate_renditions", stdout=io.StringIO(), stderr=err)
    assert f"#{image.pk}" in err.getvalue()


def test_regenerate_renditions_help_names_its_options():
    from images.management.commands.regenerate_renditions import Command

    text = Command().create_parser("manage.py", "regenerate_renditions").format_help()
    assert "--dry-run" in text and "--all" in text


def test_inline_images_in_bodies_follow_image_changes(django_capture_on_commit_callbacks):
    image = library_image(700, 500, caption="Old caption")
    article = make_article(body=f'<p>Intro</p><figure data-image-id="{image.pk}"></figure>')
    assert "Old caption" in article.body
    old_src = image.rendition_set("free").src
    assert old_src in article.body

    image.caption = "New caption"
    image.focal_x = 20
    image.save()
    article.refresh_from_db()
    assert "New caption" in article.body and "Old caption" not in article.body
    assert image.rendition_set("free").src in article.body
    assert old_src not in article.body

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    article.refresh_from_db()
    assert "<figure" not in article.body
    assert "<p>Intro</p>" in article.body


def test_saving_an_unchanged_image_does_not_rebuild_bodies():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    image = library_image(400, 300)
    make_article(body=f'<figure data-image-id="{image.pk}"></figure>')
    image = Image.objects.get(pk=image.pk)
    image.copyright_note = "Agency pool"
    with CaptureQueriesContext(connection) as queries:
        image.save()
    assert not [q for q in queries if '"body"' in q["sql"]]  # no scan of article bodies
    image.caption = "Changed"
    with CaptureQueriesContext(connection) as queries:
        image.save()
    assert [q for q in queries if '"body"' in q["sql"]]


def test_caches_hear_about_stories_an_image_leads_or_illustrates():
    from articles.changes import Change, content_changed

    image = library_image(400, 300)
    lead = make_article(headline="Led", lead_image=image)
    inline = make_article(headline="Inline", body=f'<figure data-image-id="{image.pk}"></figure>')
    make_article(headline="Unrelated")
    heard = []

    def listen(sender, change, stories=(), **kwargs):
        assert change is Change.IMAGE
        heard.extend(Article.objects.filter(pk__in=stories).values_list("headline", flat=True))

    content_changed.connect(listen)
    try:
        image.focal_x = 10
        image.save()
        assert sorted(heard) == ["Inline", "Led"]
        heard.clear()
        image.delete()
        assert sorted(heard) == ["Inline", "Led"]
    finally:
        content_changed.disconnect(listen)
    lead.refresh_from_db()
    inline.refresh_from_db()
    assert lead.lead_image is None and "<figure" not in inline.body
