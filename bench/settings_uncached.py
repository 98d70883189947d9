"""Production settings with the page cache off: the "uncached" server of the benchmark.

Everything else (database, Redis for sessions and small caches, middleware,
template caching) is as in production; only whole-page caching is switched
off, so every request renders its page.
"""

from newsroom.settings import *  # noqa: F403

PAGECACHE_ENABLED = False
