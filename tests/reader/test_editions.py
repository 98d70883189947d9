"""Editions on the reader's side: each under its prefix, its own stories on
every surface, its language and direction, and its translations linked."""

import json
import re
from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest
from django.utils import timezone

from editions.models import Edition
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

SORANI_HEADLINE = "پاسی نوێ لە هەولێر دەست بە کار دەکەن"
ARABIC_HEADLINE = "حافلات جديدة تبدأ العمل في أربيل"
ENGLISH_HEADLINE = "New buses start running in Erbil"


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def alternates(html):
    """{hreflang: href} of the page's <link rel="alternate" hreflang>."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def path_of(url):
    return urlsplit(url).path


@pytest.fixture
def group():
    """An English story and its Sorani and Arabic translations, with a
    section and an author of each edition, and an Arabic-script topic."""
    sections = {
        code: make_section(name, slug=slug, edition_id=code)
        for code, name, slug in (
            ("en", "Cities", "cities"),
            ("ckb", "شارەکان", "شارەکان"),
            ("ar", "مدن", "مدن"),
        )
    }
    authors = {
        "en": make_author("Hana Kareem", slug="hana-kareem"),
        "ckb": make_author("هانا کەریم", slug="هانا-کەریم", edition_id="ckb"),
        "ar": make_author("هناء كريم", slug="هناء-كريم", edition_id="ar"),
    }
    english = make_article(
        headline=ENGLISH_HEADLINE,
        slug="new-buses-erbil",
        section=sections["en"],
        authors=[authors["en"]],
        tags=["Erbil"],
    )
    sorani = make_article(
        headline=SORANI_HEADLINE,
        slug="پاسی-نوێ",
        section=sections["ckb"],
        authors=[authors["ckb"]],
        tags=["Erbil", "هەولێر"],
        edition_id="ckb",
        translation_of=english,
        ago=timedelta(minutes=30),
    )
    arabic = make_article(
        headline=ARABIC_HEADLINE,
        slug="حافلات-جديدة",
        section=sections["ar"],
        authors=[authors["ar"]],
        tags=["Erbil", "أربيل"],
        edition_id="ar",
        translation_of=english,
        ago=timedelta(minutes=20),
    )
    return {
        "en": english,
        "ckb": sorani,
        "ar": arabic,
        "sections": sections,
        "authors": authors,
    }


def test_each_edition_lives_under_its_prefix_and_english_keeps_its_addresses(group):
    assert group["en"].get_absolute_url() == "/news/new-buses-erbil/"
    assert group["ckb"].get_absolute_url().startswith("/ckb/news/")
    assert group["ar"].get_absolute_url().startswith("/ar/news/")
    assert group["sections"]["ckb"].get_absolute_url().startswith("/ckb/section/")
    assert group["authors"]["ar"].get_absolute_url().startswith("/ar/author/")


@pytest.mark.parametrize(
    ("code", "lang", "direction"), [("en", "en", "ltr"), ("ckb", "ckb", "rtl"), ("ar", "ar", "rtl")]
)
def test_article_pages_say_their_language_and_direction(client, group, code, lang, direction):
    html = html_of(client, group[code].get_absolute_url())
    assert f'<html lang="{lang}" dir="{direction}">' in html
    data = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    article = next(item for item in data if item.get("@type") == "NewsArticle")
    assert article["inLanguage"] == lang


def test_translations_name_one_another_both_ways_with_x_default(client, group):
    urls = {code: group[code].get_absolute_url() for code in ("en", "ckb", "ar")}
    for code, url in urls.items():
        found = alternates(html_of(client, url))
        assert {lang: path_of(href) for lang, href in found.items()} == {
            "en": urls["en"],
            "ckb": urls["ckb"],
            "ar": urls["ar"],
            "x-default": urls["en"],
        }, code


def test_the_switcher_goes_to_the_translation_else_the_editions_front_page(client, group):
    html = html_of(client, group["ckb"].get_absolute_url())
    # Named in the page's language: "Editions" in Sorani.
    switcher = re.search(r'<nav class="editions" aria-label="وەشانەکان">(.*?)</nav>', html, re.S)[1]
    links = dict(
        (lang, href) for href, lang in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher)
    )
    assert links["en"] == group["en"].get_absolute_url()
    assert links["ar"] == group["ar"].get_absolute_url()
    assert links["kmr"] == "/kmr/"  # no Kurmanji translation: its front page
    assert links["tr"] == "/tr/"
    # Each name in its own language and direction, the current one marked.
    assert '<a href="/news/new-buses-erbil/" lang="en" hreflang="en" dir="ltr">English</a>' in html
    assert 'dir="rtl" aria-current="page">کوردی</a>' in html


def test_a_list_page_names_the_same_list_in_every_edition(client, group):
    found = alternates(html_of(client, "/ckb/latest/"))
    assert {lang: path_of(href) for lang, href in found.items()} == {
        "en": "/latest/",
        "ckb": "/ckb/latest/",
        "kmr": "/kmr/latest/",
        "ar": "/ar/latest/",
        "tr": "/tr/latest/",
        "x-default": "/latest/",
    }


def sorani_surfaces(group):
    tag = "erbil"
    return [
        "/ckb/",
        "/ckb/latest/",
        group["sections"]["ckb"].get_absolute_url(),
        f"/ckb/tag/{tag}/",
        group["authors"]["ckb"].get_absolute_url(),
        group["ckb"].get_absolute_url(),  # its sidebar, related stories
        "/ckb/feeds/latest/",
        "/ckb/feeds/latest/atom/",
        "/ckb/feeds/latest.json",
        f"/ckb/feeds/tag/{tag}/",
        f"/ckb/feeds/tag/{tag}/atom/",
        "/ckb/news-sitemap.xml",
    ]


def english_surfaces(group):
    return [
        "/",
        "/latest/",
        group["sections"]["en"].get_absolute_url(),
        "/tag/erbil/",
        group["authors"]["en"].get_absolute_url(),
        group["en"].get_absolute_url(),
        "/feeds/latest/",
        "/feeds/latest/atom/",
        "/feeds/latest.json",
        "/feeds/tag/erbil/",
        "/news-sitemap.xml",
    ]


def test_no_english_story_on_any_sorani_surface_and_the_other_way(client, group):
    # A second story of each, so each edition's lists and sidebars have
    # others to show.
    make_article(
        headline="Second English story",
        section=group["sections"]["en"],
        authors=[group["authors"]["en"]],
        tags=["Erbil"],
    )
    make_article(
        headline="چیرۆکی دووەم",
        section=group["sections"]["ckb"],
        authors=[group["authors"]["ckb"]],
        tags=["Erbil"],
        edition_id="ckb",
    )
    for url in sorani_surfaces(group):
        html = html_of(client, url)
        assert "English story" not in html and ENGLISH_HEADLINE not in html, url
        assert ARABIC_HEADLINE not in html, url
        if url != group["ckb"].get_absolute_url():
            assert SORANI_HEADLINE in html or "چیرۆکی دووەم" in html, url
    # The story's sidebar (The Latest, a fragment filled after the page is
    # built, from the page cache too) is its edition's.
    for _ in range(2):  # rendered, then from the page cache
        html = html_of(client, group["ckb"].get_absolute_url())
        aside = html.split("article-layout__aside", 1)[1]
        assert "چیرۆکی دووەم" in aside and "Second English story" not in aside
    for url in english_surfaces(group):
        html = html_of(client, url)
        assert SORANI_HEADLINE not in html and "چیرۆکی دووەم" not in html, url
        assert ARABIC_HEADLINE not in html, url


def test_no_story_answers_at_another_editions_address(client, group):
    english, sorani = group["en"], group["ckb"]
    html_of(client, f"/ckb/news/{english.slug}/", status=404)
    html_of(client, f"/news/{sorani.slug}/", status=404)
    html_of(client, f"/ar{sorani.get_absolute_url()[4:]}", status=404)
    html_of(client, f"/ckb/section/{group['sections']['en'].slug}/", status=404)
    html_of(client, f"/section/{group['sections']['ckb'].slug}/", status=404)
    html_of(client, f"/author/{group['authors']['ckb'].slug}/", status=404)


def test_the_breaking_banner_is_the_editions_own(client, group):
    english = group["en"]
    english.breaking_until = timezone.now() + timedelta(hours=1)
    english.save()
    assert "breaking" in html_of(client, "/latest/").lower()
    assert ENGLISH_HEADLINE in html_of(client, "/latest/")
    assert ENGLISH_HEADLINE not in html_of(client, "/ckb/latest/")


def test_a_topic_in_arabic_script_has_a_page_and_a_feed(client, group):
    topic = group["ar"].tags.get(name="أربيل")
    page = html_of(client, f"/ar/tag/{topic.slug}/")
    assert ARABIC_HEADLINE in page and "<h1" in page and "أربيل" in page
    feed = html_of(client, f"/ar/feeds/tag/{topic.slug}/")
    assert ARABIC_HEADLINE in feed and "<language>ar</language>" in feed
    assert SORANI_HEADLINE not in feed


def test_a_disabled_edition_answers_404_and_leaves_the_switcher(client, group):
    sorani = Edition.objects.get(code="ckb")
    sorani.enabled = False
    sorani.save()
    html_of(client, "/ckb/", status=404)
    html_of(client, group["ckb"].get_absolute_url(), status=404)
    html = html_of(client, group["en"].get_absolute_url())
    assert 'hreflang="ckb"' not in html and "کوردی" not in html
    sorani.enabled = True
    sorani.save()
    assert 'hreflang="ckb"' in html_of(client, group["en"].get_absolute_url())


def test_dates_read_in_the_editions_language_and_digits(client, group):
    sorani = html_of(client, group["ckb"].get_absolute_url())
    local = timezone.localtime(group["ckb"].publish_at)
    year = str(local.year).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert re.search(rf"<time[^>]*>[^<]*{year}", sorani), "Arabic-Indic digits in Sorani"
    arabic = html_of(client, group["ar"].get_absolute_url())
    assert re.search(rf"<time[^>]*>[^<]*{local.year}", arabic), "Western digits in Arabic"


def test_sitemaps_are_per_edition_and_name_translations(client, group):
    index = html_of(client, "/ckb/sitemap.xml")
    locations = [path_of(url) for url in re.findall(r"<loc>([^<]+)</loc>", index)]
    assert locations and all(location.startswith("/ckb/") for location in locations)
    articles = "".join(
        html_of(client, location + ("?" + urlsplit(url).query if "?" in url else ""))
        for location, url in zip(locations, re.findall(r"<loc>([^<]+)</loc>", index), strict=True)
        if "articles" in location
    )
    assert quote(group["ckb"].slug) in articles
    # The English story only as an alternate: every address listed is Sorani.
    assert all("/ckb/news/" in url for url in re.findall(r"<loc>([^<]+)</loc>", articles))
    assert 'hreflang="en" href="https://news.example.org/news/new-buses-erbil/"' in articles
    assert 'hreflang="x-default"' in articles and 'hreflang="ar"' in articles
    news = html_of(client, "/ckb/news-sitemap.xml")
    assert "<news:language>ckb</news:language>" in news
    robots = html_of(client, "/robots.txt")
    for prefix in ("/", "/ckb/", "/ar/", "/kmr/", "/tr/"):
        assert f"{prefix}sitemap.xml" in robots


def test_comment_names_and_texts_are_isolated(client, group):
    from comments.models import Comment

    Comment.objects.create(
        article=group["ckb"],
        name="@hana_k",
        email="h@example.org",
        body="Latin text in a Sorani thread",
        status=Comment.Status.APPROVED,
    )
    html = html_of(client, group["ckb"].get_absolute_url())
    assert '<bdi class="comment__name">@hana_k</bdi>' in html
    assert '<div class="comment__body" dir="auto">' in html


def test_the_publications_pages_live_once_in_the_default_edition(client, group):
    from pages.models import Page

    about = Page.objects.create(title="About us", slug="about", body="<p>Who.</p>", published=True)
    Page.objects.create(
        title="Community guidelines", slug=Page.GUIDELINES, body="<p>Be kind.</p>", published=True
    )
    response = client.get("/tr/info/about/")
    assert response.status_code == 301 and response["Location"] == about.get_absolute_url()
    assert about.get_absolute_url() == "/info/about/"
    response = client.get("/ckb/community-guidelines/")
    assert response["Location"] == f"/info/{Page.GUIDELINES}/"
