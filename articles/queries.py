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
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Section, set_prefetched_tags
from images.models import Image
from newsroom.reads import Join, Select

DB = DEFAULT_DB_ALIAS
PUBLISHED = Article.Status.PUBLISHED.value

ARTICLE = Select(
    Article,
    "a",
    joins=[Join("section", Section, "s"), Join("lead_image", Image, "i", outer=True)],
)

AUTHOR = Select(Author, "au")
TAG = Select(Tag, "t")


def _qn(name):
    return connections[DB].ops.quote_name(name)


def _table(model):
    return _qn(model._meta.db_table)


def _column(model, name):
    return _qn(model._meta.get_field(name).column)


def now():
    """The present as a query parameter for publish_at comparisons."""
    return connections[DB].ops.adapt_datetimefield_value(timezone.now())


def _visible(alias="a"):
    return (
        f"{alias}.{_column(Article, 'status')} = %s AND {alias}.{_column(Article, 'publish_at')} <= %s",
        [PUBLISHED, now()],
    )


def published_article(slug):
    """The visible story at `slug`, or None; byline and tags loaded."""
    visible, params = _visible()
    found = ARTICLE.fetch(
        DB, f"WHERE a.{_column(Article, 'slug')} = %s AND {visible}", [slug, *params]
    )
    if not found:
        return None
    article = found[0]
    load_byline(article)
    load_tags(article)
    return article


def load_byline(article):
    """article.byline (authors in byline order) with one query."""
    byline = _table(Byline)
    authors = AUTHOR.fetch(
        DB,
        f"INNER JOIN {byline} b ON b.{_column(Byline, 'author')} = au.{_column(Author, 'id')}"
        f" WHERE b.{_column(Byline, 'article')} = %s"
        f" ORDER BY b.{_column(Byline, 'order')}, b.{_column(Byline, 'id')}",
        [article.pk],
    )
    article.__dict__["byline"] = authors
    return authors


def load_tags(article):
    """article.tags.all() (by name) with one query, as if prefetched."""
    items = _table(TaggedItem)
    tags = TAG.fetch(
        DB,
        f"INNER JOIN {items} ti ON ti.{_column(TaggedItem, 'tag')} = t.{_column(Tag, 'id')}"
        f" WHERE ti.{_column(TaggedItem, 'content_type')} = %s"
        f" AND ti.{_column(TaggedItem, 'object_id')} = %s"
        f" ORDER BY t.{_column(Tag, 'name')}, t.{_column(Tag, 'id')}",
        [ContentType.objects.get_for_model(Article).pk, article.pk],
    )
    set_prefetched_tags(article, tags)
    return tags
