"""Sitemaps: articles (a page per month), sections, authors, tags and the
publication's pages.

Each edition has its own sitemaps (/ckb/sitemap.xml ...), listing its own
stories, sections, authors and topics; a story names its translations as
`xhtml:link` alternates (and x-default, the default edition's).

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
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import Tag

from articles.links import absolute_url, slug_url
from articles.models import Article, Author, Byline, Section, TaggedArticle
from pages.models import Page as PublicationPage
from reader import editions


def _published():
    """Visible stories of the current edition."""
    return Article.objects.published().in_edition(editions.current_code())


def _shown(model):
    """Link rows (Byline, TaggedArticle) of the edition's visible stories:
    found on the list's own index by the copies, checked on the story itself."""
    field = model.article_field
    return model.objects.published().filter(**{f"{field}__in": _published()})


def _alternates(stories):
    """{story pk: [{"lang_code", "location"}]}: each story's visible versions
    in the enabled editions (itself and its translations), and x-default
    (the default edition's version), for stories with any translation.
    One query for a sitemap page."""
    enabled = editions.enabled()
    originals = {story.translation_of_id or story.pk for story in stories}
    members = (
        Article.objects.published()
        .filter(Q(pk__in=originals) | Q(translation_of_id__in=originals))
        .filter(edition_id__in=list(enabled))
        .values_list("pk", "translation_of_id", "edition_id", "slug")
    )
    groups = {}
    for pk, original, code, slug in members:
        with editions.in_edition(code):
            location = absolute_url(slug_url("reader:article", slug))
        groups.setdefault(original or pk, []).append((code, location))
    found = {}
    for story in stories:
        group = sorted(groups.get(story.translation_of_id or story.pk, []))
        if len(group) < 2:
            continue
        alternates = [{"lang_code": code, "location": location} for code, location in group]
        default = [a for a in alternates if a["lang_code"] == editions.DEFAULT]
        if default:
            alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
        found[story.pk] = alternates
    return found


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
        oldest = _published().order_by("publish_at").values("publish_at").first()
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
            _published()
            .only("edition", "translation_of", "slug", "updated_at", "publish_at")
            .order_by("publish_at", "pk")
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = _alternates([url["item"] for url in urls])
        for url in urls:
            url["alternates"] = alternates.get(url["item"].pk, [])
        return urls

    @property
    def paginator(self):
        return MonthPaginator(self.items())

    def lastmod(self, item):
        return max(item.updated_at, item.publish_at)

    def get_latest_lastmod(self):
        newest = _published().aggregate(updated=Max("updated_at"), published=Max("publish_at"))
        values = [value for value in newest.values() if value]
        return max(values) if values else None


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.filter(Exists(_published().filter(section=OuterRef("pk")))).order_by(
            "order", "name"
        )


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
        if not editions.current().is_default:
            return PublicationPage.objects.none()  # the publication's pages are its own
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
