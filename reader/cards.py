"""Stories in lists: the front page, The Latest, section, tag and author pages.

A list shows a story's headline, standfirst, time, section and lead image, and
links to it. `Card` holds exactly that, read-only: built straight from a row
(no model machinery, no signals) and cheap to keep in the cache. A page lists
twenty or thirty of them, so building Article, Section and Image instances for
each was a good part of what an uncached list page cost.

Every query here filters as `Article.objects.published()` does (status
published, time come); tests/reader/test_cards.py holds them to the ORM's
answers.
"""

import json

from django.conf import settings
from django.db import connections
from django.db.models.fields.files import FieldFile

from articles.links import slug_url, slug_url_maker
from articles.models import Article, Byline, Section, TaggedArticle
from images import renditions as rendition_maker
from images.models import Image
from pagecache.memos import Memo
from reader.editions import current_code
from reader.sql import (
    Join,
    Select,
    column,
    datetime_param,
    in_edition,
    json_datetime,
    reads_db,
    table,
    visible,
)


def card_select(story="a", section="s", image="i"):
    """The SELECT of a card's columns, on these table aliases (the article
    page reads its related stories with other aliases than its own)."""
    return Select(
        Article,
        story,
        fields=("headline", "slug", "standfirst", "publish_at", "section", "lead_image"),
        joins=[
            Join("section", Section, section, fields=("name", "slug")),
            Join(
                "lead_image",
                Image,
                image,
                fields=("file", "width", "height", "alt_text", "renditions"),
                outer=True,
            ),
        ],
    )


CARD = card_select()
COLUMNS = CARD.names()
RENDITIONS = COLUMNS.index("i.renditions")


class CardSection:
    __slots__ = ("pk", "name", "slug", "url")

    def __init__(self, pk, name, slug, url=None):
        self.pk, self.name, self.slug = pk, name, slug
        self.url = url or slug_url("reader:section", slug)

    def get_absolute_url(self):
        return self.url


class CardImage:
    """What a list shows of a library image: `picture()` needs no more.
    `renditions_json` is the metadata as stored (JSON text)."""

    __slots__ = ("pk", "name", "width", "height", "alt_text", "renditions_json")

    def __init__(self, pk, name, width, height, alt_text, renditions_json):
        self.pk, self.name, self.width, self.height = pk, name, width, height
        self.alt_text, self.renditions_json = alt_text, renditions_json

    @property
    def renditions(self):
        return _renditions(self.renditions_json)

    @property
    def file(self):
        return FieldFile(None, Image._meta.get_field("file"), self.name)

    def rendition_set(self, ratio="free"):
        return _rendition_set(
            self.renditions_json, ratio, self.name, self.width, self.height, settings.MEDIA_URL
        )

    def key(self):
        return (self.pk, self.name, self.width, self.height, self.alt_text, self.renditions_json)


class Card:
    """A visible story as lists show it."""

    __slots__ = (
        "pk",
        "headline",
        "slug",
        "standfirst",
        "publish_at",
        "section",
        "lead_image",
        "url",
    )

    def __init__(self, pk, headline, slug, standfirst, publish_at, section, lead_image, url):
        self.pk, self.headline, self.slug, self.standfirst = pk, headline, slug, standfirst
        self.publish_at, self.section, self.lead_image = publish_at, section, lead_image
        self.url = url

    @property
    def section_id(self):
        return self.section.pk

    def get_absolute_url(self):
        return self.url

    def key(self):
        """Every value a card shows: the key of its memoized HTML (reader/html.py)."""
        image = self.lead_image
        return (
            self.pk,
            self.headline,
            self.slug,
            self.standfirst,
            self.publish_at,
            self.section.pk,
            self.section.name,
            self.section.slug,
            image and image.key(),
        )

    def __repr__(self):
        return f"<Card {self.pk}: {self.headline}>"


_decoded = Memo("rendition metadata", size=512)
_srcsets = Memo("srcsets", size=1024)


def _renditions(text):
    """Rendition metadata from its JSON text, decoded once per process: a
    list page shows the same images over and over. Read-only by contract
    (rendition_set only reads it)."""
    if not isinstance(text, str):
        return text
    return _decoded.get(text, lambda: json.loads(text))


def _rendition_set(text, ratio, name, width, height, media_url):
    """The srcsets of one image at one ratio: a pure function of the stored
    metadata (and MEDIA_URL, part of the key), worked out once per process."""
    return _srcsets.get(
        (text, ratio, name, width, height, media_url),
        lambda: rendition_maker.rendition_set(
            CardImage(None, name, width, height, "", text), ratio
        ),
    )


def _indexes(*names):
    return [COLUMNS.index(name) for name in names]


