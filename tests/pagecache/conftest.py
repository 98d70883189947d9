import pytest


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
