import os
import uuid

import pytest

REDIS_URL = os.environ.get("PAGECACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture(autouse=True)
def _no_clock_skew(settings):
    """The suite runs in one process with one clock: a page may be stored the
    moment after a change (production waits PAGECACHE_CLOCK_SKEW seconds)."""
    settings.PAGECACHE_CLOCK_SKEW = 0


@pytest.fixture
def fetch(client):
    """GET a page; `.hit` says it came from the page cache (no SQL at all)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch(url, using=None, **extra):
        with CaptureQueriesContext(connection) as queries:
            response = (using or client).get(url, **extra)
        response.hit = len(queries) == 0
        response.text = response.content.decode()
        return response

    return fetch


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return True
    except Exception:
        return False


@pytest.fixture
def redis_cache(settings):
    """A Redis cache of its own (key prefix) for this test, emptied after."""
    import redis

    prefix = f"newsroom-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
