"""Topics, sections, authors and stories named in any script: Kurdish and
Arabic, accented Latin, markup-like symbols, emoji. Every page, link, feed,
sitemap and search filter keeps working, and every address is a valid URI."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import quote, unquote, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from taggit.models import Tag

from articles.links import slug_url
from articles.models import Article, Author, Section
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

NAMES = ["کوردستان", "العراق", "Türkiye", "<>", "🔥", "🔥🔥"]
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://news.example.org"


def is_uri(address):
    """Only ASCII, no spaces: what RFC 3986 allows in a URI (an IRI's
    other characters must be percent-encoded)."""
    return address.isascii() and " " not in address and "<" not in address


def get(client, address):
    response = client.get(address)
    assert response.status_code == 200, (address, response.status_code)
    return response


@pytest.fixture
def story():
    return make_article(
        headline="Talks in Erbil",
        section=make_section("هەواڵ", slug=""),
        authors=[make_author("هانا ڕۆستەمی", slug="")],
        tags=NAMES,
    )


def test_topics_in_any_script_leave_the_article_page_and_the_tags_sitemap_working(client):
    """The outside review's finding: one topic named in Kurdish or Arabic
    script took down every article page carrying it, and the tags sitemap."""
    article = make_article(tags=NAMES)
    get(client, article.get_absolute_url())
    get(client, "/sitemap-tags.xml")


def test_every_name_links_to_its_own_page(client, story):
    page = BeautifulSoup(get(client, story.get_absolute_url()).content, "html.parser")
    links = {a.text: a["href"] for a in page.select(".article__tags a")}
    assert sorted(links) == sorted(NAMES)
    assert len(set(links.values())) == len(NAMES)  # one page each
    for name, href in links.items():
        assert is_uri(href), href
        topic_page = BeautifulSoup(get(client, href).content, "html.parser")
        assert topic_page.select_one("h1").text == name
    for link in (page.select_one(".article__section a"), page.select_one(".article__byline a")):
        assert is_uri(link["href"])
        assert BeautifulSoup(get(client, link["href"]).content, "html.parser").select_one(
            "h1"
        ).text.strip() in ("هەواڵ", "هانا ڕۆستەمی")


def test_names_are_shown_as_text_never_as_markup(client, story):
    html = get(client, story.get_absolute_url()).content.decode()
    assert "&lt;&gt;</a>" in html
    assert "<></a>" not in html


def test_slugs_are_latin_where_the_name_is_and_in_its_own_script_where_it_is_not():
    from articles.models import slug_for

    assert slug_for("Türkiye") == "turkiye"
    assert slug_for("Dams and Water") == "dams-and-water"
    assert slug_for("Straße") == "straße"  # ß has no accent to drop: it stays
    assert slug_for("کوردستان") == "کوردستان"
    assert slug_for("العراق") == "العراق"
    assert slug_for("Erbil کوردستان") == "erbil-کوردستان"
    assert slug_for("<>") == slug_for("🔥") == ""


def test_topics_named_only_in_symbols_or_emoji_get_a_usable_unique_slug():
    make_article(tags=NAMES)
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["کوردستان"] == "کوردستان"
    assert slugs["Türkiye"] == "turkiye"
    assert all(slugs.values())
    assert len(set(slugs.values())) == len(NAMES)
    assert slugs["<>"].startswith("topic")


def test_sections_authors_and_stories_left_without_a_slug_get_one_from_their_name(client):
    section = make_section("🔥", slug="")
    other = make_section("🔥🔥", slug="")
    author = make_author("هانا", slug="")
    article = make_article(headline="گفتوگۆکان لە هەولێر", slug="", section=section)
    assert section.slug == "section"
    assert other.slug == "section-2"
    assert author.slug == "هانا"
    assert article.slug == "گفتوگۆکان-لە-هەولێر"
    # The story's page, its comment form's address and its comment pages.
    page = BeautifulSoup(get(client, article.get_absolute_url()).content, "html.parser")
    action = page.select_one("form.comment-form, form[action*='/comment/']")["action"]
    assert is_uri(action)
    assert unquote(action).startswith(f"/news/{article.slug}/comment/")
    assert client.get(reverse("reader:comments", args=[article.slug])).status_code in (200, 302)


def test_stored_slugs_and_old_links_keep_working(client):
    section = make_section("World", slug="World_News-2")  # not what slug_for would make
    story = make_article(section=section, slug="old-Story_1", tags=["Dams"])
    section.name = "The World"
    section.save()
    assert Section.objects.get(pk=section.pk).slug == "World_News-2"
    get(client, "/section/World_News-2/")
    get(client, "/news/old-Story_1/")
    get(client, "/tag/dams/")
    assert story.get_absolute_url() == "/news/old-Story_1/"


def test_addresses_work_percent_encoded_and_as_typed(client):
    make_article(tags=["کوردستان"])
    typed = "/tag/کوردستان/"
    encoded = "/tag/" + quote("کوردستان") + "/"
    assert (
        slug_url("reader:topic", "کوردستان")
        == encoded
        == reverse("reader:topic", args=["کوردستان"])
    )
    assert get(client, encoded).content == get(client, typed).content


def test_feeds_of_names_in_any_script_are_valid_and_link_with_uris(client, story):
    section, author = story.section, story.byline[0]
    tag = Tag.objects.get(name="کوردستان")
    for scope, obj in (("section", section), ("author", author), ("tag", tag)):
        for kind in (scope, f"{scope}-atom"):
            address = reverse(f"syndication:{kind}", args=[obj.slug])
            assert is_uri(address)
            parsed = feedparser.parse(get(client, address).content)
            assert not parsed.bozo, parsed.get("bozo_exception")
            assert obj.name in parsed.feed.title
            [item] = parsed.entries
            assert is_uri(item.link)
            assert {t.term for t in item.tags} >= set(NAMES)
    for address in ("/feeds/latest/", "/feeds/latest/atom/"):
        parsed = feedparser.parse(get(client, address).content)
        assert not parsed.bozo
        assert all(is_uri(link.href) for link in parsed.entries[0].links)
    data = json.loads(get(client, "/feeds/latest.json").content)
    [item] = data["items"]
    assert is_uri(item["url"])
    assert [a["name"] for a in item["authors"]] == ["هانا ڕۆستەمی"]
    assert all(is_uri(a["url"]) for a in item["authors"])
    assert set(item["tags"]) >= set(NAMES)


def test_sitemaps_list_names_in_any_script_as_uris_that_resolve(client, story):
    for sitemap in ("tags", "sections", "authors", "articles"):
        root = ET.fromstring(get(client, f"/sitemap-{sitemap}.xml").content)
        locations = [loc.text for loc in root.iter(f"{SM}loc")]
        assert locations
        for location in locations:
            assert is_uri(location), location
            get(client, urlsplit(location).path)
    tags = [
        loc.text for loc in ET.fromstring(get(client, "/sitemap-tags.xml").content).iter(f"{SM}loc")
    ]
    assert len(tags) == len(NAMES)


def test_structured_data_and_canonical_addresses_are_uris(client, story):
    page = BeautifulSoup(get(client, story.get_absolute_url()).content, "html.parser")
    data = [
        json.loads(script.string) for script in page.select("script[type='application/ld+json']")
    ]
    article, breadcrumbs = data
    assert is_uri(article["url"])
    assert all(is_uri(author["url"]) for author in article["author"])
    assert set(article["keywords"]) == set(NAMES)
    assert all(is_uri(item["item"]) for item in breadcrumbs["itemListElement"])
    tag_page = BeautifulSoup(get(client, "/tag/کوردستان/").content, "html.parser")
    canonical = tag_page.select_one("link[rel=canonical]")["href"]
    assert canonical == "https://news.example.org" + reverse("reader:topic", args=["کوردستان"])
    assert is_uri(canonical)
    assert all(is_uri(link["href"]) for link in tag_page.select("link[rel=alternate]"))


def test_search_filters_by_a_section_named_in_any_script(client, story):
    make_article(headline="Talks in Baghdad", section=make_section("World"))
    response = get(client, f"/search/?q=talks&section={story.section.slug}")
    page = BeautifulSoup(response.content, "html.parser")
    results = [item.select_one(".card__headline").text for item in page.select(".search-result")]
    assert results == [story.headline]  # not other's
    section_link = page.select_one(".search-result .card__section a")
    assert section_link.text == story.section.name
    assert is_uri(section_link["href"])


def test_the_admin_accepts_slugs_in_any_script(admin_client):
    section = make_section("World")
    response = admin_client.post(
        "/admin/articles/section/add/",
        {"name": "کوردستان", "slug": "کوردستان", "order": 1, "edition": "ckb"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert Section.objects.get(name="کوردستان").slug == "کوردستان"
    response = admin_client.post(
        "/admin/articles/author/add/", {"name": "🔥", "slug": "", "bio": "", "edition": "en"}
    )
    assert response.status_code == 302
    assert Author.objects.get(name="🔥").slug == "author"
    assert section.slug
    assert Article._meta.get_field("slug").allow_unicode


def test_a_topic_added_in_the_admin_without_a_slug_gets_one(admin_client):
    response = admin_client.post("/admin/taggit/tag/add/", {"name": "🔥", "slug": ""})
    assert response.status_code == 302, response.content[:2000]
    response = admin_client.post("/admin/taggit/tag/add/", {"name": "کورد", "slug": ""})
    assert response.status_code == 302
    assert dict(Tag.objects.values_list("name", "slug")) == {"🔥": "topic", "کورد": "کورد"}
