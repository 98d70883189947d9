"""Sitemaps: articles (paginated), sections, authors and tags.

Every list comes from `Article.objects.published()`: a section, author or tag
is listed only once it has a story readers can see, and a story only once its
time has come. Addresses are built on SITE_URL, like canonical links.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, Byline, Section, TaggedArticle


def _shown(model):
    """Link rows (Byline, TaggedArticle) of visible stories: found on the
    list's own index by the copies, checked on the story itself."""
    field = model.article_field
    return model.objects.published().filter(**{f"{field}__in": Article.objects.published()})


class SiteSitemap(Sitemap):
    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    # 100,000 stories make ten sitemap pages, each well under the 50 MB limit.
    limit = 10_000

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)

    def get_latest_lastmod(self):
        newest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("publish_at")
        )
        values = [value for value in newest.values() if value]
        return max(values) if values else None


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.filter(
            Exists(Article.objects.published().filter(section=OuterRef("pk")))
        ).order_by("order", "name")


class AuthorSitemap(SiteSitemap):
    def items(self):
        return Author.objects.filter(Exists(_shown(Byline).filter(author=OuterRef("pk")))).order_by(
            "name"
        )


class TagSitemap(SiteSitemap):
    limit = 10_000

    def items(self):
        return (
            Tag.objects.filter(Exists(_shown(TaggedArticle).filter(tag=OuterRef("pk"))))
            .only("slug")
            .order_by("name")
        )

    def location(self, item):
        return reverse("articles:tag", args=[item.slug])


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
}
