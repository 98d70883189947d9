"""Several workers, one cache: an invalidation made by one process is seen by all.

Without Redis, production settings use a FileBasedCache in var/cache shared by
every worker on the host; with REDIS_URL, Redis, shared by every server.
Here a second Python process (production settings, its own cache client)
invalidates a page this process has cached.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import make_article

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("PAGECACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


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


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


@pytest.mark.skipif(not redis_available(), reason=f"no Redis at {REDIS_URL}")
def test_redis_invalidation_crosses_processes(settings, fetch):
    prefix = f"newsroom-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    story = make_article(headline="Shared through Redis")
    url = story.get_absolute_url()
    try:
        fetch(url)
        assert fetch(url).hit
        other_process_invalidates(
            [f"article:{story.pk}"], REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix
        )
        assert not fetch(url).hit
        assert fetch(url).hit
    finally:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


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
