"""Rate limits: at most `limit` actions per `period` seconds by one address,
one email, one anything.

Counted in the shared cache, in fixed windows, so a limit holds across
gunicorn workers and app servers (Redis; or the file cache of one machine,
whose counts are approximate under heavy concurrency: it has no atomic
increment). Keys carry the window number, so a window's counter expires by
itself.

Limits fail safe: when the cache cannot count (Redis down or hung), the
caller's own records count instead (`recorded(since)`: say, the comments
stored from that address since then), and with no records a count kept in
this process does (each worker then allows the limit: several times it in
all, never without end). Never unlimited, and never refusing everyone.
"""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from pagecache.backends import cache_failed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    """Limit("comment-ip", limit=10, period=600).allow(address)."""

    scope: str
    limit: int
    period: int  # seconds

    def allow(self, value, *, recorded=None):
        """Count one action by `value`; True while within the limit.

        recorded: `recorded(since)` counts the actions by `value` the caller
        has on record since that datetime, used when the cache cannot count.
        A false `value` (no address known) is not limited here."""
        if not value:
            return True
        window = int(time.time() // self.period)
        key = self._key(value, window)
        try:
            return self._count_in_cache(key) <= self.limit
        except Exception as error:
            cache_failed(log, f"Rate limit {self.scope} counted without the cache", error)
        if recorded is not None:
            since = timezone.now() - timedelta(seconds=self.period)
            return recorded(since) < self.limit
        return PROCESS_COUNTS.count(key, self.period) <= self.limit

    def retry_after(self):
        """Seconds until the current window ends."""
        return int(self.period - time.time() % self.period) + 1

    def _key(self, value, window):
        digest = hashlib.sha256(str(value).encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{digest}:{window}"

    def _count_in_cache(self, key):
        cache.add(key, 0, self.period + 5)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, self.period + 5)
            return 1


class ProcessCounts:
    """Counters kept in this process, for when the cache cannot count.
    Bounded: past MAX_KEYS, the oldest windows' counters go first."""

    MAX_KEYS = 10_000

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}  # key: (count, monotonic time it expires)

    def count(self, key, period):
        now = time.monotonic()
        with self.lock:
            count, expires = self.counts.get(key, (0, now + period + 5))
            if expires <= now:
                count, expires = 0, now + period + 5
            self.counts[key] = (count + 1, expires)
            if len(self.counts) > self.MAX_KEYS:
                for old in sorted(self.counts, key=lambda k: self.counts[k][1])[
                    : self.MAX_KEYS // 10
                ]:
                    del self.counts[old]
            return count + 1


PROCESS_COUNTS = ProcessCounts()
