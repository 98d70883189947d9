"""Conditional GET for feeds: a poll with nothing new costs one small query."""

from functools import wraps

from django.views.decorators.http import condition

from syndication.feeds import FEED_ITEMS
from syndication.freshness import Validators


def conditional_feed(view, *, feed=None):
    """Wrap a feed view with ETag / Last-Modified answering 304 when unchanged.

    `feed` (default: the view itself, a Feed instance) gives the scope: its
    `get_object()` and `scope()` pick the stories the validators look at, the
    same ones the feed lists.
    """
    feed = feed or view

    def validators(request, *args, **kwargs):
        if not hasattr(request, "_feed_validators"):
            obj = feed.get_object(request, *args, **kwargs)
            request._feed_validators = Validators(feed.scope(obj), limit=FEED_ITEMS)
        return request._feed_validators

    @wraps(view)
    @condition(
        etag_func=lambda request, *args, **kwargs: validators(request, *args, **kwargs).etag,
        last_modified_func=lambda request, *args, **kwargs: (
            validators(request, *args, **kwargs).last_modified
        ),
    )
    def conditional_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # Feed sets Last-Modified from its newest item; ours (which also knows
        # about withdrawn stories) must be the one clients see.
        del response["Last-Modified"]
        return response

    return conditional_view
