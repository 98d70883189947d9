"""Values a stored page must not share between readers or moments.

Like the CSRF token, some form fields must be fresh for each reader: the
comment form's signed "served at" timestamp (its minimum fill time would mean
nothing if every reader got the time the page was first rendered). While a
page that may be stored is rendered, such a field prints a placeholder,
`placeholder(request, "comment_ts", article.pk)`; each time the page is served
(from the cache or fresh) the placeholder is replaced with the value the
callable named in PAGECACHE_LATE_VALUES returns: `fn(request, arg) -> str`.
Values must be safe inside an HTML attribute (signing output is).
"""

import re

from django.utils.module_loading import import_string

import pagecache.conf as conf
from pagecache.memos import Memo

MARKER = b"pagecache-late-"
PATTERN = re.compile(rb"pagecache-late-([a-z0-9_]+)-([A-Za-z0-9_]{0,40})-end")
NAME = re.compile(r"^[a-z0-9_]+$")
ARG = re.compile(r"^[A-Za-z0-9_]{0,40}$")

_functions = Memo("late-value functions", size=16)


def placeholder(request, name, arg=""):
    """The placeholder to render instead of a fresh value, or None when the
    page will not be stored (render the real value then)."""
    if getattr(request, "pagecache", None) is None or name not in conf.get("PAGECACHE_LATE_VALUES"):
        return None
    arg = str(arg)
    if not NAME.match(name) or not ARG.match(arg):
        raise ValueError(f"Bad late value placeholder {name!r}, {arg!r}")
    return f"pagecache-late-{name}-{arg}-end"


def _function(name):
    path = conf.get("PAGECACHE_LATE_VALUES")[name]
    return _functions.get(path, lambda: import_string(path))


def fill(body, request):
    def value(match):
        name = match[1].decode()
        if name not in conf.get("PAGECACHE_LATE_VALUES"):
            return match[0]
        return str(_function(name)(request, match[2].decode())).encode()

    return PATTERN.sub(value, body)
