"""Full-text search on each database: PostgreSQL tsvector or SQLite FTS5.

Both backends answer the same questions, `count(query, edition, filters)`,
`search(query, edition, offset, limit, filters)` and `page(query, number,
per_page, edition, filters)` (the count and a page of hits in one statement:
what the search page asks), with the same guarantees:

* the reader's words become a safe query: only word characters reach the
  engine, each term quoted (FTS5) or an operand of `to_tsquery` (PostgreSQL),
  so no input can cause a syntax error; a term the text may spell two ways
  (`spellings`) matches either;
* Arabic-script letters and digits are made equal (search.normalise) in the
  text indexed and in the reader's words, and each edition is searched in its
  language (search.languages);
* only visible stories of the edition match: the documents' copies of status
  and publish time are filtered with `articles.visibility.visible_q`, and the
  view fetches the page's stories through `Article.objects.published()`;
* the work is bounded, however common the words: the newest CANDIDATES
  matches, and the newest CANDIDATES headline matches, are the candidates
  (PostgreSQL finds them among the newest stories first: WINDOWS);
  they are ranked, a headline match first, then relevance, then the newest;
  one page of them is highlighted; the count stops at COUNT_LIMIT ("more
  than");
* matched terms come back wrapped in control-character markers (which the
  indexer strips from stored text) so the view can escape the text first and
  then turn the markers into `<mark>` tags; the marks are put on the story's
  own spelling (search.normalise.realign), not the normalised one.
"""

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, connections, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import visibility
from pagecache.memos import Memo
from search import languages
from search.models import SearchDocument
from search.normalise import (
    fold_latin,
    normalise,
    realign,
    sql_fold_latin,
    sql_normalise_quickly,
    sql_replace_select,
    sql_spelling_pattern,
    sql_translate,
)

MARK_START = "\x02"
MARK_END = "\x03"
MARKERS = MARK_START + MARK_END
# PostgreSQL's text-search parser reads "<...>" as markup and skips what follows
# a "<script>": angle brackets are swapped for these where it reads a story's
# text (indexing and highlighting, `_pg_unmarked`), and back in the marked text.
PG_LT = "\x0e"
PG_GT = "\x0f"

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
MAX_TERM_CHARS = 40
SNIPPET_WORDS = 30
SNIPPET_LEAD = 6  # words shown before the first match of a fragment
# PostgreSQL marks the body's passage from PASSAGE_LEAD characters before the
# first place its terms are spelt out, PASSAGE characters long (the snippet's
# two fragments fit), not the whole body: ts_headline() parses every word it
# is given (about 0.4 ms per 2 kB body, most of a page's database time).
PASSAGE = 480
PASSAGE_LEAD = 80
RESULTS_PER_PAGE = 20
MAX_PAGE = 10
# Ranking reads each candidate's statistics: a query matching tens of
# thousands of stories ranks only the newest CANDIDATES matches and the newest
# CANDIDATES headline matches (so that an older story with the words in its
# headline still comes first). The pages never reach past them. Each look for
# a common word reads as many matches as this: 200 keeps a page within a few
# milliseconds of database work at 100,000 stories (1,000 cost it 10 to 20 ms
# more: docs/search.md).
CANDIDATES = MAX_PAGE * RESULTS_PER_PAGE
# Counts stop here and the page says "more than": as many as the pages show.
COUNT_LIMIT = CANDIDATES
# PostgreSQL looks for the newest matches among the newest WINDOWS[0] visible
# stories first (a bitmap AND of the word index and the publish-time index:
# only the rows in the window are read); if too few are there, among as many
# of the newest as the share found says hold enough (at most WINDOWS[1]); then
# among all. A common word's newest thousand are found without reading its
# tens of thousands of older matches; a rare word costs one small look more.
WINDOWS = (5_000, 50_000)
# The first window's start, kept this long by each process (see _windows_sql).
WINDOW_BOUND_SECONDS = 300
_first_bounds = Memo("search windows' first bounds", size=256)
# Suggestions as the reader types: this many stories and topics at most.
SUGGESTIONS = 5


class SearchTimeout(Exception):
    """The search statement ran out of time (settings.SEARCH_TIMEOUT_MS)."""


# Words too common to search for (a short English list, applied on both
# backends so they behave alike; PostgreSQL's own list would drop them too).
STOP_WORDS = frozenset(
    """a an and are as at be but by for from has have he her his i in is it its of on or
    she that the their them they this to was we were will with you""".split()
)

_WORD = re.compile(r"[^\W_]+")


def lower(text):
    """Lower case as both engines index text: the Turkish capital "İ" is "i"
    (Python's lower() gives "i" and a combining dot above, which is not a
    word character: "İstanbul" would be searched as "i" and "stanbul")."""
    return text.replace("İ", "i").lower()


def spellings(term):
    """The ways a story's text, as the engines index it, may spell `term` (a
    word as the reader typed it, lower case). A Turkish word typed with a
    dotless "ı" first is written with a capital "I" where it starts a
    sentence or a name ("ırak": "Irak", "ışık": "Işık"), and both engines
    lower-case that "I" to "i"."""
    if term.startswith("ı"):
        return [term, "i" + term[1:]]
    return [term]


# PostgreSQL: the stored vectors, each in the language of the story's edition
# and over the normalised text. Weights: A headline, B standfirst/tags/authors,
# C body. `summary_vector` is small and stays in the row: ranking reads it.
PG_CONFIG_SQL = languages.pg_config_sql("edition_id")
PG_FOLDS_LATIN_SQL = languages.pg_folds_latin_sql("edition_id")


def _pg_unmarked(expression):
    """PostgreSQL: `expression` with "<" and ">" replaced, so that the
    text-search parser never takes a story's text for markup (it skips a
    "<script>" element's words, and a "<tag ...>"'s). Indexing and
    highlighting both read the text through this: the same words, the same
    places."""
    return f"replace(replace({expression}, '<', '{PG_LT}'), '>', '{PG_GT}')"


def _pg_vector(columns, weight):
    # Latin accents folded first, on the text as written (the two tables
    # change different letters: the order does not matter), where the
    # edition's language folds them.
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    text = f"CASE WHEN {PG_FOLDS_LATIN_SQL} THEN {sql_fold_latin(text)} ELSE {text} END"
    return (
        f"setweight(to_tsvector({PG_CONFIG_SQL}, {_pg_unmarked(sql_translate(text))}), '{weight}')"
    )


PG_TITLE_SQL = _pg_vector(["headline"], "A")
PG_SUMMARY_SQL = f"{PG_TITLE_SQL} || {_pg_vector(['standfirst', 'tags', 'authors'], 'B')}"
PG_VECTOR_SQL = f"{PG_SUMMARY_SQL} || {_pg_vector(['body'], 'C')}"
PG_SCHEMA = [
    # Rows hold only short values; long text and the full vector live in
    # TOAST, so filtering thousands of matches reads a narrow table. The small
    # vectors prefer the row (STORAGE MAIN). One ALTER: one table rewrite.
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchdocument "
    f"ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ({PG_TITLE_SQL}) STORED, "
    f"ADD COLUMN summary_vector tsvector GENERATED ALWAYS AS ({PG_SUMMARY_SQL}) STORED, "
    f"ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({PG_VECTOR_SQL}) STORED, "
    "ALTER COLUMN title_vector SET STORAGE MAIN, "
    "ALTER COLUMN summary_vector SET STORAGE MAIN",
    "CREATE INDEX search_document_vector_idx ON search_searchdocument USING GIN (search_vector)",
    "CREATE INDEX search_document_title_idx ON search_searchdocument USING GIN (title_vector)",
]
PG_SCHEMA_REVERSE = [
    "DROP INDEX IF EXISTS search_document_title_idx",
    "DROP INDEX IF EXISTS search_document_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS summary_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
]

# SQLite: an external-content FTS5 table over a view of the documents with
# their text normalised (the text is stored once, as written); triggers keep
# it in step. Column order matters for bm25() and highlight().
FTS_COLUMNS = ["headline", "standfirst", "tags", "authors", "body"]
FTS_WEIGHTS = "10.0, 4.0, 4.0, 4.0, 1.0"
_cols = ", ".join(FTS_COLUMNS)


def _normalised(prefix):
    """The values of a row (new.* or old.*) normalised: INSERT ... SELECT this."""
    return sql_replace_select(f"{prefix}article_id", FTS_COLUMNS, prefix=prefix)


SQLITE_VIEW = "CREATE VIEW search_fts_source AS " + sql_replace_select(
    "article_id", FTS_COLUMNS, source="FROM search_searchdocument"
).replace("SELECT key,", "SELECT key AS article_id,", 1)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(rowid, {_cols}) {_normalised('new.')}; END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {_cols}) "
    f"SELECT 'delete', * FROM ({_normalised('old.')}); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {_cols}) "
    f"SELECT 'delete', * FROM ({_normalised('old.')}); "
    f"INSERT INTO search_fts(rowid, {_cols}) {_normalised('new.')}; END",
]
SQLITE_DROP_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS {name}" for name in ("search_fts_ai", "search_fts_ad", "search_fts_au")
]
SQLITE_SCHEMA = [
    SQLITE_VIEW,
    # content= the view: highlight() re-reads the normalised text the index
    # was built from; prefix indexes serve the suggestions' last, unfinished word.
    f"CREATE VIRTUAL TABLE search_fts USING fts5({_cols}, content='search_fts_source', "
    "content_rowid='article_id', prefix='2 3', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    *SQLITE_TRIGGERS,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_SCHEMA_REVERSE = [
    *SQLITE_DROP_TRIGGERS,
    "DROP TABLE IF EXISTS search_fts",
    "DROP VIEW IF EXISTS search_fts_source",
]


