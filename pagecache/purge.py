"""Purging Varnish by tag, after each change commits (PAGECACHE_PURGE).

`PAGECACHE_PURGE = "pagecache.purge.VarnishPurger"` and `VARNISH_HOSTS =
["10.0.0.21:6081", "10.0.0.22:6081"]`: after every invalidation commits,
each Varnish host is sent

    PURGE / HTTP/1.1
    xkey: article:12 latest section:world

which deploy/varnish/newsroom.vcl answers with `xkey.softpurge()`: every
object carrying one of those tags (the `xkey` header of our responses,
PAGECACHE_TAG_HEADER) is outdated at once, and kept as a fallback should the
app stop answering (grace) and as the base of a cheap conditional refetch.

An editor's save never waits for Varnish: the purges go to a daemon thread
per host, which sends them (tags of several saves merged when they queue up),
with a short timeout (VARNISH_PURGE_TIMEOUT, 1 s) and a few retries after
0.5, 1, 2 ... seconds (VARNISH_PURGE_RETRIES, 4). A host that stays down is
logged (an error per batch given up) and the others are purged regardless;
what it missed ends at its pages' s-maxage. A process ending flushes what
is queued for up to 2 seconds.
"""

import atexit
import http.client
import logging
import os
import queue
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

log = logging.getLogger(__name__)

# Tags per request: an xkey header stays well below Varnish's header limits.
BATCH = 200


def _address(host):
    """("host", port) from "host:port" or "http://host:port"."""
    parts = urlsplit(host if "//" in host else f"//{host}")
    return parts.hostname, parts.port or 80


class HostPurger:
    """One Varnish host's queue and the daemon thread that empties it."""

    def __init__(self, host, *, timeout, retries, backoff):
        self.host = host
        self.address = _address(host)
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.queue = queue.Queue(maxsize=10_000)
        self.thread = threading.Thread(target=self.run, name=f"purge {host}", daemon=True)
        self.thread.start()

    def put(self, tags):
        try:
            self.queue.put_nowait(tags)
        except queue.Full:
            log.error("Varnish %s: purge queue full; tags %s left to expire", self.host, tags)

    def run(self):
        while True:
            tags = set(self.queue.get())
            # Saves that came meanwhile go in the same purge.
            while True:
                try:
                    tags |= set(self.queue.get_nowait())
                    self.queue.task_done()
                except queue.Empty:
                    break
            try:
                ordered = sorted(tags)
                for start in range(0, len(ordered), BATCH):
                    self.send_with_retries(ordered[start : start + BATCH])
            finally:
                self.queue.task_done()

    def send_with_retries(self, tags):
        for attempt in range(self.retries + 1):
            try:
                purged = self.send(tags)
            except (OSError, http.client.HTTPException, PurgeRefused) as error:
                if attempt == self.retries:
                    log.error(
                        "Varnish %s: purge of %s failed %d times, given up (%s)",
                        self.host,
                        " ".join(tags),
                        attempt + 1,
                        error,
                    )
                    return False
                log.warning("Varnish %s: purge failed (%s), trying again", self.host, error)
                time.sleep(self.backoff * 2**attempt)
            else:
                log.info("Varnish %s: purged %s (%s)", self.host, " ".join(tags), purged)
                return True

    def send(self, tags):
        connection = http.client.HTTPConnection(*self.address, timeout=self.timeout)
        try:
            connection.request("PURGE", "/", headers={"xkey": " ".join(tags)})
            response = connection.getresponse()
            body = response.read(200).decode(errors="replace").strip()
        finally:
            connection.close()
        if response.status != 200:
            raise PurgeRefused(f"HTTP {response.status} {response.reason}")
        return response.reason or body

    def wait(self, timeout):
        """Until everything queued was sent (or given up), at most `timeout` s."""
        deadline = time.monotonic() + timeout
        while self.queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)
        return not self.queue.unfinished_tasks


class PurgeRefused(Exception):
    pass


class VarnishPurger:
    """The PAGECACHE_PURGE hook: `purge(urls, tags)` after each commit. One
    per process (pagecache.api makes it), its threads started on first use
    in the process that uses it (after gunicorn forks)."""

    def __init__(self, hosts=None):
        self.hosts = list(settings.VARNISH_HOSTS if hosts is None else hosts)
        self.timeout = getattr(settings, "VARNISH_PURGE_TIMEOUT", 1.0)
        self.retries = getattr(settings, "VARNISH_PURGE_RETRIES", 4)
        self.backoff = getattr(settings, "VARNISH_PURGE_BACKOFF", 0.5)
        self.lock = threading.Lock()
        self.pid = None
        self.purgers = []

    def _started(self):
        with self.lock:
            if self.pid != os.getpid():
                self.pid = os.getpid()
                self.purgers = [
                    HostPurger(h, timeout=self.timeout, retries=self.retries, backoff=self.backoff)
                    for h in self.hosts
                ]
                atexit.register(self.wait, 2.0)
            return self.purgers

    def __call__(self, urls=(), tags=()):
        if not tags:
            return
        for purger in self._started():
            purger.put(tuple(tags))

    def wait(self, timeout=5.0):
        """Until every host was sent what is queued (tests, process exit)."""
        deadline = time.monotonic() + timeout
        return all(p.wait(max(0.0, deadline - time.monotonic())) for p in list(self.purgers))
