"""Several workers, one cache: an invalidation made by one process is seen by all.

Without Redis, production settings use a FileBasedCache in var/cache shared by
every worker on the host; with REDIS_URL, Redis, shared by every server.
Here a second Python process (production settings, its own cache client)
invalidates a page this process has cached.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import make_article
from tests.pagecache.conftest import REDIS_URL, redis_available

pytestmark = pytest.mark.django_db


def other_process_invalidates(tags, **env):
    """Bump `tags` from another process with production settings (the cache
    half of pagecache.invalidate; that process has no database here)."""
    code = (
        f"import django; django.setup()\nfrom pagecache.store import bump\nbump({list(tags)!r})\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "REDIS_URL": "",
        **env,
    }
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(django_settings.BASE_DIR),
        env=environment,
        check=True,
        timeout=60,
    )


def test_file_cache_invalidation_crosses_processes(settings, tmp_path, fetch):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.backends.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    story = make_article(headline="Shared through files")
    url = story.get_absolute_url()
    fetch(url)
    assert fetch(url).hit
    other_process_invalidates([f"article:{story.pk}"], NEWSROOM_VAR_DIR=str(tmp_path))
    assert not fetch(url).hit
    assert fetch(url).hit


def test_two_file_cache_instances_on_one_directory_agree(settings, tmp_path, fetch):
    location = str(tmp_path / "cache")
    backend = "pagecache.backends.FileCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": location},
        "worker2": {"BACKEND": backend, "LOCATION": location},
    }
    story = make_article(headline="Before the edit")
    url = story.get_absolute_url()
    fetch(url)
    assert fetch(url).hit
    settings.PAGECACHE_CACHE = "worker2"  # the edit is saved by another worker
    story.headline = "After the edit"
    story.save()
    settings.PAGECACHE_CACHE = "default"
    page = fetch(url)
    assert not page.hit
    assert "After the edit" in page.text


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_redis_invalidation_crosses_processes(redis_cache, fetch):
    story = make_article(headline="Shared through Redis")
    url = story.get_absolute_url()
    fetch(url)
    assert fetch(url).hit
    other_process_invalidates(
        [f"article:{story.pk}"], REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=redis_cache
    )
    assert not fetch(url).hit
    assert fetch(url).hit


def test_the_file_cache_stays_bounded_without_listing_itself_on_every_write(tmp_path):
    from pagecache.backends import FileCache

    cache = FileCache(str(tmp_path / "cache"), {"OPTIONS": {"MAX_ENTRIES": 50}})
    listings = []
    original = cache._list_cache_files
    cache._list_cache_files = lambda: listings.append(1) or original()
    for n in range(1000):
        cache.set(f"key-{n}", n)
    assert len(listings) <= 1000 // FileCache.CULL_EVERY + 1
    assert len(original()) <= 50 + FileCache.CULL_EVERY
    assert cache.get("key-999") == 999


def test_pages_are_served_even_when_the_page_cache_is_down(settings, client):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.PAGECACHE_CACHE = "pages"
    story = make_article(headline="Still readable")
    for _ in range(2):
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert b"Still readable" in response.content
    story.headline = "Saved without a cache"
    story.save()  # the save itself never fails for the cache


class CountingReads:
    """Counts the shared cache's get_many calls (one per round trip)."""

    def __init__(self, monkeypatch):
        from pagecache import store

        self.calls = 0
        real = store.cache

        def counting_cache():
            backend = real()
            if not getattr(backend, "_counted", False):
                original = backend.get_many

                def get_many(keys, *args, **kwargs):
                    self.calls += 1
                    return original(keys, *args, **kwargs)

                backend.get_many, backend._counted = get_many, True
            return backend

        monkeypatch.setattr(store, "cache", counting_cache)


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_a_memo_kept_in_the_process_follows_a_bump_made_by_another_process(
    redis_cache, monkeypatch
):
    """The shared parts of every page are kept in each process and read with
    no round trip, yet a bump made anywhere else is seen by the very next read."""
    from pagecache.store import memo

    reads = CountingReads(monkeypatch)
    computed = []

    def compute():
        computed.append(1)
        return f"value {len(computed)}"

    assert memo("shared-test", ["latest"], compute, local=True) == "value 1"
    calls = reads.calls
    assert memo("shared-test", ["latest"], compute, local=True) == "value 1"
    assert memo("shared-test", ["latest"], compute, local=True) == "value 1"
    assert reads.calls == calls  # the later reads never left the process
    other_process_invalidates(["latest"], REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=redis_cache)
    assert memo("shared-test", ["latest"], compute, local=True) == "value 2"
    assert reads.calls > calls


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_a_memo_read_while_a_bump_arrives_is_not_kept(redis_cache, monkeypatch):
    import redis

    from pagecache.store import LOCAL, memo

    reads = CountingReads(monkeypatch)
    assert memo("race-test", ["latest"], lambda: "first", local=True) == "first"
    LOCAL.values.clear()  # as in a process that has not read it yet
    publisher = redis.Redis.from_url(REDIS_URL)
    channel = f"{redis_cache}:1:{LOCAL.CHANNEL}"

    from pagecache import store

    real_get_many = store.cache().get_many

    def get_many_then_bump(keys, *args, **kwargs):
        found = real_get_many(keys, *args, **kwargs)
        publisher.publish(channel, "1")  # another server bumps meanwhile...
        # ...and another thread of this process takes the message in before
        # this read is kept (only the generation can tell them apart then).
        before, deadline = LOCAL.generation, time.monotonic() + 2
        while LOCAL.generation == before and time.monotonic() < deadline:
            LOCAL.get(store.cache(), "another-request", store.now_ts())
        return found

    monkeypatch.setattr(store.cache(), "get_many", get_many_then_bump)
    assert memo("race-test", ["latest"], lambda: "second", local=True) == "first"
    monkeypatch.setattr(store.cache(), "get_many", real_get_many)
    calls = reads.calls
    memo("race-test", ["latest"], lambda: "third", local=True)
    assert reads.calls == calls + 1  # what was read during the bump was not reused


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_a_lost_subscription_drops_the_kept_memos(redis_cache, monkeypatch):
    """Redis restarted or the connection cut: a process that may have missed a
    bump reads the shared cache again, then listens again."""
    import redis

    from pagecache.store import memo

    reads = CountingReads(monkeypatch)
    memo("lost-test", ["latest"], lambda: "kept", local=True)
    calls = reads.calls
    memo("lost-test", ["latest"], lambda: "kept", local=True)
    assert reads.calls == calls
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub")
    assert memo("lost-test", ["latest"], lambda: "recomputed", local=True) == "kept"
    assert reads.calls == calls + 1  # read from the shared cache, not from the process
    memo("lost-test", ["latest"], lambda: "recomputed", local=True)
    memo("lost-test", ["latest"], lambda: "recomputed", local=True)
    assert reads.calls == calls + 2  # subscribed again, then kept again


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_a_kept_memo_is_read_again_after_its_maximum_age(redis_cache, monkeypatch):
    """Should the subscription be cut without anyone noticing (a firewall
    dropping an idle connection), a process still reads the cache again within
    LocalMemos.MAX_AGE seconds."""
    from pagecache import store

    reads = CountingReads(monkeypatch)
    clock = [store.now_ts()]
    monkeypatch.setattr(store, "now_ts", lambda: clock[0])
    store.memo("aged-test", ["latest"], lambda: "kept", local=True)
    calls = reads.calls
    clock[0] += store.LOCAL.MAX_AGE - 1
    store.memo("aged-test", ["latest"], lambda: "kept", local=True)
    assert reads.calls == calls  # still the process's copy
    clock[0] += 2
    store.memo("aged-test", ["latest"], lambda: "kept", local=True)
    assert reads.calls == calls + 1  # read from the cache again
