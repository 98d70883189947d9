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
    from django.core.cache import caches
    from django.db import connection
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
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            entry[label] = len(queries)
            entry[f"{label}_sql"] = [query["sql"][:300] for query in queries.captured_queries]
        entry["status"] = response.status_code
        entry["bytes"] = len(response.content)
        results[path] = entry
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
