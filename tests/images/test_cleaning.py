"""Nothing stored or served keeps what could locate or identify a source:
uploads are re-encoded once, upright, in sRGB, with nothing but pixels."""

import io
import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageChops

from images import imaging
from images.models import Image
from images.portraits import portrait_path
from tests.factories import make_article, make_author, make_user
from tests.images import pictures

pytestmark = pytest.mark.django_db


def media(path):
    return Path(settings.MEDIA_ROOT) / path


def stored(name):
    return media(name).read_bytes()


def assert_clean(data):
    """No identifying string, and nothing Pillow would call metadata."""
    assert pictures.leaks(data) == []
    with PILImage.open(io.BytesIO(data)) as picture:
        assert not dict(picture.getexif())
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(picture.info)
        assert getattr(picture, "n_frames", 1) == 1
    assert imaging.extras(io.BytesIO(data)) == []


def upload_through_admin(client, content, name="phone.jpg"):
    client.force_login(make_user(superuser=True))
    response = client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile(name, content, content_type="image/jpeg"),
            "title": "Checkpoint",
            "alt_text": "Cars queue at a checkpoint",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Image.objects.get()


def test_admin_upload_keeps_no_gps_serial_xmp_iptc_comment_or_profile(client):
    content = pictures.camera_jpeg(600, 400, orientation=6)
    assert len(pictures.leaks(content)) == 6  # what a phone's file gives away
    image = upload_through_admin(client, content)
    data = stored(image.file.name)
    assert_clean(data)
    # Turned upright first: the stored pixels stand as the phone showed them
    # (the band along the top of the sensor is now down the right side).
    assert (image.width, image.height) == (400, 600)
    with PILImage.open(io.BytesIO(data)) as picture:
        assert picture.size == (400, 600)
        assert picture.getpixel((390, 300))[1] > 150  # green
        # In sRGB: what the profile called red is blue on screen.
        red, green, blue = picture.getpixel((200, 100))
        assert blue > 180 and red < 80
    # Every rendition is made from the cleaned file, and is clean too.
    assert {(r["width"], r["height"]) for r in image.renditions if r["ratio"] == "free"} == {
        (320, 480)
    }
    for item in image.renditions:
        assert_clean(stored(item["path"]))


def test_images_saved_outside_the_admin_are_cleaned_too():
    image = Image.objects.create(
        file=SimpleUploadedFile("scan.png", pictures.tagged_png(300, 200, orientation=8)),
        title="Scan",
        alt_text="A scan",
    )
    assert_clean(stored(image.file.name))
    assert (image.width, image.height) == (200, 300)
    assert image.file.name.endswith(".png")


def test_a_clean_file_is_stored_unchanged_in_its_pixels():
    # A photo with nothing to remove: same pixels (a lossless format), same size.
    picture = pictures.scene(300, 200)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = Image.objects.create(
        file=SimpleUploadedFile("plain.png", buffer.getvalue()), title="Plain", alt_text="Plain"
    )
    with PILImage.open(media(image.file.name)) as saved:
        assert ImageChops.difference(saved.convert("RGB"), picture).getbbox() is None


def test_a_jpeg_is_re_encoded_at_its_own_quality():
    picture = PILImage.effect_noise((400, 300), 40).convert("RGB")
    for quality in (60, 95):
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=quality, exif=pictures.exif(1))
        image = Image.objects.create(
            file=SimpleUploadedFile("noise.jpg", buffer.getvalue()), title="N", alt_text="N"
        )
        with PILImage.open(io.BytesIO(buffer.getvalue())) as original:
            with PILImage.open(media(image.file.name)) as saved:
                assert saved.quantization == original.quantization
                difference = ImageChops.difference(saved, original).convert("L")
                assert difference.getextrema()[1] < 40  # one generation, no more


def test_an_mpo_or_animation_keeps_its_first_picture_only():
    first, second = pictures.scene(120, 80), PILImage.new("RGB", (120, 80), "white")
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second], exif=pictures.exif(1))
    image = Image.objects.create(
        file=SimpleUploadedFile("camera.jpg", buffer.getvalue()), title="MPO", alt_text="MPO"
    )
    assert_clean(stored(image.file.name))
    gif = io.BytesIO()
    frames = [first.convert("P"), second.convert("P")]
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], comment=b"Hana Yousef")
    image = Image.objects.create(
        file=SimpleUploadedFile("loop.gif", gif.getvalue()), title="GIF", alt_text="GIF"
    )
    assert_clean(stored(image.file.name))
    assert b"Hana Yousef" not in stored(image.file.name)


@pytest.mark.parametrize("fmt", ["WEBP", "AVIF"])
def test_webp_and_avif_lose_their_metadata(fmt):
    if fmt not in imaging.FORMATS:
        pytest.skip("this Pillow has no AVIF")
    buffer = io.BytesIO()
    pictures.scene(90, 60).save(
        buffer,
        fmt,
        exif=pictures.exif(6),
        xmp=pictures.xmp(),
        icc_profile=pictures.swapped_profile(),
    )
    assert pictures.leaks(buffer.getvalue())
    image = Image.objects.create(
        file=SimpleUploadedFile("web." + fmt.lower(), buffer.getvalue()), title="W", alt_text="W"
    )
    assert_clean(stored(image.file.name))
    assert (image.width, image.height) == (60, 90)


def test_every_public_address_of_a_story_image_serves_a_clean_file(client, settings):
    settings.SITE_URL = "https://news.example.org"
    image = Image.objects.create(
        file=SimpleUploadedFile("phone.jpg", pictures.camera_jpeg(900, 600)),
        title="Checkpoint",
        alt_text="Cars queue at a checkpoint",
    )
    author = make_author(
        "Hana Yousef",
        photo=SimpleUploadedFile("hana.jpg", pictures.camera_jpeg(500, 500, orientation=1)),
    )
    story = make_article(headline="At the checkpoint", lead_image=image, authors=[author])
    page = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    addresses = {page.select_one('meta[property="og:image"]')["content"]}
    for script in page.select('script[type="application/ld+json"]'):
        addresses.update(json.loads(script.string).get("image", []))
    feed = feedparser.parse(client.get("/feeds/latest/").content)
    addresses.update(enclosure.href for enclosure in feed.entries[0].enclosures)
    for img in page.select("img, source"):
        for entry in (img.get("srcset") or img.get("src") or "").split(","):
            if entry.strip():
                addresses.add(entry.split()[0])
    author_page = BeautifulSoup(client.get(author.get_absolute_url()).content, "html.parser")
    for img in author_page.select(".author-card img, .author-card source"):
        for entry in (img.get("srcset") or img.get("src")).split(","):
            addresses.add(entry.split()[0])
    addresses.add(author.photo.url)

    paths = {address.removeprefix(settings.SITE_URL) for address in addresses}
    assert {image.file.url, author.photo.url} < paths
    assert len([path for path in paths if "/renditions/" in path]) >= 4
    assert len([path for path in paths if "/portraits/" in path]) == 4
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_clean(b"".join(response.streaming_content))


def test_author_photos_are_cleaned_and_their_squares_made_from_the_clean_file():
    author = make_author(
        photo=SimpleUploadedFile("me.png", pictures.camera_jpeg(300, 200, orientation=6))
    )
    assert author.photo.name.endswith(".jpg")  # its real format
    assert_clean(stored(author.photo.name))
    for size in (96, 192):
        for fmt in ("jpeg", "webp"):
            assert_clean(stored(portrait_path(author.photo.name, size, fmt)))
