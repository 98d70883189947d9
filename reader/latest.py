"""The Latest: the newest stories readers may see, one component for every page.

The article sidebar, the front page and /latest/ all read from here and render
`reader/includes/the_latest.html`. Everything goes through
`Article.objects.published()`, so a scheduled story joins The Latest the moment
its time comes, and a withdrawn one leaves it at once. Each list is one query
(section and lead image joined), whatever its length.
"""

from reader.cards import cards
from reader.shared import NEWEST, shared


def latest_stories(*, limit=10, exclude=None, request=None):
    """The `limit` newest visible stories, leaving out `exclude` (an article).

    Kept with the site's shared parts (reader/shared.py), refreshed when any
    story readers see changes (the `latest` tag) or a scheduled one comes due,
    so most pages get it without a query.
    """
    if limit + 1 > NEWEST:
        stories = cards(limit=limit + 1)
    else:
        stories = shared(request)["newest"]
    if exclude is not None:
        stories = [story for story in stories if story.pk != exclude.pk]
    return stories[:limit]
