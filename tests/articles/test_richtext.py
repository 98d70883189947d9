"""The body policy: whatever is sent, what is stored is safe, and library
images and embeds are rebuilt from trusted data."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.richtext import embed_source, sanitize_html
from images.models import Image
from tests.factories import make_article, make_user, png_bytes


def parse(html):
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>Hi<script>alert(1)</script></p>",
        '<p onclick="alert(1)">Hi</p>',
        '<a href="javascript:alert(1)">Hi</a>',
        '<p style="color:red">Hi</p>',
        "<style>p{}</style><p>Hi</p>",
        '<img src="x" onerror="alert(1)">',
        "<svg><script>alert(1)</script></svg>",
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="/x"><input name="a"></form>',
        '<p class="evil">Hi</p>',
    ],
)
def test_unsafe_markup_never_survives(dirty):
    clean = sanitize_html(dirty)
    lowered = clean.lower()
    for needle in (
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "style",
        "srcdoc",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<svg",
        'class="evil"',
    ):
        assert needle not in lowered, clean


def test_editor_markup_is_kept():
    html = (
        "<h2>Heading</h2><h3>Sub</h3><h4>Minor</h4><p>Some <strong>bold</strong> and "
        '<em>italic</em> and a <a href="https://example.org/x">link</a>.</p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>Quote</p></blockquote>"
    )
    clean = sanitize_html(html)
    tree = parse(clean)
    for tag in ("h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "blockquote"):
        assert tree.find(tag) is not None, tag
    link = tree.find("a")
    assert link["href"] == "https://example.org/x"
    assert link["rel"] == ["noopener", "noreferrer"]


def test_h1_is_not_allowed_in_a_body():
    # The page has one h1, the headline.
    assert "<h1" not in sanitize_html("<h1>Second headline</h1>")


@pytest.mark.parametrize(
    "address, src",
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/76979871?h=abc",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
    ],
)
def test_allowed_video_addresses(address, src):
    assert embed_source(address)[1] == src


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/embed/dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=not-an-id",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
        "javascript:alert(1)//www.youtube.com/embed/dQw4w9WgXcQ",
        "https://vimeo.com/channels/staffpicks/notanumber",
        "https://player.vimeo.com/video/123/../../evil",
        "",
    ],
)
def test_other_addresses_are_not_embeddable(address):
    assert embed_source(address) is None


def test_allowed_embed_becomes_a_sandboxed_titled_iframe():
    clean = sanitize_html(
        '<figure class="embed"><iframe src="https://www.youtube.com/watch?v=dQw4w9WgXcQ" '
        'title="Storm footage" onload="alert(1)" allow="camera; microphone" '
        'sandbox="allow-top-navigation allow-scripts"></iframe></figure>'
    )
    iframe = parse(clean).select_one("figure.embed > iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert iframe["title"] == "Storm footage"
    assert iframe["loading"] == "lazy"
    assert "allow-top-navigation" not in iframe["sandbox"]
    assert set(iframe["sandbox"]) == {
        "allow-scripts",
        "allow-same-origin",
        "allow-presentation",
        "allow-popups",
    }
    assert "camera" not in iframe["allow"]
    assert not iframe.has_attr("onload")


def test_an_embed_without_title_gets_one():
    clean = sanitize_html('<iframe src="https://vimeo.com/76979871"></iframe>')
    assert parse(clean).select_one("iframe")["title"] == "Vimeo video"


def test_other_iframes_become_plain_links():
    clean = sanitize_html(
        '<p>Before</p><iframe src="https://evil.example/player" title="Clip"></iframe>'
        '<p>See <iframe src="https://evil.example/inline"></iframe> here</p>'
        '<iframe src="data:text/html,hi"></iframe>'
    )
    tree = parse(clean)
    assert tree.find("iframe") is None
    links = [(a["href"], a.get_text()) for a in tree.find_all("a")]
    assert links == [
        ("https://evil.example/player", "Clip"),
        ("https://evil.example/inline", "https://evil.example/inline"),
    ]
    assert "data:" not in clean


def test_embed_inside_a_paragraph_with_text_becomes_a_link():
    clean = sanitize_html(
        '<p>Watch <iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe> now</p>'
    )
    assert "<iframe" not in clean
    assert 'href="https://www.youtube.com/embed/dQw4w9WgXcQ"' in clean


def test_images_not_from_the_library_are_dropped():
    clean = sanitize_html(
        '<p>Text <img src="https://tracker.example/pixel.gif"> more</p>'
        '<figure><img src="/media/other.jpg" alt="x"><figcaption>Cap</figcaption></figure>'
        '<picture><source srcset="https://evil.example/a.webp"><img src="/x.jpg"></picture>'
    )
    assert "<img" not in clean and "<source" not in clean and "<picture" not in clean
    assert "Text" in clean and "Cap" in clean


def test_sanitizing_twice_changes_nothing():
    html = (
        '<h2>A</h2><iframe src="https://youtu.be/dQw4w9WgXcQ" title="T"></iframe>'
        '<p>x <a href="https://example.org">y</a></p><iframe src="https://evil.example/"></iframe>'
    )
    once = sanitize_html(html)
    assert sanitize_html(once) == once


@pytest.mark.django_db
class TestLibraryImages:
    def image(self, **extra):
        extra.setdefault("title", "Harbour")
        extra.setdefault("alt_text", "Boats in a harbour")
        extra.setdefault("caption", "Boats <b>at</b> dawn & rain")
        extra.setdefault("credit", "Photo: Newsroom")
        return Image.objects.create(
            file=SimpleUploadedFile(
                "h.jpg", png_bytes(900, 600, fmt="JPEG"), content_type="image/jpeg"
            ),
            **extra,
        )

    def test_reference_becomes_the_library_figure(self):
        image = self.image()
        clean = sanitize_html(
            f'<figure data-image-id="{image.pk}"><img src="https://evil.example/x.jpg" '
            'alt="forged" onerror="alert(1)"><figcaption>forged caption</figcaption></figure>'
        )
        figure = parse(clean).select_one("figure.inline-image")
        assert figure["data-image-id"] == str(image.pk)
        img = figure.select_one("picture > img")
        assert img["alt"] == "Boats in a harbour"
        assert img["src"] == image.rendition_set("free").src
        assert (img["width"], img["height"]) == ("900", "600")
        assert img["loading"] == "lazy"
        assert figure.select_one("picture > source[type='image/webp']")["srcset"] == (
            image.rendition_set("free").webp_srcset
        )
        caption = figure.select_one("figcaption")
        assert caption.get_text() == "Boats <b>at</b> dawn & rain Photo: Newsroom"
        assert caption.select_one("span.credit").get_text() == "Photo: Newsroom"
        assert "forged" not in clean and "evil.example" not in clean and "onerror" not in clean

    def test_bare_img_reference_in_a_paragraph_becomes_a_figure(self):
        image = self.image()
        clean = sanitize_html(f'<p><img data-image-id="{image.pk}" src="whatever"></p>')
        assert parse(clean).select_one(f"figure.inline-image[data-image-id='{image.pk}']")

    def test_unknown_image_is_dropped(self):
        clean = sanitize_html('<p>a</p><figure data-image-id="999999"></figure>')
        assert clean == "<p>a</p>"

    def test_library_figure_is_stable(self):
        image = self.image()
        once = sanitize_html(f'<figure data-image-id="{image.pk}"></figure>')
        assert sanitize_html(once) == once

    def test_one_query_for_all_images_of_a_body(self, django_assert_num_queries):
        images = [self.image() for _ in range(4)]
        html = "".join(f'<figure data-image-id="{i.pk}"></figure>' for i in images)
        with django_assert_num_queries(1):
            clean = sanitize_html(html)
        assert clean.count("<picture>") == 4

    def test_article_save_stores_the_clean_body(self):
        image = self.image()
        article = make_article(
            body=f'<p onclick="x">Hi</p><figure data-image-id="{image.pk}"></figure>'
            '<iframe src="https://vimeo.com/76979871" title="Clip"></iframe><script>x</script>'
        )
        article.refresh_from_db()
        assert "onclick" not in article.body and "<script" not in article.body
        assert "<picture>" in article.body
        assert 'src="https://player.vimeo.com/video/76979871?dnt=1"' in article.body


@pytest.mark.django_db
def test_crafted_admin_post_is_sanitized(client):
    from articles.models import Article
    from tests.factories import make_author, make_section

    client.force_login(make_user(superuser=True))
    section = make_section()
    author = make_author()
    response = client.post(
        "/admin/articles/article/add/",
        {
            "headline": "Crafted",
            "slug": "crafted",
            "standfirst": "S",
            "dateline": "",
            "body": '<p>ok</p><script>alert(1)</script><iframe src="https://evil.example/"></iframe>',
            "section": section.pk,
            "tags": "",
            "status": "draft",
            "comments_open": "on",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "1",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-author": author.pk,
            "bylines-0-order": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    body = Article.objects.get(slug="crafted").body
    assert (
        body
        == '<p>ok</p><p><a href="https://evil.example/" rel="noopener noreferrer">https://evil.example/</a></p>'
    )


@pytest.mark.django_db
def test_admin_form_uses_the_body_editor_without_inline_code(client):
    client.force_login(make_user(superuser=True))
    page = client.get("/admin/articles/article/add/").content.decode()
    tree = parse(page)
    textarea = tree.select_one("textarea#id_body")
    assert textarea.has_attr("data-body-editor")
    assert tree.select_one('script[type="module"][src$="js/body-editor.js"]')
    # No import map and no inline style: both would need 'unsafe-inline'.
    assert tree.select_one('script[type="importmap"]') is None
    assert not [
        s
        for s in tree.find_all("script")
        if not s.has_attr("src") and s.string and "importmap" in (s.get("type") or "")
    ]
    assert tree.find("style") is None
