import pytest


@pytest.fixture(autouse=True)
def _no_clock_skew(settings):
    """The suite runs in one process with one clock: a page may be stored the
    moment after a change (production waits PAGECACHE_CLOCK_SKEW seconds)."""
    settings.PAGECACHE_CLOCK_SKEW = 0
