"""The reader pages' queries, in SQL built once (newsroom/reads.py says why).

Each returns ordinary model instances, filtered exactly as
`Article.objects.published()` filters (status published, time come): that
method stays the one definition of "visible", and tests/articles/test_queries.py
holds these queries to the same answers as the ORM's.

- `published_article(slug)`: the article page's story, section and lead image;
  its byline and tags loaded as if prefetched (3 queries).
- `cards(...)`: stories for lists (front page, The Latest, section, tag and
  author pages), newest first, with keyset or offset paging (1 query).
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

CARD_IMAGE_FIELDS = (
    "file",
    "width",
    "height",
    "alt_text",
    "focal_x",
    "focal_y",
    "renditions",
)
CARD = Select(
    Article,
    "a",
    fields=(
        "headline",
        "slug",
        "standfirst",
        "status",
        "publish_at",
        "updated_at",
        "section",
        "lead_image",
    ),
    joins=[
        Join("section", Section, "s", fields=("name", "slug")),
        Join("lead_image", Image, "i", fields=CARD_IMAGE_FIELDS, outer=True),
    ],
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


def cards(
    *,
    section=None,
    tag=None,
    author=None,
    ids=None,
    before=None,
    after=None,
    limit=None,
    offset=0,
):
    """Visible stories for a list, newest first (oldest first with `after`).

    Narrowed to a `section`, `tag` or `author`, or to primary keys `ids`;
    `before`/`after` are (publish_at, pk) keyset positions, exclusive."""
    publish_at, pk = f"a.{_column(Article, 'publish_at')}", f"a.{_column(Article, 'id')}"
    where, params = _visible()
    where, joins = [where], ""
    if section is not None:
        where.append(f"a.{_column(Article, 'section')} = %s")
        params.append(section.pk)
    if author is not None:
        joins += f" INNER JOIN {_table(Byline)} b ON b.{_column(Byline, 'article')} = {pk}"
        where.append(f"b.{_column(Byline, 'author')} = %s")
        params.append(author.pk)
    if tag is not None:
        joins += (
            f" INNER JOIN {_table(TaggedItem)} ti ON ti.{_column(TaggedItem, 'object_id')} = {pk}"
            f" AND ti.{_column(TaggedItem, 'content_type')} = %s"
        )
        params.insert(0, ContentType.objects.get_for_model(Article).pk)
        where.append(f"ti.{_column(TaggedItem, 'tag')} = %s")
        params.append(tag.pk)
    if ids is not None:
        ids = [int(i) for i in ids]
        if not ids:
            return []
        where.append(f"{pk} IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    order = "DESC"
    for position, sign in ((before, "<"), (after, ">")):
        if position is not None:
            when, key = position
            when = connections[DB].ops.adapt_datetimefield_value(when)
            where.append(f"({publish_at} {sign} %s OR ({publish_at} = %s AND {pk} {sign} %s))")
            params.extend([when, when, key])
    if after is not None:
        order = "ASC"
    tail = f"{joins} WHERE {' AND '.join(where)} ORDER BY {publish_at} {order}, {pk} {order}"
    if limit is not None:
        tail += " LIMIT %s"
        params.append(int(limit))
        if offset:
            tail += " OFFSET %s"
            params.append(int(offset))
    return CARD.fetch(DB, tail, params)
