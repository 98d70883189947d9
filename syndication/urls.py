from django.contrib.sitemaps.views import sitemap
from django.urls import path

from syndication import feeds, views
from syndication.conditional import conditional_feed
from syndication.sitemaps import SITEMAPS

app_name = "syndication"

urlpatterns = [
    path("feeds/latest/", conditional_feed(feeds.LatestFeed()), name="latest"),
    path("feeds/latest/atom/", conditional_feed(feeds.LatestAtomFeed()), name="latest-atom"),
    path(
        "feeds/latest.json",
        conditional_feed(feeds.json_feed, feed=feeds.LatestFeed()),
        name="latest-json",
    ),
    path("feeds/section/<slug:slug>/", conditional_feed(feeds.SectionFeed()), name="section"),
    path(
        "feeds/section/<slug:slug>/atom/",
        conditional_feed(feeds.SectionAtomFeed()),
        name="section-atom",
    ),
    path("feeds/tag/<slug:slug>/", conditional_feed(feeds.TagFeed()), name="tag"),
    path("feeds/tag/<slug:slug>/atom/", conditional_feed(feeds.TagAtomFeed()), name="tag-atom"),
    path("feeds/author/<slug:slug>/", conditional_feed(feeds.AuthorFeed()), name="author"),
    path(
        "feeds/author/<slug:slug>/atom/",
        conditional_feed(feeds.AuthorAtomFeed()),
        name="author-atom",
    ),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
