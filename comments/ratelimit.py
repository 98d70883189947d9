"""Fixed-window rate limits counted in the shared cache.

The cache is shared by every worker (Redis, or the file cache), so the limits
hold across gunicorn workers and app servers. Keys carry the window number, so
a window's counter expires by itself.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(kind, value, window):
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
    return f"comments:rate:{kind}:{digest}:{window}"


def hit(kind, value, *, limit, period):
    """Count one submission; True while within the limit."""
    if not value:
        return True
    window = int(time.time() // period)
    key = _key(kind, value, window)
    cache.add(key, 0, period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, period + 5)
        count = 1
    return count <= limit


def retry_after(period):
    return int(period - time.time() % period) + 1


def allow_submission(*, ip_address, email):
    """Count a submission against the per-IP and per-email limits."""
    period = settings.COMMENTS_RATE_WINDOW
    ip_ok = hit("ip", ip_address or "", limit=settings.COMMENTS_RATE_PER_IP, period=period)
    email_ok = hit("email", email, limit=settings.COMMENTS_RATE_PER_EMAIL, period=period)
    return ip_ok and email_ok
