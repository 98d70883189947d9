"""Keyset pagination for lists of stories, newest first.

"Older stories" links carry the position of the last story shown,
`?before=20261124T053000.000000Z-4521` (its publish time in UTC and its id), so
every page is one index range scan however deep the reader goes: no OFFSET,
no COUNT. "Newer stories" uses `?after=` the same way. The plain URL is the
first page. `?page=N` (N up to PAGE_NUMBER_LIMIT) still works for old links.
A malformed or out-of-range cursor is a 404, never an error.
"""

import re
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404

from reader.cards import cards

CURSOR_RE = re.compile(r"^(\d{8}T\d{6}\.\d{6})Z-(\d{1,18})$")
PAGE_NUMBER_LIMIT = 50
PARAMS = ("before", "after", "page")


def format_cursor(story):
    return cursor(story.publish_at, story.pk)


def cursor(when, pk):
    """A keyset position as a URL parameter: time (UTC) and id."""
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ") + f"-{pk}"


def parse_cursor(value):
    match = CURSOR_RE.match(value or "")
    if not match:
        raise Http404("This page of stories does not exist.")
    try:
        when = datetime.strptime(match[1], "%Y%m%dT%H%M%S.%f").replace(tzinfo=UTC)
    except ValueError:
        raise Http404("This page of stories does not exist.") from None
    return when, int(match[2])


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
    reader.cards.cards: section, tag or author) the request asks for."""
    per_page = per_page or settings.ARTICLES_PER_PAGE
    before, after, number = (request.GET.get(name) for name in PARAMS)
    path = request.path

    def link(**params):
        return f"{path}?{urlencode(params)}"

    if after is not None:
        rows = cards(**filters, after=parse_cursor(after), limit=per_page + 1)
        if len(rows) <= per_page:
            # Nothing newer beyond these: this is the first page.
            raise FirstPage(path)
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
    if before is not None:
        position = parse_cursor(before)
    elif number is not None:
        if not number.isdigit() or not 1 <= int(number) <= PAGE_NUMBER_LIMIT:
            raise Http404("No such page. Follow “Older stories” to go further back.")
        offset = (int(number) - 1) * per_page
    rows = cards(**filters, before=position, limit=per_page + 1, offset=offset)
    stories = rows[:per_page]
    if not stories and (before is not None or offset):
        raise Http404("No stories on this page.")
    deep = before is not None or offset > 0
    return StoryPage(
        stories,
        newer=link(after=format_cursor(stories[0])) if deep else None,
        older=link(before=format_cursor(stories[-1])) if len(rows) > per_page else None,
        first_url=path,
        position=stories[0].publish_at if deep else None,
        number=int(number) if number and not before else (2 if before else 1),
    )


class FirstPage(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """Raised when an `after` cursor reaches the newest stories."""

    def __init__(self, url):
        self.url = url
