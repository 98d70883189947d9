"""When did anything readers see last change? The validator behind conditional GET.

Feed readers poll. Each poll asks "changed since?" and should cost one cheap
query when nothing did. The validators combine two things:

* the newest items of the feed itself (ids and times, one LIMIT query on the
  live-articles index): a newly published, edited or scheduled-and-now-due
  story changes them;
* a site-wide "last change" stamp, moved by every `content_changed` event
  (author and topic renames among them): this catches what the newest items cannot show, such
  as an older story being withdrawn or deleted, or a byline name changing.

If the stamp is missing (an emptied cache), it is set to now: one extra full
response per client, never a stale 304. Without a cache at all (Redis down)
every answer is a full one, for the same reason.
"""

import hashlib
import logging

from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone

from articles.changes import content_changed
from pagecache.backends import best_effort, cache_failed

log = logging.getLogger(__name__)

STAMP_KEY = "syndication:changed-at"


def touch(**kwargs):
    # Unsaid if the cache is down: changed_at() answers "now" meanwhile, and
    # the save goes on.
    with best_effort("Feed change stamp not moved", log):
        cache.set(STAMP_KEY, timezone.now(), None)


def changed_at():
    try:
        stamp = cache.get(STAMP_KEY)
        if stamp is None:
            stamp = timezone.now()
            cache.add(STAMP_KEY, stamp, None)
            stamp = cache.get(STAMP_KEY, stamp)
    except Exception as error:
        cache_failed(log, "Feed change stamp unknown; taken as now", error)
        stamp = timezone.now()
    return stamp


@receiver(content_changed)
def content_changed_stamp(sender, **kwargs):
    touch()


class Validators:
    """ETag and Last-Modified of a list of articles, computed once per request."""

    def __init__(self, queryset, *, limit):
        self.queryset = queryset
        self.limit = limit
        self._computed = None

    def _compute(self):
        if self._computed is None:
            rows = list(
                self.queryset.order_by("-publish_at", "-pk").values_list(
                    "pk", "publish_at", "updated_at"
                )[: self.limit]
            )
            stamp = changed_at()
            newest = max([stamp, *(max(p, u) for _, p, u in rows)])
            digest = hashlib.sha256(
                repr(
                    (stamp.isoformat(), [(pk, p.isoformat(), u.isoformat()) for pk, p, u in rows])
                ).encode()
            ).hexdigest()[:32]
            self._computed = (digest, newest)
        return self._computed

    @property
    def etag(self):
        return self._compute()[0]

    @property
    def last_modified(self):
        return self._compute()[1]
