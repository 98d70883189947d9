"""The breaking-news banner, served from the cache.

The banner is on every page, so it must not cost a query per page. The cache
holds the current story (or None) together with the moment that answer stops
being true: the story's `breaking_until`, or the publish time of a scheduled
breaking story. A read after that moment recomputes, so the banner disappears
exactly at `breaking_until` and appears exactly when a scheduled story goes
live. Any content change drops the entry.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError
from django.dispatch import receiver
from django.utils import timezone

from articles import visibility
from articles.changes import content_changed
from articles.models import Article
from pagecache.backends import best_effort
from reader import editions

logger = logging.getLogger(__name__)

CACHE_KEY = "editorial:breaking"
# Recompute at least this often, in case rows change behind the signals' back
# (a bulk update, a manual fix in the database).
MAX_AGE = 600


def _key(edition):
    return f"{CACHE_KEY}:{edition}"


def current_breaking(*, edition=None, now=None):
    """The breaking story readers of `edition` (the current one) should see
    now, as a dict, or None."""
    edition = edition or editions.current_code()
    now = now or timezone.now()
    entry = None
    with best_effort("Breaking-news banner read without the cache", logger):
        entry = cache.get(_key(edition))
    if entry is None or (entry["valid_until"] is not None and entry["valid_until"] <= now):
        try:
            entry = _compute(now, edition=edition)
        except DatabaseError:
            # The banner is on every page, error pages included: without a
            # database, show none rather than fail the page.
            logger.exception("Could not look up the breaking-news story")
            return None
        timeout = MAX_AGE
        if entry["valid_until"] is not None:
            timeout = max(1, min(MAX_AGE, int((entry["valid_until"] - now).total_seconds()) + 1))
        with best_effort("Breaking-news banner not cached", logger):
            cache.set(_key(edition), entry, timeout)
    return entry["story"]


def _compute(now, edition=None):
    # One query on the partial index article_breaking_idx: stories whose
    # banner has not ended, visible now or by the clock later (scheduled).
    candidates = list(
        Article.objects.in_edition(edition or editions.current_code())
        .filter(visibility.shown_or_due_q(now), breaking_until__gt=now)
        .only("edition", "headline", "slug", "status", "publish_at", "breaking_until")
        .order_by("-publish_at", "-pk")[:20]
    )
    live = [a for a in candidates if visibility.is_visible(a, now)]
    upcoming = [
        getattr(a, visibility.CLOCK_FIELD) for a in candidates if not visibility.is_visible(a, now)
    ]
    story = live[0] if live else None
    ends = [story.breaking_until] if story else []
    valid_until = min(ends + upcoming) if ends or upcoming else None
    return {
        "story": story
        and {
            "headline": story.headline,
            "url": story.get_absolute_url(),
            "until": story.breaking_until,
            "pk": story.pk,
        },
        "valid_until": valid_until,
    }


@receiver(content_changed)
def forget_breaking(sender, **kwargs):
    # Without the cache there is no copy to forget (and the save goes on).
    with best_effort("Breaking-news banner not forgotten", logger):
        cache.delete_many([_key(code) for code in editions.enabled()])
