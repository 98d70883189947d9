"""What readers may see: the one definition.

`visible_q(at)` is the condition for "a story readers may see at time `at`".
Every reader surface derives from it: `Article.objects.published()`,
`Article.is_published`, the list rows and the search documents (which carry
copies of the same fields), the SQL the reader pages build once
(reader/sql.py compiles this Q), the breaking banner, the page cache's next due
time and the admin's "scheduled" filter. Change it here and every page, list,
feed, sitemap, count and search result follows.

It names only fields every copy of a story's status carries: the status and
the publish time, on `Article`, on the list rows (`articles.ListedArticle`)
and on the search document. This module imports nothing of the project, so
anything may import it.

The status is compared with the `literal` lookup: the value is written into
the SQL rather than bound, so that SQLite and PostgreSQL (with generic plans)
can use the partial indexes `WHERE status = 'published'`, which a bound
parameter hides from them.
"""

import operator
import re

from django.db.models import CharField, Q
from django.db.models.lookups import Exact

PUBLISHED = "published"
# The field whose time, once reached, makes a published story visible: the
# moment a page changes by itself (the page cache's next due time).
CLOCK_FIELD = "publish_at"


def visible_q(at):
    """Stories readers may see at `at` (an aware datetime)."""
    return Q(status__literal=PUBLISHED, **{f"{CLOCK_FIELD}__lte": at})


def scheduled_q(at):
    """Stories readers will see when the clock reaches their CLOCK_FIELD,
    not yet at `at` (a range of that field: the partial indexes serve it in
    order, for the next due time)."""
    return Q(status__literal=PUBLISHED, **{f"{CLOCK_FIELD}__gt": at})


def shown_or_due_q(at):
    """Stories on a reader's page at `at`, or due on one by the clock alone:
    what a change to them must refresh."""
    return visible_q(at) | scheduled_q(at)


def is_visible(story, at):
    """visible_q(at) for one object (an Article, a list row, a card...)."""
    return matches(visible_q(at), story)


# --- The literal lookup --------------------------------------------------------

_SAFE_LITERAL = re.compile(r"[A-Za-z0-9_-]{1,40}").fullmatch


@CharField.register_lookup
class Literal(Exact):
    """`field__literal="published"`: equality with the value written into the
    SQL. Only plain words are accepted, so nothing can be injected."""

    lookup_name = "literal"

    def process_rhs(self, compiler, connection):
        if not isinstance(self.rhs, str) or not _SAFE_LITERAL(self.rhs):
            raise ValueError(f"Not a literal a query may carry: {self.rhs!r}")
        return f"'{self.rhs}'", []

    def get_rhs_op(self, connection, rhs):
        return f"= {rhs}"


# --- A Q, evaluated on one object ----------------------------------------------

_COMPARE = {
    "exact": operator.eq,
    "literal": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def matches(q, obj):
    """Whether `obj` satisfies `q`, as the database would say, without a query.

    For the plain conditions visibility uses: the lookups above, `in` and
    `isnull`, combined with AND, OR and NOT. A comparison with a missing
    value (NULL) is false, as in SQL. Any other lookup raises, so a rule
    this cannot follow fails in the tests, not silently in production."""
    results = (
        matches(child, obj) if isinstance(child, Q) else _condition(*child, obj)
        for child in q.children
    )
    found = all(results) if q.connector == Q.AND else any(results)
    return not found if q.negated else found


def _condition(lookup, value, obj):
    name, _, kind = lookup.partition("__")
    kind = kind or "exact"
    current = getattr(obj, name)
    if kind == "isnull":
        return (current is None) == bool(value)
    if current is None:
        return False
    if kind == "in":
        return current in value
    compare = _COMPARE.get(kind)
    if compare is None:
        raise ValueError(f"visibility.matches() does not know the lookup {lookup!r}")
    return compare(current, value)
