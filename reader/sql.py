"""Model instances from hand-written SQL, for the pages readers hit hardest.

On a page nobody asked for lately, building SQL was most of the time the
database layer took: compiling a `select_related` queryset costs a few hundred
microseconds, running it on an index a few dozen. `Select` builds its SQL once
per database and turns rows into ordinary model instances, with the same
converters Django's compiler applies (so dates, booleans and JSON come out as
the ORM gives them) and related objects attached as `select_related` would.
Every model method and property keeps working on what it returns.

    ARTICLE = Select(Article, "a", joins=[Join("section", Section, "s"), ...])
    ARTICLE.sql(db)  -> "SELECT a.id, ..., s.id, ... FROM ..."
    ARTICLE.build(db, row) -> Article with .section (and the other joins) set

Queries stay ordinary SQL on the project's tables and columns (from each
model's _meta), portable between SQLite and PostgreSQL.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.db.models import DateTimeField, Expression
from django.db.models.sql import Query
from django.utils import timezone

from articles import visibility
from articles.models import Article
from pagecache.memos import Memo


def reads_db():
    """The database alias of these reads (settings.READS_DATABASE)."""
    return settings.READS_DATABASE


@dataclass(frozen=True)
class Join:
    """A forward foreign key of the main model, loaded as select_related does.
    `outer` for nullable keys (LEFT JOIN: the attribute is None without a row)."""

    name: str
    model: type
    alias: str
    fields: tuple = ()
    outer: bool = False


@dataclass
class _Part:
    model: type
    alias: str
    fields: list = field(default_factory=list)

    def columns(self, qn):
        return [f"{self.alias}.{qn(f.column)}" for f in self.fields]


def _fields(model, names):
    concrete = model._meta.concrete_fields
    if not names:
        return list(concrete)
    wanted = set(names) | {model._meta.pk.name}
    return [f for f in concrete if f.name in wanted or f.attname in wanted]


class Select:
    """SELECT the fields of `model` (all, or `fields`), with `joins`."""

    def __init__(self, model, alias, *, fields=(), joins=()):
        self.model = model
        self.main = _Part(model, alias, _fields(model, fields))
        self.joins = list(joins)
        self.parts = [self.main] + [
            _Part(join.model, join.alias, _fields(join.model, join.fields)) for join in self.joins
        ]
        self._converters = {}
        self._sql = {}

    def sql(self, db):
        """SELECT ... FROM ... JOIN ...: add WHERE, ORDER BY, LIMIT to taste."""
        if db not in self._sql:
            self._sql[db] = self._make_sql(db)
        return self._sql[db]

    def _make_sql(self, db):
        ops = connections[db].ops
        qn = ops.quote_name
        columns = [column for part in self.parts for column in part.columns(qn)]
        sql = f"SELECT {', '.join(columns)} FROM {qn(self.model._meta.db_table)} {self.main.alias}"
        for join in self.joins:
            fk = self.model._meta.get_field(join.name)
            kind = "LEFT OUTER JOIN" if join.outer else "INNER JOIN"
            sql += (
                f" {kind} {qn(join.model._meta.db_table)} {join.alias}"
                f" ON {self.main.alias}.{qn(fk.column)} = {join.alias}.{qn(fk.target_field.column)}"
            )
        return sql

    def converters(self, db):
        """Per column: the converters the ORM's compiler would apply."""
        found = self._converters.get(db)
        if found is None:
            connection = connections[db]
            found = []
            for part in self.parts:
                for f in part.fields:
                    col = f.get_col(part.alias)
                    functions = connection.ops.get_db_converters(col) + col.get_db_converters(
                        connection
                    )
                    found.append((col, functions))
            self._converters[db] = found
        return found

    def convert(self, db, row):
        """The row's values as the ORM would give them (dates, booleans, JSON)."""
        connection = connections[db]
        values = list(row)
        for index, (col, functions) in enumerate(self.converters(db)):
            if functions:
                value = values[index]
                for function in functions:
                    value = function(value, col, connection)
                values[index] = value
        return values

    def build(self, db, row):
        """The main model's instance from one row, joined instances attached."""
        values = self.convert(db, row)
        start = 0
        instances = []
        for part in self.parts:
            width = len(part.fields)
            chunk = values[start : start + width]
            start += width
            if chunk[0] is None:  # no row on an outer join
                instances.append(None)
            else:
                instances.append(part.model.from_db(db, [f.attname for f in part.fields], chunk))
        main = instances[0]
        for join, related in zip(self.joins, instances[1:], strict=True):
            main._state.fields_cache[join.name] = related
        return main

    def execute(self, db, sql, params=()):
        """Raw rows of `sql`, which selects this Select's columns."""
        return run(db, sql, params)

    def fetch(self, db, tail="", params=()):
        """Instances for `SELECT ... tail` (WHERE / ORDER BY / LIMIT)."""
        return [self.build(db, row) for row in self.execute(db, f"{self.sql(db)} {tail}", params)]

    def names(self):
        """ "alias.attname" of each selected column, in order."""
        return [f"{part.alias}.{f.attname}" for part in self.parts for f in part.fields]


