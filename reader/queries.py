"""The reader pages' queries, in SQL built once (reader/sql.py says why).

Each returns ordinary model instances, filtered exactly as
`Article.objects.published()` filters (status published, time come): that
method stays the one definition of "visible", and tests/reader/test_cards.py
holds these queries to the same answers as the ORM's.

- `published_article(slug)`: the article page's story, section and lead image;
  its byline and tags loaded as if prefetched (1 query).
(Stories in lists come from reader/cards.py.)
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connections
from taggit.models import Tag

from articles.models import Article, Author, Byline, Section, TaggedArticle, set_prefetched_tags
from comments.models import Comment
from images.models import Image
from pagecache.memos import Memo
from reader.sql import Join, Select, column, reads_db, table, visible

ARTICLE = Select(
    Article,
    "a",
    joins=[Join("section", Section, "s"), Join("lead_image", Image, "i", outer=True)],
)


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """What the article page shows from the database: the story (byline and
    topics loaded), the first page of its approved comments, and how many
    it has in all."""

    article: Article
    first_comments: list
    comment_count: int


def published_article(slug):
    """The ArticlePage of the visible story at `slug`, or None. One query:
    the byline, the topics and the first comments come along as JSON arrays
    (a round trip and a query plan each saved; on PostgreSQL that is most
    of the cost)."""
    db = reads_db()
    where_params = visible(Article, "a")[1]
    rows = ARTICLE.execute(
        db,
        _article_sql(db),
        [slug, *where_params],
    )
    if not rows:
        return None
    *row, byline, tags, comments, comment_count = rows[0]
    article = ARTICLE.build(db, row)
    article.__dict__["byline"] = _instances(db, Author, AUTHOR_FIELDS, byline)
    set_prefetched_tags(article, _instances(db, Tag, TAG_FIELDS, tags))
    first = [PageComment(*values) for values in json.loads(comments or "[]")]
    return ArticlePage(article, first, comment_count)


_article_sqls = Memo("article page SQL", size=8)


def _article_sql(db):
    """published_article's SQL on database `db`, built once (per page size);
    its parameters are the slug and visible()'s."""
    return _article_sqls.get((db, settings.COMMENTS_PER_PAGE), lambda: _build_article_sql(db))


def _build_article_sql(db):
    columns, joins = ARTICLE.sql(db).split(" FROM ", 1)
    byline = _json_rows("au", AUTHOR_FIELDS, *_byline_rows())
    tags = _json_rows("t", TAG_FIELDS, *_tag_rows())
    comment_rows, comment_order = _comment_rows()
    comments = _json_rows(
        "c", COMMENT_FIELDS, comment_rows, comment_order, limit=settings.COMMENTS_PER_PAGE
    )
    return (
        f"{columns}, {byline} AS byline, {tags} AS tags, {comments} AS comments,"
        f" (SELECT COUNT(*) {comment_rows}) AS comment_count FROM {joins}"
        f" WHERE a.{column(Article, 'slug')} = %s AND {visible(Article, 'a')[0]}"
    )


class PageComment:
    """An approved comment as the article page shows it: read-only, and no
    model instance (a page shows dozens; comments are never edited)."""

    __slots__ = ("pk", "name", "body", "created_at")

    def __init__(self, pk, name, body, created_at):
        self.pk, self.name, self.body = pk, name, body
        when = datetime.fromisoformat(created_at)
        if when.tzinfo is None:  # SQLite keeps UTC without an offset
            when = when.replace(tzinfo=UTC)
        self.created_at = when

    @property
    def id(self):
        return self.pk

    def __repr__(self):
        return f"<PageComment {self.pk}>"


AUTHOR_FIELDS = [f.attname for f in Author._meta.concrete_fields]
COMMENT_FIELDS = ["id", "name", "body", "created_at"]  # PageComment's
TAG_FIELDS = [f.attname for f in Tag._meta.concrete_fields]


def _byline_rows():
    """The story's authors (au), in byline order: a subquery on a."""
    b, au = table(Byline), table(Author)
    return (
        f"FROM {b} b INNER JOIN {au} au ON b.{column(Byline, 'author')} = au.{column(Author, 'id')}"
        f" WHERE b.{column(Byline, 'article')} = a.{column(Article, 'id')}",
        f"b.{column(Byline, 'order')}, b.{column(Byline, 'id')}",
    )


def _tag_rows():
    """The story's tags (t) by name."""
    ti, t = table(TaggedArticle), table(Tag)
    return (
        f"FROM {ti} ti INNER JOIN {t} t ON ti.{column(TaggedArticle, 'tag')} = t.{column(Tag, 'id')}"
        f" WHERE ti.{column(TaggedArticle, 'content_object')} = a.{column(Article, 'id')}",
        f"t.{column(Tag, 'name')}, t.{column(Tag, 'id')}",
    )


def _comment_rows():
    """The story's approved comments (c), oldest first: the comments under it."""
    return (
        f"FROM {table(Comment)} c WHERE c.{column(Comment, 'article')} = a.{column(Article, 'id')}"
        f" AND c.{column(Comment, 'status')} = '{Comment.Status.APPROVED.value}'",
        f"c.{column(Comment, 'created_at')}, c.{column(Comment, 'id')}",
    )


def _json_rows(alias, attnames, from_where, order, *, limit=None):
    """A JSON array (as text) holding one array of `attnames` per row of
    `alias` in `from_where`, sorted by `order`; the first `limit` rows only
    (then `order` names columns of `alias` alone)."""
    qn = connections[reads_db()].ops.quote_name
    top = f" LIMIT {int(limit)}" if limit is not None else ""
    if connections[reads_db()].vendor == "postgresql" and limit is None:
        values = ", ".join(f"{alias}.{qn(name)}" for name in attnames)
        return (
            f"(SELECT COALESCE(json_agg(json_build_array({values}) ORDER BY {order}), '[]')::text"
            f" {from_where})"
        )
    values = ", ".join(f"r.{qn(name)}" for name in attnames)
    if connections[reads_db()].vendor == "postgresql":
        outer_order = order.replace(f"{alias}.", "r.")
        return (
            f"(SELECT COALESCE(json_agg(json_build_array({values}) ORDER BY {outer_order}),"
            f" '[]')::text FROM (SELECT {alias}.* {from_where} ORDER BY {order}{top}) r)"
        )
    return (
        f"(SELECT json_group_array(json_array({values}))"
        f" FROM (SELECT {alias}.* {from_where} ORDER BY {order}{top}) r)"
    )


def _instances(db, model, attnames, text):
    """Model instances from _json_rows' text (plain columns: no converters)."""
    return [model.from_db(db, attnames, values) for values in json.loads(text or "[]")]