@dataclass
class ParsedQuery:
    """The reader's query reduced to terms the engines can take safely."""

    text: str
    terms: list[str] = field(default_factory=list)
    truncated: bool = False
    only_common_words: bool = False

    def __bool__(self):
        return bool(self.terms)

    def alternatives(self, *, latin=False):
        """Per term, its spellings (`latin`: with Latin accents folded, as
        PostgreSQL indexes most editions): a story matches one of each."""
        if not latin:
            return [spellings(term) for term in self.terms]
        return [list(dict.fromkeys(map(fold_latin, spellings(term)))) for term in self.terms]


def parse_query(text):
    # Normalised first: a short vowel inside a word must not split it.
    text = (text or "").strip()
    words = _WORD.findall(lower(normalise(text[: MAX_QUERY_CHARS * 5])))
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
    html = escape(text or "")
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def on_original(original, marked, *, latin=False):
    """The engine's marks (made on the normalised text, `latin`: with Latin
    accents folded) put on the text as stored."""
    marked = (marked or "").replace(PG_LT, "<").replace(PG_GT, ">")
    original = original or ""
    if marked.replace(MARK_START, "").replace(MARK_END, "") == original:
        return marked  # nothing was normalised (most text in Latin script)
    return realign(original, marked, MARKERS, latin=latin) or original


def snippet(text, words=SNIPPET_WORDS, fragments=2, *, cut_start=False, cut_end=False):
    """Up to `fragments` passages of about `words` words around the marked terms,
    joined and cut with "…"; the text's start if nothing is marked. `text` may
    be a passage cut out of a longer text (`cut_start`, `cut_end`): the words
    cut in two at its edges are left out, and "…" says there is more."""
    tokens = text.split()
    if cut_start and tokens and not text[:1].isspace():
        tokens = tokens[1:]
    if cut_end and tokens and not text[-1:].isspace():
        tokens = tokens[:-1]
    if not tokens:
        return ""
    marked = [n for n, token in enumerate(tokens) if MARK_START in token]
    spans = []
    for n in marked:
        if spans and n < spans[-1][1]:
            continue
        first = max(0, n - SNIPPET_LEAD)
        if spans and first < spans[-1][1]:
            first = spans[-1][1]
        spans.append((first, min(len(tokens), first + words)))
        if len(spans) == fragments:
            break
    if not spans:
        spans = [(0, min(len(tokens), words))]
    parts = []
    for first, last in spans:
        part = " ".join(tokens[first:last])
        # A cut never leaves a mark open.
        if part.count(MARK_START) > part.count(MARK_END):
            part += MARK_END
        parts.append(("… " if first or cut_start else "") + part)
    tail = "" if spans[-1][1] == len(tokens) and not cut_end else " …"
    return " ".join(parts).replace(" … … ", " … ") + tail


def hit_from(
    pk,
    headline,
    standfirst,
    body,
    marked_headline,
    marked_standfirst,
    marked_body,
    body_cut_start=False,
    body_cut_end=False,
    *,
    latin=False,
):
    """A Hit from the engine's row: the texts as stored and as marked (the
    body may be the passage around its first match: cut at the start, the
    end; `latin`: marked on text with its Latin accents folded)."""
    body = on_original(body, marked_body, latin=latin)
    standfirst = on_original(standfirst, marked_standfirst, latin=latin)
    # The body's passage if the terms are in it, else the standfirst's.
    if MARK_START in body or not standfirst:
        text = snippet(body, cut_start=body_cut_start, cut_end=body_cut_end)
    else:
        text = snippet(standfirst)
    return Hit(
        article_id=pk,
        headline_html=marked_html(on_original(headline, marked_headline, latin=latin)),
        snippet_html=marked_html(text),
    )


def _visible_where(*, edition, section=None, since=None, until=None):
    """SQL on "search_searchdocument" keeping the edition's matches readers may see.

    The same test as `Article.objects.published()`, on the document's copies
    of status and publish time, so no article row is read per match. The view
    then fetches the page's stories through `published()` itself, which stays
    the authority on what is shown.
    """
    queryset = SearchDocument.objects.filter(
        visibility.visible_q(timezone.now()), edition_id=edition
    )
    if section is not None:
        queryset = queryset.filter(section=section)
    if since is not None:
        queryset = queryset.filter(publish_at__gte=since)
    if until is not None:
        queryset = queryset.filter(publish_at__lt=until)
    query = queryset.query
    sql, params = query.get_compiler(connection=reads()).compile(query.where)
    return sql, list(params)


def _enough():
    """How many matches a search looks for: enough for the candidates, and to
    tell that the count is past COUNT_LIMIT."""
    return max(CANDIDATES, COUNT_LIMIT + 1)


def _timeout_ms():
    return settings.SEARCH_TIMEOUT_MS


