"""Tag versions, stored pages and the next time something is due.

Keys in the shared cache:

- `pc:v:<tag>`: the version of a tag, the time (a float) it last changed.
  Never expires; a missing version invalidates every page carrying the tag.
- `pc:p:<hash of URL>`: a stored page (`Entry`), with the versions of its tags
  as they were when it was rendered and its own expiry time.
- `pc:due`: the next time a page may change by itself (a scheduled story comes
  due, a breaking banner ends), or 0 when nothing is due.
- `pc:m:<name>`: memoised fragments (The Latest), validated like pages.
- `pc:qn:<hash of host and path>`, `pc:qa:<hash of URL>`: how many query
  variants of a path were let into the cache lately, and whether this one was
  (see `admit_variant`).

A page is valid while every tag it recorded has the same version now and its
expiry time has not come. Reading one costs one `get_many`. A page that is no
longer valid stays in the cache a while longer (PAGECACHE_STALE_IF_ERROR), to
be served, marked stale, should the database fail (pagecache.middleware).
"""

import hashlib
import logging
import os
import random
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import caches
from django.utils import timezone

import pagecache.conf as conf
from pagecache.backends import RedisCache, cache_failed
from pagecache.memos import layout

log = logging.getLogger(__name__)

VERSION_PREFIX = "pc:v:"
MEMO_PREFIX = "pc:m:"
DUE_KEY = "pc:due"
VARIANT_COUNT_PREFIX = "pc:qn:"
VARIANT_ADMITTED_PREFIX = "pc:qa:"


def cache():
    return caches[conf.get("PAGECACHE_CACHE")]


def now_ts():
    # timezone.now() rather than time.time(): tests that move the clock move it
    # for the cache too.
    return timezone.now().timestamp()


def vkey(tag):
    return VERSION_PREFIX + tag


def _digest(*parts):
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def page_key(host, path, query, variant=""):
    return PAGE_PREFIX + _digest(host, path, query, variant)


def admit_variant(host, path, query, *, window, limit):
    """May the page at `path` with this query string be stored?

    Query strings are the one part of a URL anyone can vary at will (a
    cursor, a page number): at most `limit` variants of one path are let in
    per `window` seconds, and each is stored for `window` at most, so a flood
    of them cannot fill the cache. A variant once let in (or kept out) stays
    so for the window. Paths themselves are bounded by the site's content:
    only pages that exist are stored.
    """
    store = cache()
    admitted_key = VARIANT_ADMITTED_PREFIX + _digest(host, path, query)
    admitted = store.get(admitted_key)
    if admitted is None:
        count_key = VARIANT_COUNT_PREFIX + _digest(host, path)
        store.add(count_key, 0, window)
        try:
            count = store.incr(count_key)
        except ValueError:  # expired between add() and incr()
            store.set(count_key, 1, window)
            count = 1
        admitted = count <= limit
        store.set(admitted_key, admitted, window)
    return admitted


@dataclass(slots=True)
class Entry:
    """A stored page: everything needed to answer without running a view."""

    body: bytes
    headers: list  # [(name, value)], Content-Type, CSP, X-Frame-Options...
    tags: dict  # {tag: version when rendered}
    expires: float  # timestamp
    etag: str  # hash of body (with the CSRF placeholder, not a token)
    # When this copy was rendered, in whole seconds, and always later than the
    # copy it replaced: If-Modified-Since can never match a changed page.
    # 0 for a page that was not stored (ETag only).
    last_modified: int
    last_modified_http: str  # the same, as an HTTP date
    csrf: bool = False  # body holds the CSRF placeholder
    late: bool = False  # body holds late-value placeholders (pagecache.late)
    fragments: bool = False  # body holds fragment placeholders (pagecache.fragments)
    extra: dict = field(default_factory=dict)


# Stored pages are pickled Entry objects: the key carries Entry's layout, so a
# deploy that changes it never unpickles an old one.
PAGE_PREFIX = f"pc:p:{layout(Entry)}:"


class TagMemo:
    """The tags each URL carried last time, per process (bounded, LRU).

    Lets a lookup fetch the page and its tags' versions in one `get_many`. It
    is only a guess: the entry's own tags are always the ones checked.
    """

    def __init__(self, size=5000):
        self.size = size
        self.data = OrderedDict()

    def get(self, key):
        tags = self.data.get(key)
        if tags is not None:
            self.data.move_to_end(key)
        return tags or ()

    def put(self, key, tags):
        self.data[key] = tuple(tags)
        self.data.move_to_end(key)
        if len(self.data) > self.size:
            self.data.popitem(last=False)


def fetch_valid(key, memo, now):
    """(entry, None) if the entry under `key` is still valid, else (None, the
    outdated entry or None). One round-trip when the memo knows the tags,
    two otherwise."""
    if PENDING:
        PENDING.flush()
    store = cache()
    guessed = memo.get(key)
    found = store.get_many([key, *(vkey(t) for t in guessed)])
    entry = found.get(key)
    if entry is None:
        return None, None
    if entry.expires <= now:
        return None, entry
    missing = [vkey(t) for t in entry.tags if vkey(t) not in found]
    if missing:
        found.update(store.get_many(missing))
        memo.put(key, entry.tags)
    for tag, version in entry.tags.items():
        if found.get(vkey(tag)) != version:
            return None, entry
    return entry, None


