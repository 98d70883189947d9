"""Settings of the page cache, with their defaults (all optional)."""

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULTS = {
    # Master switch: off, every page is rendered for every request.
    "PAGECACHE_ENABLED": True,
    # Cache alias (settings.CACHES) holding pages and tag versions. It must be
    # shared by every worker and server: Redis, or the file cache of one host.
    "PAGECACHE_CACHE": "default",
    # Longest a stored page lives on the server. Invalidation is exact, so this
    # only bounds memory; pages that change at a known time (a scheduled story,
    # a breaking banner ending, comments closing) expire at that time.
    "PAGECACHE_TIMEOUT": 3600,
    # A stored page that is no longer valid (changed, expired) is kept this
    # much longer, to be served, marked stale, should rendering it afresh
    # fail (the database down): see pagecache/README.md. Pages with a query
    # string are not kept so.
    "PAGECACHE_STALE_IF_ERROR": 6 * 3600,
    # Pages with a query string (a cursor, a page number): each is stored for
    # this long at most, and at most PAGECACHE_QUERY_VARIANTS variants of one
    # path are let in over that time, so varying a query string at will
    # cannot fill the cache (store.admit_variant).
    "PAGECACHE_QUERY_TIMEOUT": 600,
    "PAGECACHE_QUERY_VARIANTS": 100,
    # Cache-Control for anonymous pages: browsers revalidate every time (a
    # cheap 304 thanks to the ETag); a CDN keeps a page for s-maxage seconds
    # and may serve it stale for stale-while-revalidate more while it fetches
    # a fresh one. Both are capped by the page's own expiry. With a CDN and no
    # purge hook, a change takes up to their sum to reach readers.
    "PAGECACHE_BROWSER_MAX_AGE": 0,
    "PAGECACHE_SHARED_MAX_AGE": 60,
    "PAGECACHE_STALE_WHILE_REVALIDATE": 30,
    # Dotted path of a callable `next_due(now)`: the earliest future moment
    # (a timestamp, or 0 for none) at which a page changes with no one saving
    # anything, such as a scheduled story going live. Pages stored before it
    # expire at it. Default: none (pages change only when invalidated).
    "PAGECACHE_NEXT_DUE": "",
    # Dotted path of a callable `purge(urls, tags)` called after every
    # invalidation (after the transaction commits): tell a CDN to drop those
    # URLs or surrogate keys. Default: none.
    "PAGECACHE_PURGE": "",
    # Response header carrying the page's tags for a CDN that purges by tag,
    # e.g. "Surrogate-Key" (Fastly) or "Cache-Tag" (Cloudflare). Default: none.
    "PAGECACHE_TAG_HEADER": "",
    # A page is stored only when none of its tags changed within this many
    # seconds before its request began: covers clock differences between app
    # servers and a change committed while the page was being rendered.
    "PAGECACHE_CLOCK_SKEW": 1.0,
    # Fresh values substituted into each served page (see pagecache.late):
    # {"name": "dotted.path.to.fn(request, arg)"}.
    "PAGECACHE_LATE_VALUES": {},
    # Parts of pages cached apart from them (pagecache.fragments):
    # {"name": "dotted.path.to.fn(request, arg)"}, served alone at
    # PAGECACHE_FRAGMENT_URL (for ESI includes).
    "PAGECACHE_FRAGMENTS": {},
    "PAGECACHE_FRAGMENT_URL": "/_include/{name}/{arg}/",
    # Answer requests from an ESI processor (Surrogate-Capability: ESI/1.0)
    # with <esi:include> tags for fragments. On only behind one that sets
    # that header itself (deploy/varnish/newsroom.vcl does).
    "PAGECACHE_ESI": False,
    # Query parameters no page depends on (tracking): ignored in cache keys so
    # a widely shared link with ?utm_source=... still hits the cache.
    "PAGECACHE_IGNORED_PARAMS": (
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "fbclid",
        "gclid",
        "mc_cid",
        "mc_eid",
    ),
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


def hook(name):
    """The callable a dotted-path setting names, or None."""
    path = get(name)
    return import_string(path) if path else None
