from django.contrib.sitemaps.views import sitemap
from django.urls import path

from pagecache import cached_page
from syndication import feeds, views
from syndication.conditional import conditional_feed
from syndication.sitemaps import SITEMAPS

app_name = "syndication"

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
    path(
        "feeds/section/<slug:slug>/",
        cached_page("section:{slug}")(conditional_feed(feeds.SectionFeed())),
        name="section",
    ),
    path(
        "feeds/section/<slug:slug>/atom/",
        cached_page("section:{slug}")(conditional_feed(feeds.SectionAtomFeed())),
        name="section-atom",
    ),
    path(
        "feeds/tag/<slug:slug>/",
        cached_page("tag:{slug}")(conditional_feed(feeds.TagFeed())),
        name="tag",
    ),
    path(
        "feeds/tag/<slug:slug>/atom/",
        cached_page("tag:{slug}")(conditional_feed(feeds.TagAtomFeed())),
        name="tag-atom",
    ),
    path(
        "feeds/author/<slug:slug>/",
        cached_page("author:{slug}")(conditional_feed(feeds.AuthorFeed())),
        name="author",
    ),
    path(
        "feeds/author/<slug:slug>/atom/",
        cached_page("author:{slug}")(conditional_feed(feeds.AuthorAtomFeed())),
        name="author-atom",
    ),
    # Sitemaps list every visible story (and the sections, authors and
    # topics): any change readers see refreshes them.
    path("sitemap.xml", cached_page("latest")(views.sitemap_index), name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        cached_page("latest", params=("p",))(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("news-sitemap.xml", cached_page("latest")(views.news_sitemap), name="news-sitemap"),
    path("robots.txt", cached_page("site")(views.robots_txt), name="robots"),
]