def reads():
    """The connection searches read on: the reader pages' (settings.READS_DATABASE).
    On PostgreSQL in production that one keeps prepared statements with
    generic plans: a search's statement, the same text for every query of
    its shape, is planned once per connection, not on every page (2 to 3 ms
    of a page). Index updates (bulk_loading) stay on the default connection."""
    return connections[settings.READS_DATABASE]


@contextmanager
def _transaction(db, sql, params):
    """A transaction on `db` that first runs `sql` (a statement that fails only
    with its connection). The reads connection skips Django's health check:
    if the server dropped it (a restart), that first statement fails, and the
    connection is replaced and the transaction begun again, once (inside an
    outer transaction it cannot be). A failure after that is the caller's.

    Unlike reader.sql.run, it cannot ask is_usable() whether the connection
    or the statement failed: leaving atomic() after the failure, Django
    closes the broken connection and its set_autocommit(True) opens a new
    one, which is usable. The first statement here fails only with its
    connection, so its failure is enough."""
    for attempt in (1, 2):
        begun = False
        try:
            with transaction.atomic(using=db.alias):
                with db.cursor() as cursor:
                    cursor.execute(sql, params)
                begun = True
                yield
            return
        except (InterfaceError, OperationalError):
            if begun or attempt == 2 or db.in_atomic_block:
                raise
            db.close()


