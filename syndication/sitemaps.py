"""Sitemaps: articles (a page per month), sections, authors, tags and the
publication's pages.

Every list comes from `Article.objects.published()`: a section, author or tag
is listed only once it has a story readers can see, and a story only once its
time has come; pages from `Page.objects.published()`. Addresses are built on
SITE_URL, like canonical links.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag

from articles.models import Article, Author, Byline, Section, TaggedArticle
from pages.models import Page as PublicationPage


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


class MonthPaginator:
    """A sitemap's pages by calendar month (UTC), oldest month first.

    Page N holds the same stories for good (a new story only ever changes
    the last page), and each page is one range of the live-stories index.
    Pages by count, Django's default, needed a COUNT of every visible story
    for the index and an OFFSET scan for each deep page (20 ms and more at
    100,000 stories, growing with the archive). A month without stories is
    an empty page. The 50,000-address limit of a sitemap holds while the
    site publishes fewer than 1,600 stories a day."""

    def __init__(self, stories):
        self.stories = stories
        oldest = Article.objects.published().order_by("publish_at").values("publish_at").first()
        self.first = _month(oldest["publish_at"]) if oldest else None

    @cached_property
    def num_pages(self):
        if self.first is None:
            return 1
        now = _month(timezone.now())
        return (now.year - self.first.year) * 12 + now.month - self.first.month + 1

    @property
    def page_range(self):
        return range(1, self.num_pages + 1)

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        if self.first is None:
            return Page([], number, self)
        start = _add_months(self.first, number - 1)
        stories = self.stories.filter(publish_at__gte=start, publish_at__lt=_add_months(start, 1))
        return Page(list(stories), number, self)


def _month(moment):
    return moment.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _add_months(month, count):
    years, index = divmod(month.month - 1 + count, 12)
    return month.replace(year=month.year + years, month=index + 1)


class ArticleSitemap(SiteSitemap):
    """Every visible story, a page per month (MonthPaginator): ?p=1 is the
    month of the oldest story."""

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "publish_at")
            .order_by("publish_at", "pk")
        )

    @property
    def paginator(self):
        return MonthPaginator(self.items())

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
        return reverse("reader:topic", args=[item.slug])


class PageSitemap(SiteSitemap):
    """About, contact, the policies: the pages readers may see."""

    changefreq = "monthly"

    def items(self):
        return PublicationPage.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "tags": TagSitemap,
    "pages": PageSitemap,
}
