"""The reader pages' queries, in SQL built once (newsroom/reads.py says why).

Each returns ordinary model instances, filtered exactly as
`Article.objects.published()` filters (status published, time come): that
method stays the one definition of "visible", and tests/articles/test_queries.py
holds these queries to the same answers as the ORM's.

- `published_article(slug)`: the article page's story, section and lead image;
  its byline and tags loaded as if prefetched (3 queries).
(Stories in lists come from articles/cards.py.)
"""

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Section, set_prefetched_tags
from images.models import Image
from newsroom.reads import Join, Select, column, datetime_param, table

DB = DEFAULT_DB_ALIAS
PUBLISHED = Article.Status.PUBLISHED.value  # "published": safe to write into SQL

ARTICLE = Select(
    Article,
    "a",
    joins=[Join("section", Section, "s"), Join("lead_image", Image, "i", outer=True)],
)

AUTHOR = Select(Author, "au")
TAG = Select(Tag, "t")


def visible(alias="a"):
    """Article.objects.published() as SQL on `alias`: (where, params). The
    status is written as a literal, so that SQLite can use the partial
    indexes (WHERE status = 'published'), which a bound parameter hides."""
    now = datetime_param(timezone.now())
    return (
        f"{alias}.{column(Article, 'status')} = '{PUBLISHED}'"
        f" AND {alias}.{column(Article, 'publish_at')} <= %s",
        [now],
    )


def published_article(slug):
    """The visible story at `slug`, or None; byline and tags loaded."""
    where, params = visible()
    found = ARTICLE.fetch(
        DB, f"WHERE a.{column(Article, 'slug')} = %s AND {where}", [slug, *params]
    )
    if not found:
        return None
    article = found[0]
    load_byline(article)
    load_tags(article)
    return article


def load_byline(article):
    """article.byline (authors in byline order) with one query."""
    byline = table(Byline)
    authors = AUTHOR.fetch(
        DB,
        f"INNER JOIN {byline} b ON b.{column(Byline, 'author')} = au.{column(Author, 'id')}"
        f" WHERE b.{column(Byline, 'article')} = %s"
        f" ORDER BY b.{column(Byline, 'order')}, b.{column(Byline, 'id')}",
        [article.pk],
    )
    article.__dict__["byline"] = authors
    return authors


def load_tags(article):
    """article.tags.all() (by name) with one query, as if prefetched."""
    items = table(TaggedItem)
    tags = TAG.fetch(
        DB,
        f"INNER JOIN {items} ti ON ti.{column(TaggedItem, 'tag')} = t.{column(Tag, 'id')}"
        f" WHERE ti.{column(TaggedItem, 'content_type')} = %s"
        f" AND ti.{column(TaggedItem, 'object_id')} = %s"
        f" ORDER BY t.{column(Tag, 'name')}, t.{column(Tag, 'id')}",
        [ContentType.objects.get_for_model(Article).pk, article.pk],
    )
    set_prefetched_tags(article, tags)
    return tags
