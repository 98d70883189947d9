"""`/healthz`: can this app server reach its database and its cache?

200 `"ok"` when both answer. Without the cache the site still serves every
page (from the database, more slowly): 200 `"degraded"`, so a load balancer
keeps the server. Without the database it cannot: 503 `"unavailable"`, so a
load balancer takes it out of rotation. Never cached, never a session.
Failures are logged with their cause; the public body only names the part
that failed.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("newsroom.health")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


# The parts checked, and whether the site can serve pages without each.
CHECKS = {"database": (check_database, True), "cache": (check_cache, False)}


def healthz(request):
    results = {}
    status = "ok"
    for name, (check, essential) in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name, extra={"check": name})
            results[name] = "unavailable"
            if essential:
                status = "unavailable"
            elif status == "ok":
                status = "degraded"
        else:
            results[name] = "ok"
    response = JsonResponse(
        {"status": status, "checks": results},
        status=503 if status == "unavailable" else 200,
    )
    add_never_cache_headers(response)
    return response
