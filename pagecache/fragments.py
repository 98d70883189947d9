"""Fragments: parts of a page cached apart from it (The Latest beside every
article), so a change to the part does not make every page holding it stale.

A template calls `include(request, name, arg)` where the part goes. What it
prints depends on who asked:

- A request through an ESI processor (Varnish, which says so with
  `Surrogate-Capability: ...="ESI/1.0"` when PAGECACHE_ESI is on): an
  `<esi:include src="/_include/<name>/<arg>/">`. Varnish keeps the page and
  the part as two objects and assembles them; the part's address is served
  by `view` below.
- A page this cache may store: a placeholder. The page is stored with it,
  and every time the page is served (hit or miss) the placeholder is
  replaced by the part, computed then (`fill`): the part's function keeps
  its own memo, so this costs no query and, with Redis, no round trip.
- Anything else (staff, previews, a posted form shown again): the part,
  rendered in place.

PAGECACHE_FRAGMENTS names the parts: {"latest": "reader.views.latest_fragment"},
each a function `fn(request, arg) -> str` (HTML) that tags the request with
what the part shows (`tag_page`, as a view does: used when `view` answers
for it). `arg` is short ([A-Za-z0-9_], 40 characters at most). The
function's `tags` attribute names those tags ahead of time: a page holding
an include names them in INCLUDED_TAGS_HEADER, so that an edge cache keeping
the page whole, assembled (deploy/varnish/), purges it with its fragments.
"""

import hashlib
import logging
import re

from django.http import Http404, HttpResponse
from django.utils.module_loading import import_string
from markupsafe import Markup

import pagecache.conf as conf
from pagecache.memos import Memo

log = logging.getLogger(__name__)

MARKER = b"<!--pagecache-fragment-"
PATTERN = re.compile(rb"<!--pagecache-fragment-([a-z0-9_]+)-([A-Za-z0-9_]{0,40})-end-->")
NAME = re.compile(r"^[a-z0-9_]+$")
ARG = re.compile(r"^[A-Za-z0-9_]{0,40}$")

# Surrogate-Capability of a request from an ESI processor (Edge Architecture
# Specification 1.0); the answer's Surrogate-Control asks it to process ESI.
ESI_CAPABILITY = "ESI/1.0"
ESI_CONTROL = 'content="ESI/1.0"'
# The tags of the fragments a page includes, beside its own (PAGECACHE_TAG_HEADER).
INCLUDED_TAGS_HEADER = "X-Included-Tags"

_functions = Memo("fragment functions", size=16)


def esi_capable(request):
    """Whether an ESI processor we trust asked (PAGECACHE_ESI: Varnish sets
    the header itself and drops any a client sent)."""
    return conf.get("PAGECACHE_ESI") and ESI_CAPABILITY in request.META.get(
        "HTTP_SURROGATE_CAPABILITY", ""
    )


def url(name, arg):
    return conf.get("PAGECACHE_FRAGMENT_URL").format(name=name, arg=arg)


def _function(name):
    path = conf.get("PAGECACHE_FRAGMENTS")[name]
    return _functions.get(path, lambda: import_string(path))


def render(request, name, arg):
    return str(_function(name)(request, arg))


def include(request, name, arg=""):
    """What a template prints where the fragment goes (see the module)."""
    arg = str(arg)
    if name not in conf.get("PAGECACHE_FRAGMENTS") or not NAME.match(name) or not ARG.match(arg):
        raise ValueError(f"Unknown fragment or bad argument: {name!r}, {arg!r}")
    info = getattr(request, "pagecache", None)
    if info is None:
        return Markup(render(request, name, arg))
    if info.esi:
        info.uses_esi = True
        info.included_tags.update(getattr(_function(name), "tags", ()))
        return Markup(f'<esi:include src="{url(name, arg)}"/>')
    info.fragments = True
    return Markup(f"<!--pagecache-fragment-{name}-{arg}-end-->")


def fill(body, request):
    """The body with each placeholder replaced by its fragment, and a digest
    of the fragments (part of the page's ETag: a browser's copy is not
    current once a fragment changed)."""
    digest = hashlib.blake2b(digest_size=4)

    def value(match):
        name = match[1].decode()
        try:
            html = render(request, name, match[2].decode()).encode()
        except Exception:
            # A part of the page, never the reason it fails.
            log.exception("Fragment %s could not be rendered", name)
            html = b""
        digest.update(html)
        return html

    return PATTERN.sub(value, body), digest.hexdigest()


def view(request, name, arg):
    """The fragment alone, at its own address (an ESI include's src)."""
    if name not in conf.get("PAGECACHE_FRAGMENTS") or not ARG.match(arg):
        raise Http404("No such fragment.")
    try:
        html = render(request, name, arg)
    except (ValueError, LookupError) as error:
        raise Http404("No such fragment.") from error
    response = HttpResponse(html)
    response["X-Robots-Tag"] = "noindex"  # a part of pages, not a page
    return response
