import json

import pytest
from django.urls import reverse

from reader.formats import iso
from tests.factories import make_article, make_image
from tests.syndication.conftest import parse_head

pytestmark = pytest.mark.django_db


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_head(response.content.decode())


def json_ld(head):
    return [json.loads(script) for script in head.scripts]


def meta(head, key):
    return [m["content"] for m in head.meta if m.get("property") == key or m.get("name") == key]


def link(head, rel, type_=None):
    return [
        tag["href"]
        for tag in head.links
        if tag.get("rel") == rel and (type_ is None or tag.get("type") == type_)
    ]


def test_article_news_article_json_ld_has_every_property(client, story):
    head = head_of(client, story.get_absolute_url())
    [article, breadcrumbs] = json_ld(head)
    url = f"https://news.example.org/news/{story.slug}/"
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == story.headline
    assert article["description"] == story.standfirst
    assert article["datePublished"] == iso(story.publish_at)
    assert article["dateModified"] == iso(story.updated_at)
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Holly Johnston",
            "url": "https://news.example.org/author/holly-johnston/",
            "sameAs": ["https://x.com/hyjohnston"],
        },
        {
            "@type": "Person",
            "name": "Sam Rahimi",
            "url": "https://news.example.org/author/sam-rahimi/",
        },
    ]
    assert article["image"] == [
        "https://news.example.org" + story.lead_image.file.url,
    ]
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "The Newsroom"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == "https://news.example.org/static/img/logo.png"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["articleSection"] == "World"
    assert sorted(article["keywords"]) == ["Defence", "Iraq"]
    assert article["dateline"] == "ERBIL, Kurdistan Region"

    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in breadcrumbs["itemListElement"]] == [
        (1, "The Newsroom", "https://news.example.org/"),
        (2, "World", "https://news.example.org/section/world/"),
        (3, story.headline, url),
    ]


def test_json_ld_cannot_be_broken_out_of(client, section):
    article = make_article(
        headline="</script><script>alert(1)</script> & more",
        standfirst="<!-- x -->",
        section=section,
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html
    [data, _] = json_ld(parse_head(html))
    assert data["headline"] == "</script><script>alert(1)</script> & more"
    assert data["description"] == "<!-- x -->"


def test_front_page_has_organization_and_website_with_search_action(client, story):
    head = head_of(client, reverse("reader:front"))
    organization, website = json_ld(head)
    assert organization["@type"] == "Organization"
    assert organization["url"] == "https://news.example.org/"
    assert organization["logo"]["url"].endswith("/static/img/logo.png")
    assert website["@type"] == "WebSite"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert (
        action["target"]["urlTemplate"] == "https://news.example.org/search/?q={search_term_string}"
    )
    assert action["query-input"] == "required name=search_term_string"


def test_section_page_has_breadcrumbs(client, story):
    [breadcrumbs] = json_ld(head_of(client, "/section/world/"))
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert breadcrumbs["itemListElement"][-1]["item"] == "https://news.example.org/section/world/"


def test_article_sharing_meta_canonical_and_description(client, story):
    head = head_of(client, story.get_absolute_url() + "?utm_source=x")
    url = f"https://news.example.org/news/{story.slug}/"
    assert link(head, "canonical") == [url]
    assert meta(head, "description") == [story.standfirst]
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "og:title") == [story.headline]
    assert meta(head, "og:description") == [story.standfirst]
    assert meta(head, "og:url") == [url]
    assert meta(head, "og:site_name") == ["The Newsroom"]
    assert meta(head, "og:image") == ["https://news.example.org" + story.lead_image.file.url]
    assert meta(head, "og:image:alt") == ["Launchers on a truck"]
    assert meta(head, "article:published_time") == [iso(story.publish_at)]
    assert meta(head, "article:section") == ["World"]
    assert sorted(meta(head, "article:tag")) == ["Defence", "Iraq"]
    assert meta(head, "twitter:card") == ["summary_large_image"]
    assert meta(head, "twitter:title") == [story.headline]
    assert meta(head, "twitter:creator") == ["@hyjohnston"]


def test_list_pages_have_canonical_with_page_number(client, story, settings):
    settings.ARTICLES_PER_PAGE = 1
    make_article()
    head = head_of(client, "/latest/?utm=x")
    assert link(head, "canonical") == ["https://news.example.org/latest/"]
    head = head_of(client, "/latest/?page=2&utm=x")
    assert link(head, "canonical") == ["https://news.example.org/latest/?page=2"]
    # (?page=1 redirects to the plain address: tests/articles/test_pagination.py)


@pytest.mark.parametrize(
    "url,expected",
    [
        ("/", []),
        ("/latest/", []),
        ("/section/world/", ["https://news.example.org/feeds/section/world/"]),
        ("/tag/iraq/", ["https://news.example.org/feeds/tag/iraq/"]),
        ("/author/holly-johnston/", ["https://news.example.org/feeds/author/holly-johnston/"]),
        ("/search/?q=x", []),
    ],
)
def test_pages_advertise_their_feeds(client, story, url, expected):
    head = head_of(client, url)
    rss = link(head, "alternate", "application/rss+xml")
    assert rss == ["https://news.example.org/feeds/latest/", *expected]
    assert link(head, "alternate", "application/atom+xml")[0] == (
        "https://news.example.org/feeds/latest/atom/"
    )
    assert link(head, "alternate", "application/feed+json") == [
        "https://news.example.org/feeds/latest.json"
    ]


def test_article_page_advertises_its_section_feed(client, story):
    head = head_of(client, story.get_absolute_url())
    assert "https://news.example.org/feeds/section/world/" in link(
        head, "alternate", "application/rss+xml"
    )


def test_pages_never_ask_the_storage_for_an_image_size(client, monkeypatch):
    # Feeds need the byte size of a lead image (RSS enclosures); pages do not,
    # and on object storage each lookup would be a request.
    from django.core.files.storage import FileSystemStorage

    story = make_article(lead_image=make_image())
    asked = []
    monkeypatch.setattr(FileSystemStorage, "size", lambda self, name: asked.append(name) or 0)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert asked == []
    assert client.get("/feeds/latest/").status_code == 200
    assert asked  # the feed's enclosure still carries its length