def current_versions(tags, *, started, skew):
    """Versions of `tags` for a page whose data was read after `started`, and
    the next due time; None when the page must not be stored (a tag changed
    too recently for the data to be trusted)."""
    store = cache()
    keys = [vkey(t) for t in tags]
    found = store.get_many([*keys, DUE_KEY])
    due = found.get(DUE_KEY)
    versions = {}
    fresh = {}
    for tag, k in zip(tags, keys, strict=True):
        version = found.get(k)
        if version is None:
            # Never seen, or evicted: start it just before this request, with
            # a random tail so no older page can carry the same value.
            version = started - skew - 1 - random.random() / 1000
            fresh[k] = version
        elif version > started - skew:
            return None, due
        versions[tag] = version
    for k, version in fresh.items():
        if not store.add(k, version, None):
            return None, due  # someone bumped it meanwhile
    return versions, due


def bump(tags):
    """Give each tag a new version: every page carrying one is now stale.

    Should the cache not take it (down, hung), the tags are remembered and
    bumped again as soon as it answers (PENDING): pages stored before the
    outage must not outlive the change."""
    if not tags:
        return
    version = now_ts()
    store = cache()
    try:
        store.set_many({vkey(t): version for t in tags}, None)
    except Exception:
        LOCAL.forget()
        PENDING.add(tags)
        raise
    LOCAL.announce(store)


