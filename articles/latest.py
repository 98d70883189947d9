"""The Latest: the newest stories readers may see, one component for every page.

The article sidebar, the front page and /latest/ all read from here and render
`articles/includes/the_latest.html`. Everything goes through
`Article.objects.published()`, so a scheduled story joins The Latest the moment
its time comes, and a withdrawn one leaves it at once. Each list is one query
(section and lead image joined), whatever its length.
"""

from articles import queries

# One shared list serves every page: the front page shows 13, the article
# sidebar 10 plus the one being read.
SHARED_LENGTH = 14


def _newest():
    return queries.cards(limit=SHARED_LENGTH)


def latest_stories(*, limit=10, exclude=None):
    """The `limit` newest visible stories, leaving out `exclude` (an article).

    Kept in the shared cache and refreshed when any story readers see changes
    (the `latest` tag) or a scheduled one comes due, so most pages get it
    without a query.
    """
    if limit + 1 > SHARED_LENGTH:
        stories = queries.cards(limit=limit + 1)
    else:
        from pagecache.store import memo

        stories = memo("latest-stories", ["latest"], _newest)
    if exclude is not None:
        stories = [story for story in stories if story.pk != exclude.pk]
    return stories[:limit]
