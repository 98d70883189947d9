"""Keyset pagination for lists of stories, newest first.

"Older stories" links carry the position of the last story shown,
`?before=20261124T053000.000000Z-4521` (its publish time in UTC and its id), so
every page is one index range scan however deep the reader goes: no OFFSET,
no COUNT. "Newer stories" uses `?after=` the same way. The plain URL is the
first page. `?page=N` (N up to PAGE_NUMBER_LIMIT) still works for old links.

Each page has one address. The page cache keys on the query string, so every
other spelling of a page would be a page of its own: a cursor in any other
spelling, two positions at once, or one twice, are a 404; another spelling of
a page number ("02", "٢", "２", and "1" for the plain URL) is redirected (301)
to the page's address; a number naming no page is a 404. Never an error.
(page_number() and paging_param() hold the same rule for search results,
sitemaps and comment pages.)
"""

import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.utils.encoding import escape_uri_path

from reader.cards import cards

CURSOR_RE = re.compile(r"(\d{8}T\d{6}\.\d{6})Z-([1-9]\d{0,17})", re.ASCII)
PAGE_NUMBER_LIMIT = 50
PAGE_NUMBER_DIGITS = 9
PARAMS = ("before", "after", "page")


class Redirect(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """The page asked for has another address: the view redirects there."""

    def __init__(self, url, *, permanent=False):
        super().__init__(url)
        self.url = url
        self.permanent = permanent


def format_cursor(story):
    return cursor(story.publish_at, story.pk)


def cursor(when, pk):
    """A keyset position as a URL parameter: time (UTC) and id."""
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + f"-{pk}"


def parse_cursor(value):
    """(time, id) of a cursor in the one spelling cursor() gives it; any
    other (other digits, leading zeros, a trailing newline) is a 404."""
    match = CURSOR_RE.fullmatch(value or "")
    if not match:
        raise Http404("This page of stories does not exist.")
    try:
        when = datetime.strptime(match[1], "%Y%m%dT%H%M%S.%f").replace(tzinfo=UTC)
    except ValueError:
        raise Http404("This page of stories does not exist.") from None
    pk = int(match[2])
    if cursor(when, pk) != value:
        raise Http404("This page of stories does not exist.")
    return when, pk


def paging_param(request, names=PARAMS):
    """(name, value) of the one paging parameter among `names` the request
    has, or (None, None). Two of them, or one given twice, name no page: 404."""
    given = [(name, request.GET.getlist(name)) for name in names if name in request.GET]
    if not given:
        return None, None
    if len(given) > 1 or len(given[0][1]) > 1:
        raise Http404("A page has one position.")
    name, (value,) = given[0]
    return name, value


def spelt_number(value):
    """The number `value` spells in decimal digits of any script ("3", "03",
    "٣", "３"), or None."""
    if value and len(value) <= PAGE_NUMBER_DIGITS and value.isdecimal():
        return int(value)
    return None


def is_canonical_page(value):
    """`value` is the address's spelling of a page past the first: "2", not
    "02", "٢" or "1" (page 1 is the plain address)."""
    number = spelt_number(value)
    return number is not None and number > 1 and value == str(number)


def page_number(request, name="page", *, limit=None):
    """The page number the request's `name` parameter asks for, 1 without
    one. Another spelling of a number raises Redirect (301) to the page's
    address; anything else (junk, 0, past `limit`) is a 404."""
    _, value = paging_param(request, [name])
    if value is None:
        return 1
    number = spelt_number(value)
    if number is None or number < 1 or (limit is not None and number > limit):
        raise Http404("No such page.")
    if number == 1 or value != str(number):
        raise Redirect(with_page(request, name, number), permanent=True)
    return number


def with_page(request, name, number):
    """This request's address with page `number` in parameter `name` (none
    for the first page), its other parameters kept."""
    query = request.GET.copy()
    if number == 1:
        query.pop(name, None)
    else:
        query[name] = str(number)
    path = escape_uri_path(request.path)
    return f"{path}?{query.urlencode()}" if query else path


class StoryPage:
    """One page of stories, with links to the newer and older ones."""

    def __init__(self, stories, *, newer=None, older=None, first_url="", position=None, number=1):
        self.stories = stories
        self.newer_url = newer
        self.older_url = older
        self.first_url = first_url
        self.position = position  # publish time of the page's newest story, deep pages
        self.number = number

    def __iter__(self):
        return iter(self.stories)

    def __len__(self):
        return len(self.stories)

    def __bool__(self):
        return bool(self.stories)

    @property
    def has_other_pages(self):
        return self.newer_url is not None or self.older_url is not None


def paginate_stories(request, *, per_page=None, **filters):
    """The page of visible stories (narrowed by `filters`, as for
    reader.cards.cards: section, tag or author) the request asks for.
    Raises Redirect for a page with another address (see the module)."""
    per_page = per_page or settings.ARTICLES_PER_PAGE
    name, value = paging_param(request)
    path = escape_uri_path(request.path)

    def link(**params):
        return f"{path}?{urlencode(params)}"

    if name == "after":
        rows = cards(**filters, after=parse_cursor(value), limit=per_page + 1)
        if len(rows) <= per_page:
            # Nothing newer beyond these: this is the first page.
            raise Redirect(path)
        stories = rows[:per_page][::-1]
        return StoryPage(
            stories,
            newer=link(after=format_cursor(stories[0])),
            older=link(before=format_cursor(stories[-1])),
            first_url=path,
            position=stories[0].publish_at,
        )

    offset = 0
    position = None
    number = 1
    if name == "before":
        position = parse_cursor(value)
    elif name == "page":
        number = page_number(request, limit=PAGE_NUMBER_LIMIT)
        offset = (number - 1) * per_page
    rows = cards(**filters, before=position, limit=per_page + 1, offset=offset)
    stories = rows[:per_page]
    if not stories and (position is not None or offset):
        raise Http404("No stories on this page.")
    deep = position is not None or offset > 0
    return StoryPage(
        stories,
        newer=link(after=format_cursor(stories[0])) if deep else None,
        older=link(before=format_cursor(stories[-1])) if len(rows) > per_page else None,
        first_url=path,
        position=stories[0].publish_at if deep else None,
        number=2 if position is not None else number,
    )
