from django.urls import path

from reader import tags
from reader.tags import cached_page
from syndication import feeds, views
from syndication.conditional import conditional_feed

app_name = "syndication"


def feed_pair(kind, rss, atom, cache_tag):
    """RSS at feeds/<kind>/<slug>/ and Atom at .../atom/, cached under `cache_tag`."""
    return [
        path(
            f"feeds/{kind}/<any_slug:slug>/",
            cached_page(cache_tag)(conditional_feed(rss)),
            name=kind,
        ),
        path(
            f"feeds/{kind}/<any_slug:slug>/atom/",
            cached_page(cache_tag)(conditional_feed(atom)),
            name=f"{kind}-atom",
        ),
    ]


urlpatterns = [
    path(
        "feeds/latest/",
        cached_page(tags.LATEST)(conditional_feed(feeds.LatestFeed())),
        name="latest",
    ),
    path(
        "feeds/latest/atom/",
        cached_page(tags.LATEST)(conditional_feed(feeds.LatestAtomFeed())),
        name="latest-atom",
    ),
    path(
        "feeds/latest.json",
        cached_page(tags.LATEST)(conditional_feed(feeds.json_feed, feed=feeds.LatestFeed())),
        name="latest-json",
    ),
    *feed_pair("section", feeds.SectionFeed(), feeds.SectionAtomFeed(), tags.section),
    *feed_pair("tag", feeds.TagFeed(), feeds.TagAtomFeed(), tags.topic),
    *feed_pair("author", feeds.AuthorFeed(), feeds.AuthorAtomFeed(), tags.author),
    # Sitemaps list every visible story (and the sections, authors and
    # topics) and the publication's pages: any change readers see refreshes them.
    path(
        "sitemap.xml",
        cached_page(tags.LATEST, tags.PAGES)(views.sitemap_index),
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(tags.LATEST, tags.PAGES, params=("p",))(views.sitemap),
        name="sitemap",
    ),
    path("news-sitemap.xml", cached_page(tags.LATEST)(views.news_sitemap), name="news-sitemap"),
]