_STORY = _indexes("a.id", "a.headline", "a.slug", "a.standfirst", "a.publish_at")
_SECTION = _indexes("s.id", "s.name", "s.slug")
_IMAGE = _indexes("i.id", "i.file", "i.width", "i.height", "i.alt_text")


def _card(values, sections, links):
    pk, headline, slug, standfirst, publish_at = (values[i] for i in _STORY)
    s_pk, s_name, s_slug = (values[i] for i in _SECTION)
    section = sections.get(s_pk)
    if section is None:
        section = sections[s_pk] = CardSection(s_pk, s_name, s_slug, links.section(s_slug))
    image = None
    i_pk, i_file, i_width, i_height, i_alt = (values[i] for i in _IMAGE)
    if i_pk is not None:
        renditions = values[RENDITIONS]
        if not isinstance(renditions, str):  # a driver that decodes JSON itself
            renditions = json.dumps(renditions)
        image = CardImage(i_pk, i_file, i_width, i_height, i_alt, renditions)
    return Card(pk, headline, slug, standfirst, publish_at, section, image, links.story(slug))


class _Links:
    __slots__ = ("story", "section")

    def __init__(self, story, section):
        self.story, self.section = story, section


def _build(rows):
    connection = connections[reads_db()]
    converters = [
        (index, col, functions)
        for index, (col, functions) in enumerate(CARD.converters(reads_db()))
        if functions and index != RENDITIONS
    ]
    sections = {}
    links = _Links(slug_url_maker("reader:article"), slug_url_maker("reader:section"))
    built = []
    for row in rows:
        values = list(row)
        for index, col, functions in converters:
            value = values[index]
            for function in functions:
                value = function(value, col, connection)
            values[index] = value
        built.append(_card(values, sections, links))
    return built


def cards_from_json(rows):
    """Cards from rows of CARD's columns read as JSON values (a JSON array
    per story, as reader/queries.py builds them inside a larger query): the
    times as ISO text, the rest as stored."""
    sections = {}
    links = _Links(slug_url_maker("reader:article"), slug_url_maker("reader:section"))
    publish_at = COLUMNS.index("a.publish_at")
    built = []
    for row in rows:
        values = list(row)
        values[publish_at] = json_datetime(values[publish_at])
        built.append(_card(values, sections, links))
    return built


def _pin_index(select, index):
    """On SQLite, `select` (CARD's) reading stories through `index`, the
    partial index that holds them in list order. Without statistics (no
    ANALYZE yet, as on every new site) SQLite's planner chose the status
    index and sorted every published story on each page, and with sampled
    statistics it looped over the sections; this plan is right at any size."""
    if connections[reads_db()].vendor != "sqlite":
        return select
    qn = connections[reads_db()].ops.quote_name
    assert index in {i.name for i in Article._meta.indexes}, index
    main = f"{table(Article)} a INNER JOIN"
    # CROSS JOIN: SQLite keeps the stories as the outer loop, in index order.
    return select.replace(main, f"{table(Article)} a INDEXED BY {qn(index)} CROSS JOIN", 1)


def _pin_list_index(select, model, index, article_column):
    """`select` (CARD's) driven by the rows of `model`, a list's link table
    (Byline, TaggedArticle), aliased x: the list's visible stories are one
    range of its index `index`, read in order (models.ListedArticle says
    why). On SQLite the index is named and x kept as the outer loop, as in
    _pin_index; PostgreSQL picks that plan by itself."""
    connection = connections[reads_db()]
    qn = connection.ops.quote_name
    assert index in {i.name for i in model._meta.indexes}, index
    driver = f"{table(model)} x"
    join = "INNER JOIN"
    if connection.vendor == "sqlite":
        driver, join = f"{driver} INDEXED BY {qn(index)}", "CROSS JOIN"
    main = f"{table(Article)} a INNER JOIN"
    return select.replace(
        main,
        f"{driver} {join} {table(Article)} a"
        f" ON a.{column(Article, 'id')} = x.{article_column} INNER JOIN",
        1,
    )


