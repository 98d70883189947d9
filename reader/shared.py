"""What every reader page shows besides its own content, in one cache read
(one copy per edition).

The masthead's sections, the footer's publication pages, the breaking-news
banner and The Latest (the newest stories, and the article sidebar made from
them) are the same on every page
until a story readers see changes (tags.LATEST), something site-wide
changes (tags.SITE: a section, a banner, a page in the footer), or the clock reaches the next due time
(a scheduled story going live, a banner ending). One memo holds them all
(pagecache.store.memo), so a page that is not in the page cache gets them
with a single cache round trip and no query. Each request reads it at most
once (kept on the request).
"""

import logging
import pickle

from django.db import DatabaseError
from django.db.models import Value
from django.template.loader import render_to_string

from articles.models import Section
from pagecache.store import memo
from pages.models import Page
from reader import tags
from reader.breaking import current_breaking
from reader.cards import Card, CardImage, CardSection, cards
from reader.editions import current_code

log = logging.getLogger(__name__)

# The front page shows 13 of the newest stories, the article sidebar 10 plus
# the one being read.
NEWEST = 14
SIDEBAR_LENGTH = 10
EMPTY = {"newest": [], "sections": [], "pages": [], "breaking": None, "sidebar": ([], "")}
# The parts are in the memo's name: a deploy that adds one reads none of the
# old code's entries (as layout_of does for the classes they hold).
MEMO_NAME = "shared:" + ",".join(EMPTY)


def _menus(edition):
    """The masthead's sections (the edition's) and the footer's pages,
    [(pk, name, slug)] each, in menu order: one query (a UNION), so the
    footer costs a cold page nothing more."""
    sections = (
        Section.objects.filter(edition_id=edition)
        .annotate(kind=Value(0))
        .values_list("kind", "pk", "name", "slug", "order")
    )
    pages = (
        Page.objects.published()
        .filter(in_footer=True)
        .annotate(kind=Value(1))
        .values_list("kind", "pk", "title", "slug", "order")
    )
    # Each part in the order of its model's lists (Section.Meta.ordering,
    # Page.objects.published()), sorted here: SQLite takes no ORDER BY in
    # the parts of a UNION.
    rows = sections.order_by().union(pages.order_by(), all=True)
    found = ([], [])
    for kind, pk, name, slug, _ in sorted(rows, key=lambda row: (row[0], row[4], row[2], row[1])):
        found[kind].append((pk, name, slug))
    return found


def _compute(edition):
    newest = cards(limit=NEWEST, edition=edition)
    sidebar = newest[:SIDEBAR_LENGTH]
    sections, pages = _menus(edition)
    return {
        # Pickled apart: most article pages need only the sidebar's HTML, so
        # they skip building the cards (see Shared.__getitem__).
        "newest": pickle.dumps(newest, pickle.HIGHEST_PROTOCOL),
        "sections": sections,
        "pages": pages,
        "breaking": current_breaking(edition=edition),
        # The sidebar of every article page but the newest ten's.
        "sidebar": (
            [story.pk for story in sidebar],
            render_to_string("reader/includes/the_latest.html", {"latest": sidebar}),
        ),
    }


class Shared(dict):
    """The shared parts; "newest" is unpickled on first use, and kept so in
    the memo this copy came from (the process's own copy, used by request
    after request)."""

    def __init__(self, source):
        super().__init__(source)
        self.source = source

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if key == "newest" and isinstance(value, bytes):
            value = pickle.loads(value)
            self[key] = self.source[key] = value
        return value


def shared(request=None):
    """The current edition's {"newest": [Card], "sections": [(pk, name,
    slug)], "pages": [(pk, title, slug)], "breaking": dict or None,
    "sidebar": (pks shown, html)}."""
    found = getattr(request, "_newsroom_shared", None)
    if found is not None:
        return found
    edition = current_code()
    try:
        # Per language: the sidebar's HTML carries the site's words ("The
        # Latest"), in the language the request activated.
        found = Shared(
            memo(
                f"{MEMO_NAME}:{edition}",
                [tags.LATEST, tags.SITE],
                lambda: _compute(edition),
                local=True,
                layout_of=(Card, CardSection, CardImage),
            )
        )
    except DatabaseError:
        # Error pages show the masthead too: without a database, show it bare
        # (and once a request: a database that hangs is not asked again).
        log.exception("Could not load the site's shared parts")
        found = Shared(EMPTY)
    if request is not None:
        request._newsroom_shared = found
    return found
