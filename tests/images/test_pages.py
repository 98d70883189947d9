"""Pages show library images through <picture>/srcset pointing at the
renditions, with width and height set, at a fixed number of queries."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.models import Image
from tests.factories import make_article, make_section, png_bytes

pytestmark = pytest.mark.django_db


def library_image(width=1400, height=900, **extra):
    extra.setdefault("title", "Harbour")
    extra.setdefault("alt_text", "Boats in a harbour")
    extra.setdefault("caption", "Boats")
    extra.setdefault("credit", "Photo: Newsroom")
    return Image.objects.create(
        file=SimpleUploadedFile(
            "harbour.jpg", png_bytes(width, height, fmt="JPEG"), content_type="image/jpeg"
        ),
        **extra,
    )


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def srcset_urls(srcset):
    return [entry.strip().split(" ")[0] for entry in srcset.split(",")]


def srcset_widths(srcset):
    return [int(entry.strip().split(" ")[1].rstrip("w")) for entry in srcset.split(",")]


def on_disk(url):
    assert url.startswith(settings.MEDIA_URL), url
    return (Path(settings.MEDIA_ROOT) / url[len(settings.MEDIA_URL) :]).is_file()


def test_article_lead_image_srcset_points_at_renditions(client):
    image = library_image()
    article = make_article(lead_image=image)
    page = soup(client.get(article.get_absolute_url()))
    picture = page.select_one(".article__figure picture")
    webp = picture.select_one("source[type='image/webp']")
    img = picture.select_one("img")
    assert srcset_widths(webp["srcset"]) == [320, 640, 960, 1280, 1400]
    assert srcset_widths(img["srcset"]) == [320, 640, 960, 1280, 1400]
    assert all(url.endswith(".webp") and on_disk(url) for url in srcset_urls(webp["srcset"]))
    assert all(url.endswith(".jpg") and on_disk(url) for url in srcset_urls(img["srcset"]))
    assert on_disk(img["src"]) and img["src"].endswith("-640.jpg")
    assert webp["sizes"] == img["sizes"] == "(min-width: 64em) 720px, 100vw"
    # The shape is known before it loads: nothing jumps.
    assert (img["width"], img["height"]) == ("1400", "900")
    # The lead image is the page's main picture: fetched first, not lazily.
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
    assert img["alt"] == "Boats in a harbour"


def test_cards_and_the_latest_use_their_fixed_ratios(client):
    image = library_image()
    make_article(lead_image=image, headline="Top story")
    make_article(lead_image=image, headline="Second story", ago=None)
    page = soup(client.get("/"))
    top = page.select_one(".top-story__image img")
    assert top["fetchpriority"] == "high"
    assert "/3x2-" in top["src"]
    assert abs(int(top["width"]) / int(top["height"]) - 1.5) < 0.01
    other = make_article(headline="Reading now")
    page = soup(client.get(other.get_absolute_url()))
    thumbs = page.select(".the-latest__thumb img")
    assert thumbs
    for thumb in thumbs:
        assert "/1x1-" in thumb["src"] and thumb["width"] == thumb["height"]
        assert thumb["loading"] == "lazy"
        assert all(on_disk(url) for url in srcset_urls(thumb["srcset"]))
        webp = thumb.find_parent("picture").select_one("source[type='image/webp']")
        assert all("/1x1-" in url and on_disk(url) for url in srcset_urls(webp["srcset"]))


def test_image_without_renditions_falls_back_to_its_file(client):
    image = library_image(600, 400)
    Image.objects.filter(pk=image.pk).update(renditions=[])
    article = make_article(lead_image=image)
    img = soup(client.get(article.get_absolute_url())).select_one(".article__figure img")
    assert img["src"] == image.file.url
    assert (img["width"], img["height"]) == ("600", "400")
    assert not img.has_attr("srcset")


def test_inline_library_image_on_the_article_page(client):
    image = library_image()
    article = make_article(body=f'<p>Before.</p><figure data-image-id="{image.pk}"></figure>')
    figure = soup(client.get(article.get_absolute_url())).select_one(
        ".article__body figure.inline-image"
    )
    img = figure.select_one("picture img")
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("1400", "900")
    assert all(on_disk(url) for url in srcset_urls(img["srcset"]))
    webp = figure.select_one("picture source[type='image/webp']")
    assert all(on_disk(url) for url in srcset_urls(webp["srcset"]))
    assert figure.select_one("figcaption").get_text(" ", strip=True) == "Boats Photo: Newsroom"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_article_page_query_count_is_the_same_with_or_without_images(client):
    plain = make_article(headline="Plain")
    with_lead = make_article(headline="Lead", lead_image=library_image())
    inline_images = "".join(
        f'<figure data-image-id="{library_image().pk}"></figure>' for _ in range(3)
    )
    with_everything = make_article(
        headline="Everything", lead_image=library_image(), body=f"<p>Text</p>{inline_images}"
    )
    assert with_everything.body.count("<picture>") == 3
    # Stories with images in The Latest, too.
    for n in range(4):
        make_article(headline=f"Side {n}", lead_image=library_image(300, 200))
    client.get(plain.get_absolute_url())  # warm the navigation cache
    baseline = count_queries(client, plain.get_absolute_url())
    assert count_queries(client, with_lead.get_absolute_url()) == baseline
    assert count_queries(client, with_everything.get_absolute_url()) == baseline


def test_list_pages_query_count_does_not_grow_with_images(client):
    plain, pictured = make_section("Plain"), make_section("Pictured")
    for n in range(6):
        make_article(headline=f"Plain {n}", section=plain)
        make_article(headline=f"Pictured {n}", section=pictured, lead_image=library_image(300, 200))
    client.get("/")  # warm the navigation and banner caches
    assert count_queries(client, pictured.get_absolute_url()) == count_queries(
        client, plain.get_absolute_url()
    )
    page = soup(client.get(pictured.get_absolute_url()))
    assert len(page.select(".card picture source[type='image/webp']")) == 6


@pytest.mark.parametrize("fmt, content_type", [("webp", "image/webp"), ("jpeg", "image/jpeg")])
def test_renditions_are_served_with_their_content_type(client, fmt, content_type):
    image = library_image(700, 500)
    item = next(r for r in image.renditions if r["format"] == fmt)
    response = client.get(settings.MEDIA_URL + item["path"])
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "immutable" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == (Path(settings.MEDIA_ROOT) / item["path"]).read_bytes()


def test_missing_media_is_a_404(client):
    assert (
        client.get(settings.MEDIA_URL + "images/renditions/999/nope/free-320.jpg").status_code
        == 404
    )
    assert client.get(settings.MEDIA_URL + "../settings.py").status_code in {400, 404}
