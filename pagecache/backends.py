"""Cache backends: a FileBasedCache for many workers and many entries, and
Django's Redis cache without its per-call client construction (see below).

FileCache:

Django's FileBasedCache lists its whole directory on every `set` to decide
whether to cull: with thousands of cached pages that listing costs more than
rendering the page. This one lists it only every `CULL_EVERY` writes per
process, and then culls back below MAX_ENTRIES (less a CULL_FREQUENCY share),
so the directory never grows past MAX_ENTRIES plus CULL_EVERY writes per
worker. Reads, writes (atomic rename) and sharing between processes are
Django's own. A culled tag version only makes pages miss, never serve stale.
"""

import os
import pickle
import random
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class _ReusingRedisClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool.

    Django builds a new `redis.Redis` object for every cache call, and its
    constructor fills a table of ~170 response callbacks: about 0.1 ms a call,
    more than the round trip to Redis on loopback. A redis-py client is
    thread-safe and only borrows connections from its pool, so one per pool
    does the same work without the rebuilding.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """django.core.cache.backends.redis.RedisCache with a client per pool."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingRedisClient
