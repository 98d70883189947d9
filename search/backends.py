"""Full-text search on each database: PostgreSQL tsvector or SQLite FTS5.

Both backends answer the same question, `search(query, filters, offset,
limit)`, with the same guarantees:

* the reader's words become a safe query: only word characters reach the
  engine, each term quoted (FTS5) or passed to `plainto_tsquery` (PostgreSQL),
  so no input can cause a syntax error;
* visibility comes from `Article.objects.published()`, compiled into the
  query as a subquery, so a draft or a story whose time has not come never
  matches;
* a headline match ranks above a match elsewhere, then relevance, then the
  newest first;
* matched terms come back wrapped in control-character markers (which the
  indexer strips from stored text) so the view can escape the text first and
  then turn the markers into `<mark>` tags.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import visibility
from search.models import SearchDocument

MARK_START = "\x02"
MARK_END = "\x03"
# PostgreSQL's headline parser reads "<...>" as markup and skips what follows a
# "<script>": angle brackets are swapped for these while it works, then back.
PG_LT = "\x0e"
PG_GT = "\x0f"

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_TERM_CHARS = 40
SNIPPET_WORDS = 30
# Ranking reads every match's statistics; a query matching tens of thousands of
# stories (one very common word) ranks only its newest RANK_CANDIDATES. Counts
# stay exact, and 50 pages of 20 results never reach past the candidates.
RANK_CANDIDATES = 5000
# Counting every match of a very common word costs as much as ranking them:
# counts stop here and the page says "more than".
COUNT_LIMIT = 10_000

# Words too common to search for (a short English list, applied on both
# backends so they behave alike; PostgreSQL's own list would drop them too).
STOP_WORDS = frozenset(
    """a an and are as at be but by for from has have he her his i in is it its of on or
    she that the their them they this to was we were will with you""".split()
)

_WORD = re.compile(r"[^\W_]+")

# PostgreSQL: the text-search configuration and the stored vector. The weights
# are those of the model docstring: A headline, B standfirst/tags/authors, C body.
PG_CONFIG = "english"
PG_VECTOR_SQL = (
    f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(headline, '')), 'A') || "
    f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(standfirst, '') || ' ' || "
    f"coalesce(tags, '') || ' ' || coalesce(authors, '')), 'B') || "
    f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, coalesce(body, '')), 'C')"
)
PG_SCHEMA = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR_SQL}) STORED",
    "CREATE INDEX search_document_vector_idx ON search_searchdocument USING GIN (search_vector)",
]
PG_SCHEMA_REVERSE = [
    "DROP INDEX IF EXISTS search_document_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]

# SQLite: an external-content FTS5 table over search_searchdocument (the text
# is stored once), kept in step by triggers. Column order matters for bm25().
FTS_COLUMNS = ["headline", "standfirst", "tags", "authors", "body"]
FTS_WEIGHTS = "10.0, 4.0, 4.0, 4.0, 1.0"
_cols = ", ".join(FTS_COLUMNS)
_new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(rowid, {_cols}) VALUES (new.article_id, {_new}); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {_cols}) "
    f"VALUES ('delete', old.article_id, {_old}); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {_cols}) "
    f"VALUES ('delete', old.article_id, {_old}); "
    f"INSERT INTO search_fts(rowid, {_cols}) VALUES (new.article_id, {_new}); END",
]
SQLITE_DROP_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS {name}" for name in ("search_fts_ai", "search_fts_ad", "search_fts_au")
]
SQLITE_SCHEMA = [
    f"CREATE VIRTUAL TABLE search_fts USING fts5({_cols}, content='search_searchdocument', "
    "content_rowid='article_id', tokenize='porter unicode61 remove_diacritics 2')",
    *SQLITE_TRIGGERS,
]
SQLITE_SCHEMA_REVERSE = [*SQLITE_DROP_TRIGGERS, "DROP TABLE IF EXISTS search_fts"]


@dataclass
class ParsedQuery:
    """The reader's query reduced to terms the engines can take safely."""

    text: str
    terms: list[str] = field(default_factory=list)
    truncated: bool = False
    only_common_words: bool = False

    def __bool__(self):
        return bool(self.terms)


