"""Cache backends: a FileBasedCache for many workers and many entries, and
Django's Redis cache with short timeouts, a circuit breaker and without its
per-call client construction (see below).

FileCache:

Django's FileBasedCache lists its whole directory on every `set` to decide
whether to cull: with thousands of cached pages that listing costs more than
rendering the page. This one lists it only every `CULL_EVERY` writes per
process, and then culls back below MAX_ENTRIES (less a CULL_FREQUENCY share),
so the directory never grows past MAX_ENTRIES plus CULL_EVERY writes per
worker. Reads, writes (atomic rename) and sharing between processes are
Django's own. A culled tag version only makes pages miss, never serve stale.

RedisCache:

A cache is an accelerator: when Redis is down or hung, pages must come from
the database at once, not after a timeout. Connecting is given
`socket_connect_timeout` (0.1 s) and every answer `socket_timeout` (0.25 s)
(Django sets none, redis-py 5 s each); after a connection error or a timeout
the process leaves Redis alone for `breaker_seconds` (5 s), every call in
that time failing at once, then tries again with the next call. Failures
are raised as `CacheUnavailable`; callers that can do without the cache
catch it (`best_effort`, `cache_failed`). All three are OPTIONS of the cache.
"""

import contextlib
import logging
import os
import pickle
import random
import threading
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.utils.functional import cached_property

log = logging.getLogger(__name__)

# Defaults of the OPTIONS of RedisCache (settings.py reads them from REDIS_*).
REDIS_OPTIONS = {
    "socket_connect_timeout": 0.1,
    "socket_timeout": 0.25,
    "breaker_seconds": 5.0,
}


class CacheUnavailable(ConnectionError):
    """The shared cache cannot be reached (refused, timed out), or failed a
    moment ago and is left alone for a while (CircuitBreaker)."""


def cache_failed(logger, what, error):
    """Log a use of the shared cache that failed, in one way everywhere: an
    unreachable cache once per outage (the breaker says so when it opens, see
    CircuitBreaker), anything else with its traceback."""
    if isinstance(error, CacheUnavailable):
        logger.debug("%s: %s", what, error)
    else:
        logger.error("%s", what, exc_info=error)


@contextlib.contextmanager
def best_effort(what, logger=log):
    """Use the shared cache where it only saves work: if it fails, say so
    (cache_failed) and carry on as if the value was not there.

        entry = None
        with best_effort("Breaking-news banner read without the cache"):
            entry = cache.get(KEY)
    """
    try:
        yield
    except Exception as error:
        cache_failed(logger, what, error)


class FileCache(FileBasedCache):
    CULL_EVERY = 100

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self.CULL_EVERY != 1 and self.CULL_EVERY > 1:
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        keep = self._max_entries - self._max_entries // max(self._cull_frequency, 1)
        for name in random.sample(files, len(files) - keep):
            try:
                os.remove(name)
            except FileNotFoundError:
                pass

    # --- reads: the page cache reads several keys per request ----------------

    def _path_for(self, key, version=None):
        """The file of `key`, without re-validating our own key on every read."""
        cache_key = (key, version)
        path = self._paths.get(cache_key)
        if path is None:
            path = self._key_to_file(key, version)
            if len(self._paths) > 50_000:
                self._paths.clear()
            self._paths[cache_key] = path
        return path

    @property
    def _paths(self):
        paths = self.__dict__.get("_path_memo")
        if paths is None:
            paths = self.__dict__["_path_memo"] = {}
        return paths

    def get_many(self, keys, version=None):
        found = {}
        now = time.time()
        for key in keys:
            try:
                with open(self._path_for(key, version), "rb") as f:
                    expiry = pickle.load(f)
                    if expiry is not None and expiry < now:
                        continue  # Django's get() deletes it; a write replaces it
                    found[key] = pickle.loads(zlib.decompress(f.read()))
            except FileNotFoundError:
                pass
        return found


