"""The Latest: the newest stories readers may see, one component for every page."""

from articles.models import Article

# One shared list serves every page: the front page shows 13, the article
# sidebar 10 plus the one being read.
SHARED_LENGTH = 14


def _newest():
    return list(Article.objects.published().for_cards()[:SHARED_LENGTH])


def latest_stories(*, limit=10):
    """The `limit` newest visible stories.

    Kept in the shared cache and refreshed when any story readers see changes
    (the `latest` tag) or a scheduled one comes due, so most pages get it
    without a query.
    """
    if limit > SHARED_LENGTH:
        return list(Article.objects.published().for_cards()[:limit])
    from pagecache.store import memo

    return memo("latest-stories", ["latest"], _newest)[:limit]
