"""Tag versions, stored pages and the next time something is due.

Keys in the shared cache:

- `pc:v:<tag>`: the version of a tag, the time (a float) it last changed.
  Never expires; a missing version invalidates every page carrying the tag.
- `pc:p:<hash of URL>`: a stored page (`Entry`), with the versions of its tags
  as they were when it was rendered and its own expiry time.
- `pc:due`: the next time a page may change by itself (a scheduled story comes
  due, a breaking banner ends), or 0 when nothing is due.
- `pc:m:<name>`: memoised fragments (The Latest), validated like pages.

A page is valid while every tag it recorded has the same version now and its
expiry time has not come. Reading one costs one `get_many`.
"""

import hashlib
import logging
import random
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.cache import caches
from django.utils import timezone

from pagecache import conf

log = logging.getLogger(__name__)

VERSION_PREFIX = "pc:v:"
PAGE_PREFIX = "pc:p3:"  # bump the digit when Entry changes shape
MEMO_PREFIX = "pc:m:"
DUE_KEY = "pc:due"


def cache():
    return caches[conf.get("PAGECACHE_CACHE")]


def now_ts():
    # timezone.now() rather than time.time(): tests that move the clock move it
    # for the cache too.
    return timezone.now().timestamp()


def vkey(tag):
    return VERSION_PREFIX + tag


def page_key(host, path, query):
    digest = hashlib.blake2b(f"{host}\n{path}\n{query}".encode(), digest_size=16).hexdigest()
    return PAGE_PREFIX + digest


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
    extra: dict = field(default_factory=dict)


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
    """Give each tag a new version: every page carrying one is now stale."""
    if not tags:
        return
    version = now_ts()
    cache().set_many({vkey(t): version for t in tags}, None)


# --- The next time pages change by themselves --------------------------------


def compute_next_due(now):
    """The earliest future moment a public page changes with no one saving
    anything: a scheduled story going live, a breaking banner ending."""
    from articles.models import Article

    at = datetime.fromtimestamp(now, tz=UTC)
    candidates = []
    publish = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=at)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    if publish:
        candidates.append(publish.timestamp())
    breaking = (
        Article.objects.filter(breaking_until__gt=at)
        .order_by("breaking_until")
        .values_list("breaking_until", flat=True)
        .first()
    )
    if breaking:
        candidates.append(breaking.timestamp())
    return min(candidates) if candidates else 0.0


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
    except Exception:
        log.exception("Cache unreachable; next due time not kept")
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


def memo(name, tags, compute, *, skew=None):
    """A value shared by many pages (The Latest), valid like a page: until a tag
    changes or the next due time. `compute()` runs on a miss."""
    store = cache()
    key = MEMO_PREFIX + name
    started = now_ts()
    try:
        found = store.get_many([key, *(vkey(t) for t in tags)])
    except Exception:
        log.exception("Cache unreachable; computing %s", name)
        return compute()
    held = found.get(key)
    if held is not None:
        value, versions, expires = held
        if expires > started and all(found.get(vkey(t)) == v for t, v in versions.items()):
            return value
    value = compute()
    skew = conf.get("PAGECACHE_CLOCK_SKEW") if skew is None else skew
    try:
        versions, due = current_versions(list(tags), started=started, skew=skew)
        if versions is not None:
            expires = expiry(started, due)
            store.set(key, (value, versions, expires), max(1, int(expires - started) + 1))
    except Exception:
        log.exception("Cache unreachable; %s not kept", name)
    return value
