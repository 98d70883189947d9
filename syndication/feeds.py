"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest visible stories.

One feed class per scope (everything, a section, a tag, an author), each with
an RSS and an Atom flavour. Items come from `Article.objects.published()` with
their section, lead image, byline and tags fetched up front, so a feed runs
the same few queries whether it has 5 items or 30, one author or ten.
"""

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from articles.links import absolute_url
from articles.models import Article, Author, Byline, Section, TaggedArticle
from reader import editions
from reader.formats import iso
from reader.structured_data import image_info, join_names

FEED_ITEMS = 30
MEDIA_NS = "http://search.yahoo.com/mrss/"


def newest_of(rows):
    """The newest visible stories of a list (a tag's or an author's link
    rows), chosen on the list's own index: walking the site's newest stories
    for the few of a rare tag read every story (articles.models.ListedArticle)."""
    return Article.objects.published().filter(pk__in=rows.newest_article_ids(FEED_ITEMS))


def published():
    """Visible stories of the current edition (every feed is an edition's)."""
    return Article.objects.published().in_edition(editions.current_code())


def feed_items(queryset):
    return list(
        queryset.for_listing().prefetch_related("tags").order_by("-publish_at", "-pk")[:FEED_ITEMS]
    )


def _add_media(handler, item):
    image = item.get("image")
    if image:
        attrs = {"url": image["url"], "medium": "image", "type": image["type"]}
        if image["length"]:
            attrs["fileSize"] = str(image["length"])
        if image["width"] and image["height"]:
            attrs["width"] = str(image["width"])
            attrs["height"] = str(image["height"])
        handler.addQuickElement("media:content", "", attrs)


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS <media:content> for the lead image."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_media(handler, item)


class MediaAtomFeed(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_media(handler, item)


class LatestFeed(Feed):
    feed_type = MediaRssFeed
    language = None  # Django's Feed: the active language, the edition's
    url_name = "syndication:latest"

    def get_object(self, request, *args, **kwargs):
        # Looked up once per request: the conditional-GET check needs it first.
        if not hasattr(request, "_feed_object"):
            request._feed_object = self.lookup(*args, **kwargs)
        return request._feed_object

    def lookup(self, **kwargs):
        return None

    # The scope: which stories, and what the feed is called.
    def scope(self, obj):
        return published()

    def title(self, obj):
        return f"{editions.site_name()}: The Latest"

    def link(self, obj):
        return absolute_url(reverse("reader:latest"))

    def description(self, obj):
        return f"The newest stories from {editions.site_name()}. {editions.site_description()}"

    def feed_url(self, obj):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute_url(reverse(self.url_name, kwargs=kwargs))

    def subtitle(self, obj):
        return self.description(obj)

    def feed_copyright(self, obj):
        return f"© {editions.site_name()}"

    def items(self, obj):
        return feed_items(self.scope(obj))

    # Items.
    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return join_names(author.name for author in item.byline) or None

    def item_author_link(self, item):
        byline = item.byline
        return absolute_url(byline[0].get_absolute_url()) if byline else None

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        image = image_info(item.lead_image, length=True)
        if not image:
            return []
        return [Enclosure(image["url"], str(image["length"]), image["type"])]

    def item_extra_kwargs(self, item):
        return {"image": image_info(item.lead_image, length=True)}


class LatestAtomFeed(LatestFeed):
    feed_type = MediaAtomFeed
    url_name = "syndication:latest-atom"


class SectionFeed(LatestFeed):
    url_name = "syndication:section"

    def lookup(self, slug):
        return get_object_or_404(Section, slug=slug, edition_id=editions.current_code())

    def scope(self, obj):
        return published().filter(section=obj)

    def title(self, obj):
        return f"{editions.site_name()}: {obj.name}"

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj):
        return obj.description or f"The newest {obj.name} stories from {editions.site_name()}."


class SectionAtomFeed(SectionFeed):
    feed_type = MediaAtomFeed
    url_name = "syndication:section-atom"


class TagFeed(LatestFeed):
    url_name = "syndication:tag"

    def lookup(self, slug):
        return get_object_or_404(Tag, slug=slug)

    def scope(self, obj):
        # Topics are shared by the editions: this edition's stories of it.
        return newest_of(
            TaggedArticle.objects.filter(
                tag=obj, content_object__edition_id=editions.current_code()
            )
        )

    def title(self, obj):
        return f"{editions.site_name()}: {obj.name}"

    def link(self, obj):
        return absolute_url(reverse("reader:topic", args=[obj.slug]))

    def description(self, obj):
        return f"The newest stories tagged “{obj.name}” from {editions.site_name()}."


class TagAtomFeed(TagFeed):
    feed_type = MediaAtomFeed
    url_name = "syndication:tag-atom"


class AuthorFeed(LatestFeed):
    url_name = "syndication:author"

    def lookup(self, slug):
        return get_object_or_404(Author, slug=slug, edition_id=editions.current_code())

    def scope(self, obj):
        return newest_of(Byline.objects.filter(author=obj)).in_edition(obj.edition_id)

    def title(self, obj):
        return f"{editions.site_name()}: stories by {obj.name}"

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj):
        return f"The newest stories by {obj.name} from {editions.site_name()}."


class AuthorAtomFeed(AuthorFeed):
    feed_type = MediaAtomFeed
    url_name = "syndication:author-atom"


def json_feed(request):
    """The Latest as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    feed = LatestFeed()
    items = []
    for article in feed.items(None):
        image = image_info(article.lead_image, length=True)
        item = {
            "id": feed.item_link(article),
            "url": feed.item_link(article),
            "title": article.headline,
            "summary": article.standfirst,
            "content_text": article.standfirst,
            "date_published": iso(article.publish_at),
            "date_modified": iso(article.updated_at),
            "authors": [
                {"name": author.name, "url": absolute_url(author.get_absolute_url())}
                for author in article.byline
            ],
            "tags": feed.item_categories(article),
            "language": editions.current_code(),
        }
        if image:
            item["image"] = image["url"]
            item["attachments"] = [
                {
                    "url": image["url"],
                    "mime_type": image["type"],
                    **({"size_in_bytes": image["length"]} if image["length"] else {}),
                }
            ]
        items.append(item)
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title(None),
        "home_page_url": feed.link(None),
        "feed_url": absolute_url(reverse("syndication:latest-json")),
        "description": feed.description(None),
        "language": editions.current_code(),
        "icon": absolute_url(static("img/logo-square.png")),
        "items": items,
    }
    return JsonResponse(
        data, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False}
    )