def parse_query(text):
    text = (text or "").strip()
    words = _WORD.findall(text[: MAX_QUERY_CHARS * 5].lower())
    truncated = len(text) > MAX_QUERY_CHARS
    terms, seen = [], set()
    for word in words:
        word = word[:MAX_TERM_CHARS]
        if word in STOP_WORDS or word in seen:
            continue
        seen.add(word)
        terms.append(word)
    if len(terms) > MAX_TERMS:
        terms, truncated = terms[:MAX_TERMS], True
    return ParsedQuery(
        text=text[:MAX_QUERY_CHARS],
        terms=terms,
        truncated=truncated,
        only_common_words=bool(words) and not terms,
    )


@dataclass
class Hit:
    article_id: int
    headline_html: str
    snippet_html: str


def marked_html(text):
    """Escape text, then turn the engine's markers into <mark> elements."""
    text = (text or "").replace(PG_LT, "<").replace(PG_GT, ">")
    html = escape(text)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def hits_from(rows):
    """Hits from (pk, marked headline, marked standfirst, marked body) rows."""
    return [
        Hit(
            article_id=pk,
            headline_html=marked_html(headline),
            snippet_html=marked_html(_choose_snippet(body, standfirst)),
        )
        for pk, headline, standfirst, body in rows
    ]


def _choose_snippet(*candidates):
    """The first candidate with a highlighted term, else the first non-empty one."""
    for text in candidates:
        if text and MARK_START in text:
            return text
    return next((text for text in candidates if text), "")


def _visible_where(*, section=None, since=None, until=None):
    """SQL on "search_searchdocument" keeping matches readers may see.

    The same test as `Article.objects.published()`, on the document's copies
    of status and publish time, so no article row is read per match. The view
    then fetches the page's stories through `published()` itself, which stays
    the authority on what is shown.
    """
    queryset = SearchDocument.objects.filter(visibility.visible_q(timezone.now()))
    if section is not None:
        queryset = queryset.filter(section=section)
    if since is not None:
        queryset = queryset.filter(publish_at__gte=since)
    if until is not None:
        queryset = queryset.filter(publish_at__lt=until)
    query = queryset.query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, list(params)


class SearchBackend:
    def count(self, query, **filters):
        raise NotImplementedError

    def search(self, query, *, offset, limit, **filters):
        raise NotImplementedError

    @contextmanager
    def bulk_loading(self):
        yield


