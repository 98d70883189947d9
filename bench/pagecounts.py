"""Queries and bytes per page, from a test-client pass (run by bench/run_wrk.py).

    DJANGO_SETTINGS_MODULE=bench.settings_uncached python -m bench.pagecounts /news/x/ /latest/

Prints JSON: for each path, the status, the size in bytes and the number of
SQL queries of a first request with an empty cache ("cold") and of a second
request right after it ("warm").
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
    results = {}
    for path in paths:
        for alias in caches:
            caches[alias].clear()
        entry = {}
        for label in ("cold", "warm"):
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
