"""The Latest: the newest stories readers may see, one component for every page."""

from articles.models import Article


def latest_stories(*, limit=10):
    return list(Article.objects.published().for_cards()[:limit])
