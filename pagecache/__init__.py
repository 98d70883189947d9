"""Page cache for anonymous readers, with exact, tag-versioned invalidation.

Views say what a page shows with `tag_page(request, "article:12", "latest")`
(or the `cached_page(...)` decorator): the tags are the project's own
vocabulary (here reader/tags.py); the middleware stores the finished page
with the current version of each tag, and serves it to the next anonymous
reader after one cache round-trip, before sessions, authentication or CSRF run.
`invalidate(tags)` bumps the versions of the tags a change touches, so exactly the pages that show it are rendered
afresh. See pagecache/README.md for the whole design.
"""

from pagecache.api import cached_page, invalidate, tag_page

__all__ = ["cached_page", "invalidate", "tag_page"]
