"""What views and signal handlers call.

Tags name what a page shows; invalidating a tag refreshes every page that
carries it. The page cache gives them no meaning: the project names its
vocabulary once (reader/tags.py).
"""

import functools
import logging
from datetime import datetime

from django.db import transaction
from django.utils.module_loading import import_string

import pagecache.conf as conf
import pagecache.store as store
from pagecache.backends import cache_failed

log = logging.getLogger(__name__)


def tag_page(request, *tags, until=None, params=(), store=True):
    """Mark the page being rendered for `request` as cacheable.

    tags:   what it shows (see the module docstring);
    until:  a datetime when it changes by itself (comments closing);
    params: the query parameters it reads (`page`, `before`...). A request
            with any other parameter is answered but not stored, so random
            query strings cannot flood the cache.
    store:  False for a page that shared caches (Varnish, a CDN) may keep,
            purged by its tags, but this cache need not: one cheaper to
            compute than to fetch, or at addresses without bound.
    A request that is not a cache candidate (staff, a session, a POST) has no
    `request.pagecache`, and this does nothing.
    """
    info = getattr(request, "pagecache", None)
    if info is None:
        return
    info.tags.update(tags)
    info.params.update(params)
    info.store = info.store and store
    if until is not None:
        ts = until.timestamp() if isinstance(until, datetime) else float(until)
        info.until = ts if info.until is None else min(info.until, ts)


def cached_page(*tags, params=()):
    """Decorator for views (feeds, sitemaps) whose tags follow from their URL:

        path("feeds/section/<slug:slug>/", cached_page(section_tag)(SectionFeed()))

    A tag is a string, or a function called with the URL's keyword arguments
    (`section_tag(slug="world")`).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            tag_page(request, *(t(**kwargs) if callable(t) else t for t in tags), params=params)
            return response

        return wrapped

    return decorator


def invalidate(tags, *, urls=()):
    """Refresh every page carrying one of `tags`.

    Bumps the versions now, and again when the current transaction commits:
    a reader who rendered the page between the two saw the old, still
    committed data, and the second bump retires that copy. Then the next due
    time is recomputed and the purge hook (PAGECACHE_PURGE) is called.
    """
    tags = sorted(set(tags))
    if not tags:
        return
    _bump(tags)

    def after_commit():
        _bump(tags)
        store.refresh_next_due(overwrite=True)
        purge(urls, tags)

    transaction.on_commit(after_commit)
    if transaction.get_connection().in_atomic_block:
        # Until then, this transaction's own reads see the new state.
        store.refresh_next_due(overwrite=True)


def _bump(tags):
    try:
        store.bump(tags)
    except Exception as error:
        # The change is saved; only the cache could not be told. This process
        # bumps the tags again as soon as the cache answers (store.PENDING).
        cache_failed(log, f"Page cache unreachable: {tags} invalidated later", error)


_purgers = {}


def purger(path):
    """The PAGECACHE_PURGE hook: a function, or a class (one instance per
    process, e.g. pagecache.purge.VarnishPurger)."""
    hook = _purgers.get(path)
    if hook is None:
        hook = import_string(path)
        if isinstance(hook, type):
            hook = hook()
        _purgers[path] = hook
    return hook


def purge(urls, tags):
    path = conf.get("PAGECACHE_PURGE")
    if not path:
        return
    try:
        purger(path)(urls=sorted(set(urls)), tags=list(tags))
    except Exception:  # a CDN outage must not undo a journalist's save
        log.exception("Page cache purge hook %s failed", path)
