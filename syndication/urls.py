from django.urls import path

import articles.converters  # noqa: F401 (registers <any_slug:>)
from pagecache import cached_page
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
        "feeds/latest/", cached_page("latest")(conditional_feed(feeds.LatestFeed())), name="latest"
    ),
    path(
        "feeds/latest/atom/",
        cached_page("latest")(conditional_feed(feeds.LatestAtomFeed())),
        name="latest-atom",
    ),
    path(
        "feeds/latest.json",
        cached_page("latest")(conditional_feed(feeds.json_feed, feed=feeds.LatestFeed())),
        name="latest-json",
    ),
    *feed_pair("section", feeds.SectionFeed(), feeds.SectionAtomFeed(), "section:{slug}"),
    *feed_pair("tag", feeds.TagFeed(), feeds.TagAtomFeed(), "tag:{slug}"),
    *feed_pair("author", feeds.AuthorFeed(), feeds.AuthorAtomFeed(), "author:{slug}"),
    # Sitemaps list every visible story (and the sections, authors and
    # topics): any change readers see refreshes them.
    path("sitemap.xml", cached_page("latest")(views.sitemap_index), name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        cached_page("latest", params=("p",))(views.sitemap),
        name="sitemap",
    ),
    path("news-sitemap.xml", cached_page("latest")(views.news_sitemap), name="news-sitemap"),
    path("robots.txt", cached_page("site")(views.robots_txt), name="robots"),
]