class SearchBackend:
    """count(), search() and suggest() of one database; edition is a code ("en")."""

    def count(self, query, *, edition=languages.DEFAULT_EDITION, **filters):
        raise NotImplementedError

    def search(self, query, *, offset, limit, edition=languages.DEFAULT_EDITION, **filters):
        raise NotImplementedError

    def page(self, query, *, number, per_page, edition=languages.DEFAULT_EDITION, **filters):
        """(count, number, hits): the count as count() gives it, and the hits of
        page `number` (1-based) of `per_page`, or of the last page if there are
        fewer pages than that; the backends answer it in one statement."""
        total = self.count(query, edition=edition, **filters)
        pages = max(1, -(-min(total, COUNT_LIMIT) // per_page))
        number = min(number, pages)
        hits = self.search(
            query, edition=edition, offset=(number - 1) * per_page, limit=per_page, **filters
        )
        return total, number, hits if total else []

    def suggest(self, query, *, edition=languages.DEFAULT_EDITION, limit=SUGGESTIONS):
        """[(article_id, headline)] of the newest visible stories whose headline
        has every word typed, the last one as a prefix."""
        raise NotImplementedError

    @contextmanager
    def time_limit(self, enabled=True, *, fresh_plans=False):
        """Statements run inside are stopped after SEARCH_TIMEOUT_MS: SearchTimeout.
        (enabled=False: none will run; nothing to set up.) fresh_plans: each
        statement is planned for its values, never by a plan kept for any
        (suggestions: how many headlines a prefix matches decides the plan)."""
        yield

    @contextmanager
    def bulk_loading(self):
        yield


class PostgresBackend(SearchBackend):
    @contextmanager
    def time_limit(self, enabled=True, *, fresh_plans=False):
        if not enabled:
            yield
            return
        # Settings local to the transaction (SET LOCAL): they never outlive the
        # search. Besides the time limit, no sequential scans: the planner
        # prices `search_vector @@ q` on every row as cheap, not knowing that
        # each test reads a 3 kB vector from TOAST (a common word's count took
        # seconds that way; the GIN index answers it in milliseconds).
        # Otherwise the connection's plans (the reads connection: prepared, generic).
        plans = "force_custom_plan" if fresh_plans else None
        try:
            with _transaction(
                reads(),
                "SELECT set_config('statement_timeout', %s, true), "
                "set_config('enable_seqscan', 'off', true), "
                "set_config('plan_cache_mode', "
                "coalesce(%s, current_setting('plan_cache_mode')), true)",
                [str(int(_timeout_ms())), plans],
            ):
                yield
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise SearchTimeout from error
            raise

    @staticmethod
    def _bound_sql(visible, offset):
        """The publish time of the oldest of the newest `offset` + 1 visible
        stories (with the filters): NULL if there are not that many."""
        table = "search_searchdocument"
        return f"""(SELECT {table}.publish_at FROM {table} WHERE {visible}
                ORDER BY {table}.publish_at DESC OFFSET {offset} LIMIT 1)"""

    def _windows_sql(self, visible, names, edition, filters):
        """CTE `window_1`: where the first look starts (shared by both looks).

        It moves only as stories are published, and any start gives the same
        answer (a look that finds too few goes on to the next): each process
        works it out once per edition and filters every WINDOW_BOUND_SECONDS
        (an index-only walk through the newest WINDOWS[0] stories, ~1 ms a
        search otherwise). Opaque to the planner (a CTE), as the windows'
        other bounds are."""
        key = (
            edition,
            tuple(sorted((name, str(value)) for name, value in filters.items())),
            WINDOWS[0],
            int(time.time() // WINDOW_BOUND_SECONDS),
        )

        def compute():
            with reads().cursor() as cursor:
                cursor.execute(f"SELECT {self._bound_sql(visible, WINDOWS[0] - 1)}", names)
                return cursor.fetchone()[0]

        names["window_1"] = _first_bounds.get(key, compute)
        return "window_1 AS MATERIALIZED (SELECT %(window_1)s::timestamptz AS since)"

    def _matches_sql(self, name, vector, visible, *, limit, columns="", unless=None):
        """CTE `{name}`: the newest `limit` visible matches of `vector`
        (article_id, publish_at and `columns`, computed on the row each look
        reads anyway), or none if `unless` (SQL) holds, found in at most three
        looks:

        1. among the newest WINDOWS[0] stories (CTE `{name}_1`); if too few
           matches are there, and the window was not every story:
        2. among as many of the newest stories as the first look's share of
           matches says hold enough (a quarter more), if that is at most
           WINDOWS[1]; if not, or if that look too finds too few:
        3. among all stories.

        A look runs only if the ones before did not find the answer (one-time
        filters on the counts: nothing is read otherwise)."""
        table = "search_searchdocument"
        first, widest = WINDOWS
        found_1, found_2 = (f"(SELECT n FROM {name}_{n}_found)" for n in (1, 2))
        since_1, since_2 = "(SELECT since FROM window_1)", f"(SELECT since FROM {name}_window_2)"
        # How many of the newest stories the second look reads.
        wide = f"{first} * {limit} * 5 / (4 * GREATEST({found_1}, 1))"
        failed_1 = f"({found_1} < {limit} AND {since_1} IS NOT NULL)"
        ran_2 = f"({failed_1} AND {found_1} > 0 AND {wide} <= {widest})"
        failed_2 = f"({ran_2} AND {found_2} < {limit} AND {since_2} IS NOT NULL)"
        ran_3 = f"({failed_1} AND (NOT {ran_2} OR {failed_2}))"

        # `unless` first: it is tested once, before anything else is read.
        skip = [f"NOT {unless}"] if unless else []

        def look(n, *conditions, filters=visible):
            where = " AND ".join([*skip, f"{table}.{vector} @@ q.q", filters, *conditions])
            return f"""{name}_{n} AS MATERIALIZED (
                    SELECT {table}.article_id, {table}.publish_at{columns} FROM {table}, q
                    WHERE {where}
                    ORDER BY {table}.publish_at DESC LIMIT {limit})"""

        return ",\n".join(
            [
                look(1, f"{table}.publish_at >= coalesce({since_1}, '-infinity')"),
                f"{name}_1_found AS MATERIALIZED (SELECT count(*) AS n FROM {name}_1)",
                f"""{name}_window_2 AS MATERIALIZED (SELECT (
                    SELECT {table}.publish_at FROM {table} WHERE {visible}
                    ORDER BY {table}.publish_at DESC OFFSET ({wide}) - 1 LIMIT 1) AS since)""",
                look(2, ran_2, f"{table}.publish_at >= coalesce({since_2}, '-infinity')"),
                f"{name}_2_found AS MATERIALIZED (SELECT count(*) AS n FROM {name}_2)",
                # Among all: the filters tested on each match's row, never a
                # bitmap of every visible story (a plan made for any edition
                # and time, as the prepared statement's is, would pick one).
                look(3, ran_3, filters=f"({visible}) IS TRUE"),
                f"""{name} AS MATERIALIZED (
                    SELECT * FROM {name}_1 WHERE NOT {failed_1}
                    UNION ALL SELECT * FROM {name}_2 WHERE NOT {failed_2}
                    UNION ALL SELECT * FROM {name}_3)""",
            ]
        )

    def _named(self, edition, filters):
        visible, params = _visible_where(edition=edition, **filters)
        # The filters' %s placeholders become named ones: the SQL uses them often.
        names = {f"v{n}": value for n, value in enumerate(params)}
        numbered = iter(names)
        visible = re.sub(r"(?<!%)%s", lambda _: f"%({next(numbered)})s", visible)
        return visible, names

    @staticmethod
    def tsquery(query, language, *, prefix=False):
        """to_tsquery's text for `query` in `language`: each term's spellings
        ORed, the terms ANDed; `prefix`: the last term as a prefix. Terms hold
        word characters only: none is to_tsquery syntax."""
        groups = query.alternatives(latin=language.folds_latin)
        if prefix:
            groups[-1] = [f"{word}:*" for word in groups[-1]]
        return " & ".join(f"({' | '.join(spelt)})" for spelt in groups)

    def count(self, query, *, edition=languages.DEFAULT_EDITION, **filters):
        visible, names = self._named(edition, filters)
        language = languages.pg_language(edition)
        sql = f"""
            WITH q AS MATERIALIZED (SELECT to_tsquery(%(config)s::regconfig, %(query)s) AS q),
            {self._windows_sql(visible, names, edition, filters)},
            {self._matches_sql("matches", "search_vector", visible, limit=COUNT_LIMIT + 1)}
            SELECT count(*) FROM matches"""
        with reads().cursor() as cursor:
            cursor.execute(
                sql,
                {"config": language.config, "query": self.tsquery(query, language), **names},
            )
            return cursor.fetchone()[0]

    def search(self, query, *, offset, limit, edition=languages.DEFAULT_EDITION, **filters):
        return self._page(query, edition, filters, limit=limit, offset=offset)[2]

    def page(self, query, *, number, per_page, edition=languages.DEFAULT_EDITION, **filters):
        return self._page(query, edition, filters, limit=per_page, number=number)

    def _page(self, query, edition, filters, *, limit, offset=None, number=None):
        """(count, page number shown, hits) in one statement."""
        visible, names = self._named(edition, filters)
        language = languages.pg_language(edition)
        whole = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"

        def marked(column):
            # Read as the index read it (normalised only where there is
            # something to normalise).
            text = _pg_unmarked(sql_normalise_quickly(column, latin=language.folds_latin))
            return f"ts_headline(%(config)s::regconfig, {text}, q.q, %(whole)s)"

        # The body's passage, PASSAGE characters from PASSAGE_LEAD before the
        # first place one of the query's lexemes is spelt out in it: found by
        # a pattern taking every form of each letter, short vowels or tatweel
        # between them, at a word's edges where the configuration keeps them
        # (languages.Language). Whether the body holds a lexeme at all
        # is read off the stored vector (the body's weight, C): where it holds
        # none (the words are in the headline, standfirst, tags or bylines),
        # the body is not marked (its start is the passage) and the standfirst
        # is; where it holds one that is not spelt out (a stem like "citi"),
        # the whole body is marked. OFFSET 0 keeps each computed once a row
        # (the planner would copy the expressions into every place that reads them).
        passage = f"""CROSS JOIN LATERAL (
                SELECT CASE WHEN start IS NULL THEN d.body
                            ELSE substr(d.body, start, {PASSAGE}) END AS text,
                       in_body,
                       coalesce(start > 1, false) AS cut_start,
                       coalesce(length(d.body) >= start + {PASSAGE}, false) AS cut_end
                FROM (SELECT in_body, CASE WHEN NOT in_body THEN 1
                                           WHEN place > 0 THEN greatest(1, place - {PASSAGE_LEAD})
                                      END AS start
                      FROM (SELECT in_body, CASE WHEN in_body
                                                 THEN regexp_instr(d.body, q.spelt) END AS place
                            FROM (SELECT coalesce(d.search_vector @@ q.in_body, false) AS in_body
                                  OFFSET 0) AS body
                            OFFSET 0) AS first) AS found
                OFFSET 0
            ) AS passage"""

        if number is None:
            shown = "SELECT %(offset)s / %(limit)s + 1 AS number, %(offset)s AS skip"
        else:
            # The page asked for, or the last page if there are fewer now.
            shown = f"""SELECT n.number, (n.number - 1) * %(limit)s AS skip FROM (
                SELECT LEAST(%(number)s, GREATEST(1,
                    (LEAST(total.n, {COUNT_LIMIT}) + %(limit)s - 1) / %(limit)s)) AS number
                FROM total) AS n"""
        # The newest CANDIDATES matches and the newest CANDIDATES headline
        # matches (each from a GIN index, in the newest window that
        # has enough), ranked on the small summary vector, which each look
        # reads on the row it visits anyway (no second visit per candidate);
        # the text of the one page shown is read and highlighted. The count
        # is that of the matches found (at most COUNT_LIMIT + 1: "more than").
        ranked = ", ts_rank(search_searchdocument.summary_vector, q.q) AS rank"
        in_title = "search_searchdocument.title_vector @@ q.q"
        enough = _enough()
        # As many headline matches as `enough` tell that the headline
        # matches fill every page and that the count is past COUNT_LIMIT:
        # then the matches anywhere are not looked for (a word of many
        # headlines, as readers search for most). The headline matches among
        # the newest CANDIDATES matches are all among the newest CANDIDATES
        # headline matches, and rank before the rest: no page changes.
        in_headline = self._matches_sql(
            "in_headline",
            "title_vector",
            visible,
            limit=enough,
            columns=f", true AS in_headline{ranked}",
        )
        matches = self._matches_sql(
            "matches",
            "search_vector",
            visible,
            limit=enough,
            columns=f", {in_title} AS in_headline{ranked}",
            unless=f"((SELECT count(*) FROM in_headline) >= {enough})",
        )
        sql = f"""
            WITH q AS MATERIALIZED (
                SELECT to_tsquery(%(config)s::regconfig, %(query)s) AS q,
                       (SELECT string_agg(quote_literal(lexeme) || ':C', ' | ')
                        FROM unnest(lexemes) AS lexeme)::tsquery AS in_body,
                       '(?i)' || %(before)s || '(?:' || (
                           SELECT string_agg({sql_spelling_pattern("lexeme")}, '|')
                           FROM unnest(lexemes) AS lexeme) || ')' || %(after)s AS spelt
                FROM (SELECT tsvector_to_array(
                          to_tsvector(%(config)s::regconfig, %(terms)s)) AS lexemes) AS parsed
            ),
            {self._windows_sql(visible, names, edition, filters)},
            {in_headline},
            {matches},
            total AS MATERIALIZED (SELECT LEAST(GREATEST(
                (SELECT count(*) FROM matches), (SELECT count(*) FROM in_headline)
            ), {COUNT_LIMIT + 1}) AS n),
            shown AS MATERIALIZED ({shown}),
            page AS MATERIALIZED (
                SELECT * FROM (
                    SELECT * FROM in_headline ORDER BY publish_at DESC, article_id DESC
                    LIMIT {CANDIDATES}) AS headline_candidates
                UNION ALL
                SELECT * FROM (
                    SELECT * FROM matches ORDER BY publish_at DESC, article_id DESC
                    LIMIT {CANDIDATES}) AS newest
                WHERE newest.article_id NOT IN (SELECT article_id FROM in_headline)
                ORDER BY in_headline DESC, rank DESC, publish_at DESC, article_id DESC
                LIMIT %(limit)s OFFSET (SELECT skip FROM shown)
            )
            SELECT total.n, shown.number, page.article_id, d.headline, d.standfirst,
                   passage.text, {marked("d.headline")},
                   CASE WHEN NOT passage.in_body THEN {marked("d.standfirst")} END,
                   CASE WHEN passage.in_body THEN {marked("passage.text")} ELSE passage.text END,
                   passage.cut_start, passage.cut_end
            FROM total CROSS JOIN shown CROSS JOIN q
            LEFT JOIN (page JOIN search_searchdocument d USING (article_id) {passage}) ON true
            ORDER BY page.in_headline DESC, page.rank DESC, page.publish_at DESC,
                     page.article_id DESC
        """
        with reads().cursor() as cursor:
            cursor.execute(
                sql,
                {
                    "config": language.config,
                    "query": self.tsquery(query, language),
                    "terms": " ".join(
                        word
                        for spelt in query.alternatives(latin=language.folds_latin)
                        for word in spelt
                    ),
                    "before": language.before,
                    "after": language.after,
                    "whole": whole,
                    "limit": limit,
                    "offset": offset,
                    "number": number,
                    **names,
                },
            )
            rows = cursor.fetchall()
        total, shown_number = rows[0][:2]
        latin = language.folds_latin  # the marks were made on folded text
        hits = [hit_from(*row[2:], latin=latin) for row in rows if row[2] is not None]
        return total, shown_number, hits

    def suggest(self, query, *, edition=languages.DEFAULT_EDITION, limit=SUGGESTIONS):
        if not query:
            return []
        visible, params = _visible_where(edition=edition)
        language = languages.pg_language(edition)
        text = self.tsquery(query, language, prefix=True)
        with reads().cursor() as cursor:
            cursor.execute(
                f"""SELECT article_id, headline FROM search_searchdocument
                WHERE title_vector @@ to_tsquery(%s::regconfig, %s) AND {visible}
                ORDER BY publish_at DESC LIMIT {int(limit)}""",
                [language.config, text, *params],
            )
            return cursor.fetchall()


class SQLiteBackend(SearchBackend):
    @staticmethod
    def match_expression(query, *, column=None, prefix=False):
        # Every term is a quoted FTS5 string (terms hold word characters only,
        # never quotes), so no reader input is parsed as FTS5 syntax.
        star = "*" if prefix else ""
        quoted = [[f'"{word}"' for word in spelt] for spelt in query.alternatives()]
        quoted[-1] = [word + star for word in quoted[-1]]
        terms = " AND ".join(
            spelt[0] if len(spelt) == 1 else f"({' OR '.join(spelt)})" for spelt in quoted
        )
        return f"{column} : ({terms})" if column else terms

    @contextmanager
    def time_limit(self, enabled=True, *, fresh_plans=False):
        if not enabled:
            yield
            return
        # SQLite has no statement timeout: a progress handler, called every
        # 10,000 virtual machine steps, interrupts a statement past its time.
        deadline = time.monotonic() + _timeout_ms() / 1000
        timed_out = False

        def check():
            nonlocal timed_out
            timed_out = time.monotonic() > deadline
            return timed_out

        db = reads()
        db.ensure_connection()
        raw = db.connection
        raw.set_progress_handler(check, 10_000)
        try:
            yield
        except OperationalError as error:
            if timed_out:
                raise SearchTimeout from error
            raise
        finally:
            raw.set_progress_handler(None, 0)

    def count(self, query, *, edition=languages.DEFAULT_EDITION, **filters):
        visible, params = _visible_where(edition=edition, **filters)
        with reads().cursor() as cursor:
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

    def search(self, query, *, offset, limit, edition=languages.DEFAULT_EDITION, **filters):
        return self._page(query, edition, filters, limit=limit, offset=offset)[2]

    def page(self, query, *, number, per_page, edition=languages.DEFAULT_EDITION, **filters):
        return self._page(query, edition, filters, limit=per_page, number=number)

    def _page(self, query, edition, filters, *, limit, offset=None, number=None):
        """(count, page number shown, hits) in one statement."""
        visible, params = _visible_where(edition=edition, **filters)
        start, end = MARK_START, MARK_END
        match = self.match_expression(query)
        in_headline = self.match_expression(query, column="headline")
        enough = _enough()

        # FTS5 hands out matches newest-added first (rowid = article id, in
        # descending order, no sort); the CROSS JOIN checks each in the covering
        # filters index and stops at CANDIDATES (the matches anywhere: one more
        # than the count needs). bm25() is computed for those only, the
        # headline matches (a headline-only MATCH) rank first, and the page's
        # text is read and highlighted for its rows only.
        def candidates(expression, how_many):
            return f"""
                SELECT search_fts.rowid AS id, bm25(search_fts, {FTS_WEIGHTS}) AS score,
                       search_searchdocument.publish_at AS published
                FROM search_fts CROSS JOIN search_searchdocument
                    ON search_searchdocument.article_id = search_fts.rowid
                WHERE search_fts MATCH {expression} AND {visible}
                ORDER BY search_fts.rowid DESC LIMIT {how_many}"""

        if number is None:
            shown = "SELECT %s / %s + 1 AS number, %s AS skip"
            shown_params = [offset, limit, offset]
        else:
            # The page asked for, or the last page if there are fewer now.
            shown = f"""SELECT number, (number - 1) * %s AS skip FROM (
                SELECT min(%s, max(1, (min(n, {COUNT_LIMIT}) + %s - 1) / %s)) AS number
                FROM total)"""
            shown_params = [limit, number, limit, limit]
        sql = f"""
            WITH in_headline AS MATERIALIZED ({candidates("%s", CANDIDATES)}),
            anywhere AS MATERIALIZED ({candidates("%s", enough)}),
            total AS MATERIALIZED (SELECT min(count(*), {COUNT_LIMIT + 1}) AS n FROM anywhere),
            shown AS MATERIALIZED ({shown}),
            page AS MATERIALIZED (
                SELECT id, 1 AS first, score, published FROM in_headline
                UNION ALL
                SELECT id, 0, score, published FROM (
                    SELECT * FROM anywhere ORDER BY id DESC LIMIT {CANDIDATES})
                WHERE id NOT IN (SELECT id FROM in_headline)
                ORDER BY first DESC, score, published DESC, id DESC
                LIMIT %s OFFSET (SELECT skip FROM shown)
            ),
            hits AS (
                SELECT page.id, page.first, page.score, page.published,
                       d.headline, d.standfirst, d.body,
                       highlight(search_fts, 0, %s, %s) AS marked_headline,
                       highlight(search_fts, 1, %s, %s) AS marked_standfirst,
                       highlight(search_fts, 4, %s, %s) AS marked_body
                FROM page
                JOIN search_fts ON search_fts.rowid = page.id
                JOIN search_searchdocument d ON d.article_id = page.id
                WHERE search_fts MATCH %s
            )
            SELECT total.n, shown.number, hits.id, hits.headline, hits.standfirst, hits.body,
                   hits.marked_headline, hits.marked_standfirst, hits.marked_body
            FROM total CROSS JOIN shown LEFT JOIN hits
            ORDER BY hits.first DESC, hits.score, hits.published DESC, hits.id DESC
        """
        with reads().cursor() as cursor:
            cursor.execute(
                sql,
                [
                    in_headline,
                    *params,
                    match,
                    *params,
                    *shown_params,
                    limit,
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
        total, shown_number = rows[0][:2]
        hits = [hit_from(*row[2:]) for row in rows if row[2] is not None]
        return total, shown_number, hits

    def suggest(self, query, *, edition=languages.DEFAULT_EDITION, limit=SUGGESTIONS):
        if not query:
            return []
        visible, params = _visible_where(edition=edition)
        with reads().cursor() as cursor:
            cursor.execute(
                # The newest-added matches (FTS5's own order), newest published first.
                f"""SELECT id, headline FROM (
                    SELECT search_fts.rowid AS id, search_searchdocument.headline,
                           search_searchdocument.publish_at
                    FROM search_fts CROSS JOIN search_searchdocument
                        ON search_searchdocument.article_id = search_fts.rowid
                    WHERE search_fts MATCH %s AND {visible}
                    ORDER BY search_fts.rowid DESC LIMIT {int(limit) * 4}
                ) ORDER BY publish_at DESC, id DESC LIMIT {int(limit)}""",
                [self.match_expression(query, column="headline", prefix=True), *params],
            )
            return cursor.fetchall()

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
