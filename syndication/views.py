from datetime import timedelta

from django.contrib.sitemaps import views as sitemaps
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.links import absolute_url
from articles.models import Article
from reader import editions
from reader.pagination import Redirect, page_number
from syndication.sitemaps import SITEMAPS

NEWS_SITEMAP_HOURS = 48
NEWS_SITEMAP_MAX = 1000  # Google News reads at most 1,000 URLs per news sitemap.


@x_robots_tag
def sitemap_index(request):
    """The sitemap index on SITE_URL (Django's own index uses the request's host)."""
    items, newest = [], None
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("syndication:sitemap", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        if lastmod and (newest is None or lastmod > newest):
            newest = lastmod
        items.append(SitemapIndexItem(location, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            items.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    headers = {"Last-Modified": http_date(newest.timestamp())} if newest else None
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
        headers=headers,
    )


def sitemap(request, section):
    """One sitemap (?p=N for its pages): Django's view, with one address per
    page, as for lists of stories (reader.pagination)."""
    try:
        page_number(request, "p")
    except Redirect as elsewhere:
        return redirect(elsewhere.url, permanent=elsewhere.permanent)
    return sitemaps.sitemap(request, sitemaps=SITEMAPS, section=section)


@x_robots_tag
def news_sitemap(request):
    """Google News sitemap: stories published in the last 48 hours."""
    now = timezone.now()
    articles = (
        Article.objects.published(at=now)
        .in_edition(editions.current_code())
        .filter(publish_at__gte=now - timedelta(hours=NEWS_SITEMAP_HOURS))
        .only("edition", "slug", "headline", "publish_at")
        .order_by("-publish_at", "-pk")[:NEWS_SITEMAP_MAX]
    )
    return TemplateResponse(
        request,
        "syndication/news_sitemap.xml",
        {
            "articles": [
                (absolute_url(article.get_absolute_url()), article) for article in articles
            ],
            "publication_name": editions.site_name(),
            "language": editions.current_code(),
        },
        content_type="application/xml",
    )


def robots_txt(request):
    """Where the sitemaps are, and what not to crawl. The admin is not named:
    robots.txt is public, and a custom ADMIN_URL is chosen to be hard to find.
    Crawlers that reach it anyway get a login page whose robots meta says
    "none" (Django's admin/base.html, on every admin page); previews and
    search results say noindex too."""
    lines = ["User-agent: *"]
    sitemaps_of_editions = []
    for code in editions.enabled():
        with editions.in_edition(code):
            # Endless, thin result pages (they say noindex as well).
            lines.append(f"Disallow: {reverse('search:search')}")
            sitemaps_of_editions += [
                f"Sitemap: {absolute_url(reverse('syndication:sitemap-index'))}",
                f"Sitemap: {absolute_url(reverse('syndication:news-sitemap'))}",
            ]
    lines += ["", *sitemaps_of_editions, ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