# The lists read through a link table: (model, its foreign key to the story,
# to the list's owner, and the index holding the list's visible stories).
LISTS = {
    "author": (Byline, "article", "author", "byline_live_idx"),
    "tag": (TaggedArticle, "content_object", "tag", "tagged_article_live_idx"),
}


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
    edition=None,
):
    """Visible stories of an edition (the current one) for a list, newest
    first (oldest first with `after`).

    Narrowed to a `section`, `tag` or `author` (one of them), or to primary
    keys `ids`; `before`/`after` are (publish_at, pk) keyset positions,
    exclusive. One query, reading one index in order."""
    where_visible, params = visible(Article, "a")
    where_edition, edition_params = in_edition("a", edition or current_code())
    where = [where_visible, where_edition]
    params += edition_params
    owner = {"tag": tag, "author": author}
    owner = {name: value for name, value in owner.items() if value is not None}
    assert len(owner) + (section is not None) <= 1, "one of section, tag, author"
    select = CARD.sql(reads_db())
    if owner:
        ((name, value),) = owner.items()
        model, article_field, owner_field, index = LISTS[name]
        article_column = column(model, article_field)
        select = _pin_list_index(select, model, index, article_column)
        # Chosen and ordered by the link rows' copies; still filtered on
        # the story's own columns (visible() on a, above).
        where_list, list_params = visible(model, "x")
        where += [where_list, f"x.{column(model, owner_field)} = %s"]
        params += [*list_params, value.pk]
        publish_at, pk = f"x.{column(model, 'publish_at')}", f"x.{article_column}"
    else:
        publish_at, pk = f"a.{column(Article, 'publish_at')}", f"a.{column(Article, 'id')}"
        if ids is None:
            index = "article_live_section_idx" if section else "article_live_edition_idx"
            select = _pin_index(select, index)
    if section is not None:
        where.append(f"a.{column(Article, 'section')} = %s")
        params.append(section.pk)
    if ids is not None:
        ids = [int(i) for i in ids]
        if not ids:
            return []
        where.append(f"{pk} IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    for position, sign in ((before, "<"), (after, ">")):
        if position is not None:
            when, key = position
            when = datetime_param(when)
            # A row comparison: PostgreSQL starts the index range scan at the
            # position. Written as an OR, it read the index from the newest
            # story and filtered (37 ms for a page 90,000 stories deep; 0.1 ms).
            where.append(f"({publish_at}, {pk}) {sign} (%s, %s)")
            params.extend([when, int(key)])
    order = "ASC" if after is not None else "DESC"
    sql = f"{select} WHERE {' AND '.join(where)} ORDER BY {publish_at} {order}, {pk} {order}"
    if limit is not None:
        # Written into the SQL (integers), not bound: PostgreSQL plans a
        # prepared statement once only when a generic plan costs about what a
        # fresh one would, and with the LIMIT a parameter its estimate was
        # for thousands of rows, so every page paid for planning again.
        sql += f" LIMIT {int(limit)}"
        if offset:
            sql += f" OFFSET {int(offset)}"
    return _build(CARD.execute(reads_db(), sql, params))


def newest_per_section(sections, *, per_section, exclude=(), edition=None):
    """The newest `per_section` visible stories of each section, newest first
    within each, leaving out primary keys `exclude`. One query, one small
    index-backed scan per section: on PostgreSQL a LATERAL join (planned once;
    a UNION of one subquery per section cost more to plan than to run), on
    SQLite a UNION ALL of one wrapped subquery per section (SQLite allows no
    LIMIT inside a compound SELECT, and plans it in no time)."""
    if not sections:
        return []
    exclude = [int(key) for key in exclude]
    where_visible, visible_params = visible(Article, "a")
    where_edition, edition_params = in_edition("a", edition or current_code())
    where_visible = f"{where_visible} AND {where_edition}"
    visible_params = [*visible_params, *edition_params]
    section_column = column(Article, "section")
    order = f"ORDER BY a.{column(Article, 'publish_at')} DESC, a.{column(Article, 'id')} DESC"
    not_in = (
        f" AND a.{column(Article, 'id')} NOT IN ({', '.join(['%s'] * len(exclude))})"
        if exclude
        else ""
    )
    if connections[reads_db()].vendor == "postgresql":
        head, joins = CARD.sql(reads_db()).split(f" FROM {table(Article)} a", 1)
        newest = (
            f"SELECT * FROM {table(Article)} a WHERE {where_visible}"
            f" AND a.{section_column} = sec.{column(Section, 'id')}{not_in} {order}"
            f" LIMIT {int(per_section)}"  # not bound: see cards()
        )
        sql = (
            f"{head} FROM {table(Section)} sec CROSS JOIN LATERAL ({newest}) a{joins}"
            f" WHERE sec.{column(Section, 'id')} IN ({', '.join(['%s'] * len(sections))})"
        )
        params = [*visible_params, *exclude, *(section.pk for section in sections)]
        return _build(CARD.execute(reads_db(), sql, params))
    part = (
        f"{CARD.sql(reads_db())} WHERE {where_visible} AND a.{section_column} = %s{not_in}"
        f" {order} LIMIT {int(per_section)}"
    )
    parts, params = [], []
    for n, section in enumerate(sections):
        parts.append(f"SELECT * FROM ({part}) part{n}")
        params += [*visible_params, section.pk, *exclude]
    return _build(CARD.execute(reads_db(), " UNION ALL ".join(parts), params))
