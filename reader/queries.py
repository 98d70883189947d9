"""The reader pages' queries, in SQL built once (reader/sql.py says why).

Each returns ordinary model instances, filtered exactly as
`Article.objects.published()` filters (status published, time come): that
method stays the one definition of "visible", and tests/reader/test_cards.py
holds these queries to the same answers as the ORM's.

- `published_article(slug)`: the article page's story, section and lead image;
  its byline and tags loaded as if prefetched, its first comments and its
  related stories (1 query).
- `related_stories(article)`: the related stories alone (previews).
- `may_show(story)`: the stories whose related stories may list this one
  (what its publish refreshes).
(Stories in lists come from reader/cards.py.)
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Byline, Section, TaggedArticle, set_prefetched_tags
from comments.models import Comment
from images.models import Image
from pagecache.memos import Memo
from reader.cards import card_select, cards_from_json
from reader.editions import current_code
from reader.sql import Join, Select, column, in_edition, json_datetime, reads_db, table, visible

ARTICLE = Select(
    Article,
    "a",
    joins=[Join("section", Section, "s"), Join("lead_image", Image, "i", outer=True)],
)


# Related stories under a story: at most this many.
RELATED = 4


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """What the article page shows from the database: the story (byline and
        topics loaded), the first page of its approved comments, how many it
        has in all, its related stories (reader.cards.Card) and its visible
    translations, (edition code, slug) each."""

    article: Article
    first_comments: list
    comment_count: int
    related: list
    translations: list = ()


def published_article(slug):
    """The ArticlePage of the visible story at `slug` in the current edition
    (another edition's story is not at this address), or None. One query:
    the byline, the topics, the first comments and the related stories come
    along as JSON arrays (a round trip and a query plan each saved; on
    PostgreSQL that is most of the cost)."""
    db = reads_db()
    rows = ARTICLE.execute(
        db,
        _article_sql(db),
        _article_params(slug),
    )
    if not rows:
        return None
    *row, byline, tags, comments, comment_count, related, translations = rows[0]
    article = ARTICLE.build(db, row)
    article.__dict__["byline"] = _instances(db, Author, AUTHOR_FIELDS, byline)
    set_prefetched_tags(article, _instances(db, Tag, TAG_FIELDS, tags))
    first = [PageComment(*values) for values in json.loads(comments or "[]")]
    translations = [tuple(pair) for pair in json.loads(translations or "[]")]
    return ArticlePage(article, first, comment_count, _related_cards(related), translations)


def _article_params(slug):
    """The parameters of _article_sql(), in their order in it."""
    return [
        *_related_params(),
        *visible(Article, "g")[1],
        slug,
        *visible(Article, "a")[1],
        current_code(),
    ]


def related_stories(article):
    """The related stories of `article` (saved, visible or not), as the
    article page shows them: for previews, which read the story otherwise."""
    db = reads_db()
    sql = f"SELECT {_related_sql(db)} FROM {table(Article)} a WHERE a.{column(Article, 'id')} = %s"
    rows = ARTICLE.execute(db, sql, [*_related_params(), article.pk])
    return _related_cards(rows[0][0]) if rows else []


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
        f" (SELECT COUNT(*) {comment_rows}) AS comment_count,"
        f" {_related_sql(db)} AS related, {_translations_sql()} AS translations FROM {joins}"
        f" WHERE a.{column(Article, 'slug')} = %s AND {visible(Article, 'a')[0]}"
        f" AND {in_edition('a', None)[0]}"
    )


def _translations_sql():
    """A subquery on the story `a`: its visible translations (g), the other
    stories of its group (articles.Article.translation_of: the original and
    the stories translating it), a JSON array of [edition code, slug]."""
    art, pk, original = table(Article), column(Article, "id"), column(Article, "translation_of")
    # The group's original, and the stories translating it: two index
    # lookups (an OR of the three conditions walked every story).
    head = f"COALESCE(a.{original}, a.{pk})"
    group = (
        f"g.{pk} IN (SELECT {head} UNION ALL"
        f" SELECT x.{pk} FROM {art} x WHERE x.{original} = {head})"
    )
    # SQLite: by those ids (it would rather walk the visible stories' index).
    by_id = " NOT INDEXED" if connections[reads_db()].vendor == "sqlite" else ""
    return _json_rows(
        "g",
        ["edition_id", "slug"],
        f"FROM {art} g{by_id} WHERE {group} AND g.{pk} <> a.{pk} AND {visible(Article, 'g')[0]}",
        f"g.{column(Article, 'edition')}",
    )


# --- Related stories -------------------------------------------------------------
#
# The stories sharing a topic with the story (a), then those of its section,
# nearest to it in time; visible ones only, never itself. For each topic, the
# RELATED published just before it and the RELATED just after it: two short
# ranges of that topic's range of tagged_article_live_idx (the link rows'
# copies, models.ListedArticle), read from the story's place outwards; for
# the section, the same two ranges of article_live_section_idx. Whatever the
# size of the site, a few index entries per topic. Among the candidates,
# those found under more of its topics come first, then the nearest in time.
# The winners are checked on the stories themselves, as every list is
# (reader/cards.py).
#
# Nearest rather than newest: a story published now joins the related
# stories of the few stories next to it in each of its topics and its
# section (`may_show` below, which reader.invalidation refreshes), not of
# every story of them, so a publish leaves the archive's pages cached.

# The tables whose visibility the subquery checks, in the order their
# parameters come in its SQL: the topics' link rows (before, after), the
# section's stories (before, after), the related stories themselves.
_RELATED_VISIBLE = (
    (TaggedArticle, "rt"),
    (TaggedArticle, "rt"),
    (Article, "rsa"),
    (Article, "rsa"),
    (Article, "r"),
)
RELATED_CARD = card_select("r", "rs", "ri")


def _related_params():
    return [value for model, alias in _RELATED_VISIBLE for value in visible(model, alias)[1]]


def _beside(alias, at, pk, story, anchor_at, anchor_pk, after):
    """The condition and order of the stories of `alias` on one side of the
    anchor story: (where, order by). Ties in time go by id, so a story is on
    one side only. (Put before visible(): SQLite bounds the index range by
    the first of two upper bounds, and this one is the narrow one.)"""
    if after:
        return (
            f"{alias}.{at} >= {anchor_at} AND ({alias}.{at} > {anchor_at} OR {alias}.{story} > {anchor_pk})",
            f"{alias}.{at} ASC, {alias}.{story} ASC",
        )
    return (
        f"{alias}.{at} <= {anchor_at} AND ({alias}.{at} < {anchor_at} OR {alias}.{story} < {anchor_pk})",
        f"{alias}.{at} DESC, {alias}.{story} DESC",
    )


def _related_sql(db):
    """A subquery on the story `a`: a JSON array (text) of its related
    stories, each an array of RELATED_CARD's columns, its rank (0 for a
    shared topic, 1 for the section), how many of its topics it shares and
    its distance in time from the story."""
    vendor = connections[db].vendor
    qn = connections[db].ops.quote_name
    (topic_visible, _), _, (section_visible, _), _, (story_visible, _) = (
        visible(model, alias) for model, alias in _RELATED_VISIBLE
    )
    ti, art = table(TaggedArticle), table(Article)
    tag, story = column(TaggedArticle, "tag"), column(TaggedArticle, "content_object")
    link_id, publish_at = column(TaggedArticle, "id"), column(TaggedArticle, "publish_at")
    a_id, a_section = column(Article, "id"), column(Article, "section")
    a_publish_at = column(Article, "publish_at")
    # A draft previewed has no time yet: it would be published now.
    anchor_at = f"COALESCE(a.{a_publish_at}, CURRENT_TIMESTAMP)"
    anchor_pk = f"a.{a_id}"

    def topic_side(after, select):
        where, order = _beside("rt", publish_at, story, story, anchor_at, anchor_pk, after)
        return (
            f"SELECT {select} FROM {ti} rt{topic_index} WHERE rt.{tag} = ti.{tag}"
            f" AND {where} AND {topic_visible} ORDER BY {order} LIMIT {RELATED}"
        )

    def section_side(after):
        where, order = _beside("rsa", a_publish_at, a_id, a_id, anchor_at, anchor_pk, after)
        return (
            f"SELECT * FROM (SELECT rsa.{a_id} AS id, 1 AS rank FROM {section_stories}"
            f" WHERE rsa.{a_section} = a.{a_section} AND {where} AND {section_visible}"
            f" ORDER BY {order} LIMIT {RELATED}) by_section_{int(after)}"
        )

    section_stories = f"{art} rsa"
    if vendor == "postgresql":
        topic_index = ""
        by_topic = (
            f"SELECT y.{story} AS id, 0 AS rank FROM {ti} ti CROSS JOIN LATERAL"
            f" (({topic_side(False, f'rt.{story}')}) UNION ALL ({topic_side(True, f'rt.{story}')})) y"
            f" WHERE ti.{story} = a.{a_id}"
        )
    else:
        # No LATERAL in SQLite: each topic's nearest link rows by their ids,
        # a correlated IN that SQLite runs once per topic on the index. The
        # indexes are named, as for the lists (cards._pin_index says why).
        topic_index = f" INDEXED BY {qn('tagged_article_live_idx')}"
        before = topic_side(False, f"rt.{link_id} AS link")
        after = topic_side(True, f"rt.{link_id} AS link")
        by_topic = (
            f"SELECT y.{story} AS id, 0 AS rank FROM {ti} ti INNER JOIN {ti} y ON y.{link_id} IN"
            f" (SELECT link FROM ({before}) UNION ALL SELECT link FROM ({after}))"
            f" WHERE ti.{story} = a.{a_id}"
        )
        section_stories += f" INDEXED BY {qn('article_live_section_idx')}"
    by_section = f"{section_side(False)} UNION ALL {section_side(True)}"
    best = (
        f"SELECT c.id, MIN(c.rank) AS rank, SUM(1 - c.rank) AS shared"
        f" FROM ({by_topic} UNION ALL {by_section}) c GROUP BY c.id"
    )
    columns, joins = RELATED_CARD.sql(db).removeprefix("SELECT ").split(" FROM ", 1)
    joins = joins.replace(f"{art} r INNER JOIN", f"{art} r ON r.{a_id} = best.id INNER JOIN", 1)
    array = "json_build_array" if vendor == "postgresql" else "json_array"
    if vendor == "postgresql":
        distance = f"abs(extract(epoch FROM r.{a_publish_at} - {anchor_at}))"
    else:
        distance = f"abs(julianday(r.{a_publish_at}) - julianday({anchor_at}))"
    # (Ordered by the column's name: SQLite cannot order a subquery in FROM
    # by an expression on the outer query's story.)
    # The few candidates first, then their stories by id (SQLite: CROSS JOIN
    # keeps that order; it would otherwise walk the edition's stories).
    join = "CROSS JOIN" if vendor == "sqlite" else "INNER JOIN"
    chosen = (
        f"SELECT {array}({columns}, best.rank, best.shared, {distance}) AS story,"
        f" {distance} AS distance FROM ({best}) best {join} {joins} WHERE {story_visible}"
        # Topics are shared by the editions: only the story's own edition's.
        f" AND r.{column(Article, 'edition')} = a.{column(Article, 'edition')}"
        f" ORDER BY best.rank, best.shared DESC, distance, r.{a_publish_at} DESC, r.{a_id} DESC"
        f" LIMIT {RELATED}"
    )
    if vendor == "postgresql":
        return f"(SELECT COALESCE(json_agg(q.story), '[]')::text FROM ({chosen}) q)"
    # json(): SQLite hands a subquery's JSON on as text, which would be quoted.
    return f"(SELECT json_group_array(json(q.story)) FROM ({chosen}) q)"


def may_show(story):
    """Ids of the visible stories whose related stories may list `story` at
    its place now (its topics, its section, its publish time): for each, the
    RELATED on either side of it, the ranges _related_sql reads from those
    stories' places. A story B lists `story` only if fewer than RELATED of
    that list's stories lie between them in time, so these are all of them
    (a few more: the edition and the other candidates are not weighed).
    What a publish, a new topic or a new time must refresh; pages that list
    it already carry its tag (reader.views.article_detail)."""
    at = story.publish_at or timezone.now()
    ranges = []
    topics = TaggedArticle.objects.filter(content_object_id=story.pk).values_list(
        "tag_id", flat=True
    )
    for tag_id in topics:
        rows = TaggedArticle.objects.published().filter(tag_id=tag_id)
        ranges.append((rows, "content_object_id"))
    if story.section_id:
        ranges.append((Article.objects.published().filter(section_id=story.section_id), "id"))
    found = set()
    for rows, field in ranges:
        # Either side in the order of the lists, (time, id): as _beside's.
        tie = Q(publish_at=at)
        before = rows.filter(Q(publish_at__lt=at) | tie & Q(**{f"{field}__lt": story.pk}))
        after = rows.filter(Q(publish_at__gt=at) | tie & Q(**{f"{field}__gt": story.pk}))
        before = before.order_by("-publish_at", f"-{field}")
        after = after.order_by("publish_at", field)
        for side in (before, after):
            found.update(side.values_list(field, flat=True)[:RELATED])
    return found


def _related_cards(text):
    """Cards of the related stories from _related_sql's JSON, best first."""
    rows = json.loads(text or "[]")
    cards = cards_from_json(row[:-3] for row in rows)
    # The SQL's order, which JSON aggregation need not keep.
    order = {
        card.pk: (rank, -shared, distance)
        for card, (*_, rank, shared, distance) in zip(cards, rows, strict=True)
    }
    return sorted(cards, key=lambda card: (*order[card.pk], -card.publish_at.timestamp(), -card.pk))


class PageComment:
    """An approved comment as the article page shows it: read-only, and no
    model instance (a page shows dozens; comments are never edited)."""

    __slots__ = ("pk", "name", "body", "created_at")

    def __init__(self, pk, name, body, created_at):
        self.pk, self.name, self.body = pk, name, body
        self.created_at = json_datetime(created_at)

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