class PostgresBackend(SearchBackend):
    def count(self, query, **filters):
        visible, params = _visible_where(**filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT count(*) FROM (
                    SELECT 1 FROM search_searchdocument
                    WHERE search_vector @@ plainto_tsquery('{PG_CONFIG}', %s) AND {visible}
                    LIMIT {COUNT_LIMIT + 1}
                ) AS matches""",
                [" ".join(query.terms), *params],
            )
            return cursor.fetchone()[0]

    def search(self, query, *, offset, limit, **filters):
        visible, params = _visible_where(**filters)
        terms = " ".join(query.terms)
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
            'MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
        )
        whole = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
        brackets = PG_LT + PG_GT
        # Take the newest RANK_CANDIDATES matches, rank them, keep one page,
        # and only then build the (costly) highlighted text for those rows.
        sql = f"""
            SELECT page.article_id,
                   ts_headline('{PG_CONFIG}', translate(d.headline, '<>', %s), page.q, %s),
                   ts_headline('{PG_CONFIG}', translate(d.standfirst, '<>', %s), page.q, %s),
                   ts_headline('{PG_CONFIG}', translate(d.body, '<>', %s), page.q, %s)
            FROM (
                SELECT search_searchdocument.article_id, q.q,
                       ts_filter(search_vector, '{{a}}') @@ q.q AS in_headline,
                       ts_rank(search_vector, q.q) AS rank,
                       search_searchdocument.publish_at
                FROM search_searchdocument, plainto_tsquery('{PG_CONFIG}', %s) AS q(q)
                WHERE search_searchdocument.article_id IN (
                    SELECT search_searchdocument.article_id FROM search_searchdocument
                    WHERE search_vector @@ plainto_tsquery('{PG_CONFIG}', %s) AND {visible}
                    ORDER BY search_searchdocument.publish_at DESC
                    LIMIT {RANK_CANDIDATES}
                )
                ORDER BY in_headline DESC, rank DESC, search_searchdocument.publish_at DESC,
                         search_searchdocument.article_id DESC
                LIMIT %s OFFSET %s
            ) AS page
            JOIN search_searchdocument d ON d.article_id = page.article_id
            ORDER BY page.in_headline DESC, page.rank DESC, page.publish_at DESC,
                     page.article_id DESC
        """
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    brackets,
                    whole,
                    brackets,
                    whole,
                    brackets,
                    options,
                    terms,
                    terms,
                    *params,
                    limit,
                    offset,
                ],
            )
            rows = cursor.fetchall()
        return hits_from(rows)


class SQLiteBackend(SearchBackend):
    @staticmethod
    def match_expression(query, *, column=None):
        # Every term is a quoted FTS5 string (terms hold word characters only,
        # never quotes), so no reader input is parsed as FTS5 syntax.
        terms = " ".join(f'"{term}"' for term in query.terms)
        return f"{column} : ({terms})" if column else terms

    def count(self, query, **filters):
        visible, params = _visible_where(**filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT count(*) FROM (
                    SELECT 1 FROM search_fts
                    CROSS JOIN search_searchdocument
                        ON search_searchdocument.article_id = search_fts.rowid
                    WHERE search_fts MATCH %s AND {visible}
                    LIMIT {COUNT_LIMIT + 1}
                )""",
                [self.match_expression(query), *params],
            )
            return cursor.fetchone()[0]

    def search(self, query, *, offset, limit, **filters):
        visible, params = _visible_where(**filters)
        start, end = MARK_START, MARK_END
        match = self.match_expression(query)
        # CROSS JOIN makes SQLite walk the matches and check each one in the
        # covering visibility index, rather than scan every visible document.
        # Rank the newest RANK_CANDIDATES matches and keep one page; highlights
        # and snippets read the
        # stored text, so they are made for that page only. A match of every
        # term in the headline ranks first (a second, headline-only MATCH).
        sql = f"""
            WITH candidates AS (
                SELECT search_fts.rowid AS id, search_searchdocument.publish_at AS published
                FROM search_fts
                CROSS JOIN search_searchdocument
                    ON search_searchdocument.article_id = search_fts.rowid
                WHERE search_fts MATCH %s AND {visible}
                ORDER BY search_searchdocument.publish_at DESC
                LIMIT {RANK_CANDIDATES}
            ),
            page AS (
                SELECT id, row_number() OVER (
                    ORDER BY in_headline DESC, score, published DESC, id DESC
                ) AS n
                FROM (
                    SELECT search_fts.rowid AS id,
                           search_fts.rowid IN (
                               SELECT rowid FROM search_fts WHERE search_fts MATCH %s
                           ) AS in_headline,
                           bm25(search_fts, {FTS_WEIGHTS}) AS score,
                           (SELECT published FROM candidates WHERE candidates.id = search_fts.rowid)
                               AS published
                    FROM search_fts
                    WHERE search_fts MATCH %s
                      AND +search_fts.rowid IN (SELECT id FROM candidates)
                    ORDER BY in_headline DESC, score, published DESC, id DESC
                    LIMIT %s OFFSET %s
                )
            )
            SELECT search_fts.rowid,
                   highlight(search_fts, 0, %s, %s),
                   snippet(search_fts, 1, %s, %s, '…', {SNIPPET_WORDS}),
                   snippet(search_fts, 4, %s, %s, '…', {SNIPPET_WORDS}),
                   (SELECT n FROM page WHERE page.id = search_fts.rowid) AS n
            FROM search_fts
            WHERE search_fts MATCH %s AND +search_fts.rowid IN (SELECT id FROM page)
            ORDER BY n
        """
        # The unary "+" keeps SQLite from turning "rowid IN (...)" into one
        # full-text lookup per id: it scans the matches once and filters.
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    match,
                    *params,
                    self.match_expression(query, column="headline"),
                    match,
                    limit,
                    offset,
                    start,
                    end,
                    start,
                    end,
                    start,
                    end,
                    match,
                ],
            )
            rows = cursor.fetchall()
        return hits_from(row[:4] for row in rows)

    @contextmanager
    def bulk_loading(self):
        """Load without per-row triggers, then rebuild the FTS index in one pass."""
        with connection.cursor() as cursor:
            for statement in SQLITE_DROP_TRIGGERS:
                cursor.execute(statement)
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        yield
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            for statement in SQLITE_TRIGGERS:
                cursor.execute(statement)


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")