class CircuitBreaker:
    """After a connection error or timeout, calls to that Redis fail at once
    for `seconds`, then the next call tries again: a process pays one short
    timeout per `seconds` while Redis is down or hung, not one per call.
    One per Redis server list and process, shared by its threads."""

    _all = {}
    _lock = threading.Lock()

    def __init__(self, name, seconds):
        self.name = name
        self.seconds = seconds
        self.open_until = 0.0  # monotonic time; 0: closed, calls go through
        self.cause = ""

    @classmethod
    def for_servers(cls, servers, seconds):
        key = (tuple(servers), seconds)
        with cls._lock:
            breaker = cls._all.get(key)
            if breaker is None:
                breaker = cls._all[key] = cls(",".join(servers), seconds)
            return breaker

    def check(self):
        if self.open_until and time.monotonic() < self.open_until:
            raise CacheUnavailable(f"cache skipped for {self.seconds:g} s after: {self.cause}")

    def failed(self, error):
        first = not self.open_until
        self.open_until = time.monotonic() + self.seconds
        self.cause = str(error) or type(error).__name__
        if first:
            log.error(
                "Cache at %s unreachable (%s): pages are served without it, and it is "
                "tried again every %g s",
                self.name,
                self.cause,
                self.seconds,
            )

    def succeeded(self):
        if self.open_until:
            self.open_until = 0.0
            log.warning("Cache at %s answers again", self.name)


class _ReusingRedisClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool,
    every call through the circuit breaker.

    Django builds a new `redis.Redis` object for every cache call, and its
    constructor fills a table of ~170 response callbacks: about 0.1 ms a call,
    more than the round trip to Redis on loopback. A redis-py client is
    thread-safe and only borrows connections from its pool, so one per pool
    does the same work without the rebuilding.
    """

    def __init__(self, servers, *, breaker, **options):
        super().__init__(servers, **options)
        self._clients = {}
        self.breaker = breaker
        self.answer_timeout = options.get("socket_timeout") or 1.0
        self._failures = (self._lib.ConnectionError, self._lib.TimeoutError, OSError)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, operation, *args):
        self.breaker.check()
        try:
            result = operation(*args)
        except self._failures as error:
            self.breaker.failed(error)
            raise CacheUnavailable(str(error) or type(error).__name__) from error
        self.breaker.succeeded()
        return result

    def add(self, key, value, timeout):
        return self._call(super().add, key, value, timeout)

    def get(self, key, default):
        return self._call(super().get, key, default)

    def set(self, key, value, timeout):
        return self._call(super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._call(super().touch, key, timeout)

    def delete(self, key):
        return self._call(super().delete, key)

    def get_many(self, keys):
        return self._call(super().get_many, keys)

    def has_key(self, key):
        return self._call(super().has_key, key)

    def incr(self, key, delta):
        return self._call(super().incr, key, delta)

    def set_many(self, data, timeout):
        return self._call(super().set_many, data, timeout)

    def delete_many(self, keys):
        return self._call(super().delete_many, keys)

    def clear(self):
        return self._call(super().clear)

    def publish(self, channel, message):
        return self._call(self.get_client(write=True).publish, channel, message)

    def subscribe(self, channel):
        return self._call(self._subscribe, channel)

    def _subscribe(self, channel):
        pubsub = self.get_client(write=True).pubsub()
        try:
            pubsub.subscribe(channel)
            # Wait for the confirmation: from then on no message can be missed.
            while True:
                message = pubsub.get_message(timeout=self.answer_timeout)
                if message is None:
                    raise self._lib.TimeoutError("no confirmation of the subscription")
                if message["type"] == "subscribe":
                    return pubsub
        except BaseException:
            pubsub.close()
            raise


class RedisCache(DjangoRedisCache):
    """django.core.cache.backends.redis.RedisCache with a client per pool,
    short timeouts and a circuit breaker (REDIS_OPTIONS), and publish/subscribe
    for pagecache.store.LocalMemos."""

    def __init__(self, server, params):
        super().__init__(server, params)
        options = {**REDIS_OPTIONS, **self._options}
        self.breaker = CircuitBreaker.for_servers(self._servers, options.pop("breaker_seconds"))
        self._options = options

    @cached_property
    def _cache(self):
        return _ReusingRedisClient(self._servers, breaker=self.breaker, **self._options)

    def publish(self, channel, message):
        """Send `message` to every process subscribed to `channel`."""
        return self._cache.publish(self.make_key(channel), message)

    def subscribe(self, channel):
        """A redis-py PubSub subscribed to `channel` (Redis confirmed it)."""
        return self._cache.subscribe(self.make_key(channel))
