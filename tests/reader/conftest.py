"""Fixtures of the reader's pages: the page cache's (fetch: was it a hit?),
the feeds' (a section and a story with everything a page can show) and the
newsroom's roles (editorial)."""

from tests.editorial.conftest import editor, journalist, other_journalist  # noqa: F401
from tests.pagecache.conftest import fetch  # noqa: F401
from tests.syndication.conftest import _site_url, section, story  # noqa: F401