def run(db, sql, params=()):
    """fetchall() of a read on database `db`. A kept connection the server has
    dropped (a restart, a failover) is replaced and the read run again, once:
    the reads connection skips Django's health check, a round trip before
    every request's first query (settings.DATABASES["reads"])."""
    connection = connections[db]
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    except (InterfaceError, OperationalError):
        if connection.in_atomic_block or connection.is_usable():
            raise  # the query failed, not the connection
        connection.close()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def table(model):
    """The model's quoted table name."""
    return connections[reads_db()].ops.quote_name(model._meta.db_table)


def column(model, name):
    """The quoted column of the model's field `name`."""
    return connections[reads_db()].ops.quote_name(model._meta.get_field(name).column)


def json_datetime(text):
    """A time read from a JSON value the database wrote: aware, in UTC
    where the text has no offset (SQLite keeps UTC without one)."""
    when = datetime.fromisoformat(text)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def datetime_param(value):
    """An aware datetime as a query parameter, as the ORM would pass it."""
    return connections[reads_db()].ops.adapt_datetimefield_value(value)


# --- "Visible to readers", compiled -------------------------------------------


class _RequestTime(Expression):
    """The time of the request, as visible_q() sees it while being compiled:
    a parameter each query fills with the current time. Arithmetic a rule
    does on it (an embargo of an hour, say) is done by the database."""

    output_field = DateTimeField()

    def as_sql(self, compiler, connection):
        return "%s", [_REQUEST_TIME]


_REQUEST_TIME = object()
_visible_sql = Memo("visible_q as SQL", size=32)


def visible(model, alias):
    """articles.visibility.visible_q(now) as SQL on `alias`, a table of
    `model` (an Article, a list row or a search document): (sql, params).

    Compiled from the Q once per database, model and alias, so the rule is
    written once, in articles/visibility.py, and the reader pages pay for
    no query compilation."""
    db = reads_db()
    sql, params = _visible_sql.get(
        (db, model, alias),
        lambda: compile_q(visibility.visible_q(_RequestTime()), model, alias, db),
    )
    now = datetime_param(timezone.now())
    return sql, [now if value is _REQUEST_TIME else value for value in params]


def compile_q(q, model, alias, db):
    """A Q on `model` as (SQL, params), its columns on table alias `alias`."""
    query = Query(model)
    where = query.build_where(q).relabeled_clone({model._meta.db_table: alias})
    return where.as_sql(query.get_compiler(using=db), connections[db])


# --- "In this edition" --------------------------------------------------------


def in_edition(alias, code):
    """The edition condition of a story list or page, on `alias` (a table of
    Article): (sql, params). Every reader query of stories adds it next to
    visible(); `code` is reader.editions.current_code() unless a page of
    another edition is being built."""
    return f"{alias}.{column(Article, 'edition')} = %s", [code]