class PendingBumps:
    """Invalidations this process could not make in the cache, made again
    before its next use of the page cache (`flush`, from fetch_valid).

    Without this, a page stored before a Redis outage (Redis hung or cut off
    from this server, its data intact) would be served for up to
    PAGECACHE_TIMEOUT after a change saved during the outage. As many tags
    as the changes saved meanwhile named: a few per save."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tags = set()
        self.due = False  # the next due time must be recomputed too

    def __bool__(self):
        return bool(self.tags or self.due)

    def add(self, tags=(), *, due=False):
        with self.lock:
            self.tags.update(tags)
            self.due = self.due or due

    def flush(self):
        """Make the invalidations now; raises (keeping them) if the cache
        still fails."""
        with self.lock:
            tags, due = sorted(self.tags), self.due
            self.tags, self.due = set(), False
        if tags:
            try:
                bump(tags)  # remembers the tags again if it fails
            except Exception:
                self.add(due=due)
                raise
            log.warning("Cache answers again: bumped %d tag(s) missed meanwhile", len(tags))
        if due:
            try:
                refresh_next_due(overwrite=True)  # remembers it again if the cache fails
            except Exception:  # the database, now: the next request tries again
                log.exception("Next due time not recomputed")
                self.add(due=True)


PENDING = PendingBumps()


# --- The next time pages change by themselves --------------------------------


def compute_next_due(now):
    """The earliest future moment a public page changes by itself, from the
    PAGECACHE_NEXT_DUE hook (0.0: none)."""
    next_due = conf.hook("PAGECACHE_NEXT_DUE")
    return float(next_due(now) or 0.0) if next_due else 0.0


def refresh_next_due(*, overwrite):
    """Recompute and keep the next due time. The write path (after a change
    commits) overwrites; the read path only fills a gap (`add`), so a reader
    that looked at the database before a change can never undo it."""
    now = now_ts()
    due = compute_next_due(now)
    timeout = max(1, int(due - now) + 1) if due else conf.get("PAGECACHE_TIMEOUT")
    try:
        if overwrite:
            cache().set(DUE_KEY, due, timeout)
        else:
            cache().add(DUE_KEY, due, timeout)
    except Exception as error:
        cache_failed(log, "Next due time not kept", error)
        if overwrite:
            PENDING.add(due=True)
    return due


def expiry(now, due, *, until=None):
    """When a page stored now must expire."""
    expires = now + conf.get("PAGECACHE_TIMEOUT")
    if due is None or (due and due <= now):
        due = refresh_next_due(overwrite=False)
    if due and due > now:
        expires = min(expires, due)
    if until is not None and until > now:
        expires = min(expires, until)
    return expires


# --- Memoised fragments --------------------------------------------------------


def memo(name, tags, compute, *, skew=None, local=False, layout_of=()):
    """A value shared by many pages (The Latest), valid like a page: until a tag
    changes or the next due time. `compute()` runs on a miss.

    `local`: each process also keeps its own copy, and uses it with no round
    trip to the cache until any tag is bumped anywhere (LocalMemos below).
    For values every page reads."""
    store = cache()
    # The layout of the classes the value holds is part of the key: a deploy
    # that adds a field reads none of the old code's entries.
    key = MEMO_PREFIX + name + (f":{layout(*layout_of)}" if layout_of else "")
    started = now_ts()
    generation = None
    if local:
        held, generation = LOCAL.get(store, name, started)
        if held is not None:
            return held[0]
    try:
        found = store.get_many([key, *(vkey(t) for t in tags)])
    except Exception as error:
        cache_failed(log, f"Memo {name} computed without the cache", error)
        return compute()
    held = found.get(key)
    if held is not None:
        value, versions, expires = held
        if expires > started and all(found.get(vkey(t)) == v for t, v in versions.items()):
            LOCAL.put(name, value, min(expires, started + LOCAL.MAX_AGE), generation)
            return value
    value = compute()
    skew = conf.get("PAGECACHE_CLOCK_SKEW") if skew is None else skew
    try:
        versions, due = current_versions(list(tags), started=started, skew=skew)
        if versions is not None:
            expires = expiry(started, due)
            store.set(key, (value, versions, expires), max(1, int(expires - started) + 1))
            LOCAL.put(name, value, min(expires, started + LOCAL.MAX_AGE), generation)
    except Exception as error:
        cache_failed(log, f"Memo {name} not kept", error)
    return value


class LocalMemos:
    """Each process's own copies of memos, for values every page reads.

    Checking a memo in the shared cache is a network round trip on every page
    that misses the page cache; on our benchmark machine that round trip cost
    more than the SQL query of the page. With Redis, `bump()` also publishes a
    message on a channel every process listens to. A process keeps its copy
    while no message has come since it read the value, and reads pending
    messages without waiting (one non-blocking poll of its subscription, no
    round trip) before every use. Redis queues a message for every subscriber
    in the same step in which it answers the publisher, so a request that
    starts after a bump anywhere (on any server) finds the message waiting,
    network delay aside (well under a millisecond on one network). Copies
    also end at their memo's own expiry (the next due time).

    A generation counter, moved by every message, guards the gap between
    reading a value and keeping it: a value read before a bump carries the
    old generation and is never used. Lost subscription (Redis restarted, a
    network fault): copies are dropped and pages read the shared cache until
    the process has subscribed again. A cut no one noticed lasts at most
    MAX_AGE seconds. Other cache backends than pagecache.backends.RedisCache
    have no messages, so they keep no copies.
    """

    CHANNEL = "pc:bumped"
    RETRY_SECONDS = 1.0
    # A copy is also read again from the cache after this many seconds: a
    # safety net should the subscription be cut without either end noticing
    # (a firewall dropping an idle connection). One cache read per process
    # and memo every MAX_AGE seconds.
    MAX_AGE = 10.0

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.values = {}
        self.generation = 0
        self.pubsub = None
        self.pid = os.getpid()
        self.source = None
        self.failed = None  # (source, monotonic time before which not to retry)

    @staticmethod
    def _source(store):
        """Which Redis (and key prefix) `store` is: threads each have their
        own cache object for the same Redis."""
        return (type(store), tuple(getattr(store, "_servers", ())), store.key_prefix)

    @staticmethod
    def _has_messages(store):
        return isinstance(store, RedisCache)

    def announce(self, store):
        """Tell every process that tags were bumped (Redis only)."""
        self.forget()  # this process at once, whatever becomes of the message
        if self._has_messages(store):
            store.publish(self.CHANNEL, "1")

    def forget(self):
        with self.lock:
            self._forget()

    def _listen(self, store):
        """Subscribe (a round trip, once per process); False if it cannot."""
        if self.pubsub is not None:  # another Redis (settings changed)
            self._close()
        self._forget()
        source = self._source(store)
        if self.failed and self.failed[0] == source and time.monotonic() < self.failed[1]:
            return False  # it failed a moment ago: not on every request
        if not self._has_messages(store):
            return False
        try:
            pubsub = store.subscribe(self.CHANNEL)
        except Exception as error:
            cache_failed(log, "Cannot listen for cache invalidations; memos read the cache", error)
            self.failed = (source, time.monotonic() + self.RETRY_SECONDS)
            return False
        self.pubsub, self.source, self.failed = pubsub, source, None
        self._forget()
        return True

    def _forget(self):
        """Every copy is void: a new generation, and the old copies freed."""
        self.generation += 1
        self.values = {}

    def _close(self):
        try:
            self.pubsub.close()
        except Exception:
            pass
        self.pubsub = self.source = None

    def _drain(self):
        """Count the messages waiting (no waiting); False if the subscription broke."""
        try:
            while self.pubsub.get_message(timeout=0.0) is not None:
                self._forget()
        except Exception as error:
            log.warning("Lost the cache invalidation channel (%s); memos read the cache", error)
            self._close()
            self._forget()
            return False
        return True

    def get(self, store, name, now):
        """((value,), generation) if this process's copy is current, else
        (None, the generation to keep a fresh copy under, or None)."""
        with self.lock:
            if self.pid != os.getpid():  # a forked worker: nothing is inherited
                self.reset()
            if self.pubsub is None or self.source != self._source(store):
                if not self._listen(store):
                    return None, None
            if not self._drain():
                return None, None
            held = self.values.get(name)
            if held is not None:
                value, generation, expires = held
                if generation == self.generation and expires > now:
                    return (value,), generation
            return None, self.generation

    def put(self, name, value, expires, generation):
        if generation is None:
            return
        with self.lock:
            if generation == self.generation:
                self.values[name] = (value, generation, expires)


LOCAL = LocalMemos()
