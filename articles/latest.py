"""The Latest: the newest stories readers may see, one component for every page.

The article sidebar, the front page and /latest/ all read from here and render
`articles/includes/the_latest.html`. Everything goes through
`Article.objects.published()`, so a scheduled story joins The Latest the moment
its time comes, and a withdrawn one leaves it at once. Each list is one query
(section and lead image joined), whatever its length.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

from articles.models import Article

SIDEBAR_STORIES = 10


def latest_queryset():
    return Article.objects.published().for_cards().order_by("-publish_at", "-pk")


def latest_stories(*, limit=SIDEBAR_STORIES, exclude=None):
    """The `limit` newest visible stories, leaving out `exclude` (an article)."""
    queryset = latest_queryset()
    if exclude is not None and exclude.pk is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset[:limit])


def latest_page(request):
    """A page of The Latest for /latest/; a bad or out-of-range page is a 404."""
    paginator = Paginator(latest_queryset(), settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404("No such page.") from None
