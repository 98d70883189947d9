"""Queries and bytes per page, from a test-client pass (run by bench/run_wrk.py).

    DJANGO_SETTINGS_MODULE=bench.settings_uncached python -m bench.pagecounts /news/x/ /latest/

Empties every cache once, loads the front page once (so site-wide caches such
as the navigation are warm, as they are on a running site), then requests each
path twice. Prints JSON: for each path, the status, the size in bytes and the
SQL queries of the first request ("first") and of the one right after it
("again"). With the page cache off, "first" is what a reader of a page nobody
asked for lately costs; with it on, "again" is a cache hit.
"""

import json
import os
import sys


def main(paths):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from contextlib import ExitStack

    from django.core.cache import caches
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for alias in caches:
        caches[alias].clear()
    client.get("/")
    results = {}
    for path in paths:
        entry = {}
        for label in ("first", "again"):
            # Every connection: on PostgreSQL the reader pages' SQL runs on
            # `reads` (settings.READS_DATABASE), the rest on `default`.
            with ExitStack() as stack:
                captures = [
                    stack.enter_context(CaptureQueriesContext(connection))
                    for connection in connections.all()
                ]
                response = client.get(path)
            captured = [query for capture in captures for query in capture.captured_queries]
            entry[label] = len(captured)
            entry[f"{label}_sql"] = [query["sql"][:300] for query in captured]
        entry["status"] = response.status_code
        entry["bytes"] = len(response.content)
        results[path] = entry
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
