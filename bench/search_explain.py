"""Where a search's time goes: the plan and timing of every SQL statement of the
search page, per query kind, and a profile of the Python side.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_search_bench \\
        .venv/bin/python bench/search_explain.py [--kind "rare word"] [--profile]

Run bench/search_bench.py first (it fills the database and builds the index);
this script only reads. For each query kind of the bench's mix it runs the
search page once (warm), captures its statements with their parameters and
runs each again under EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, or times it
and prints EXPLAIN QUERY PLAN on SQLite. --profile adds a cProfile of 20
searches of that kind (the top functions by cumulative time).
"""

import argparse
import cProfile
import os
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The test settings: every statement on the default connection, where it is
# captured and explained with its values (custom plans: production prepares
# the search statement once and reuses a generic plan, bench/settings_search.py).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", action="append", help="Only this query kind (repeatable).")
    parser.add_argument("--profile", action="store_true", help="Profile the Python side too.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the bench database (see the docstring).")
    import django

    django.setup()
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from bench.search_bench import realistic_queries
    from search.views import search

    queries = realistic_queries(random.Random(args.seed))
    factory = RequestFactory()
    seen = set()

    def request_for(params, edition):
        request = factory.get("/search/", params)
        request.edition = edition
        return request

    for kind, params, edition in queries:
        if kind in seen or (args.kind and kind not in args.kind):
            continue
        seen.add(kind)
        search(request_for(params, edition))  # warm
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            search(request_for(params, edition))
            total = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        print(f"\n=== {kind}: {params}  page {total:.1f} ms, SQL {sql_ms:.1f} ms")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # BEGIN, SET LOCAL, COMMIT
            print(f"\n--- {float(query['time']) * 1000:.1f} ms: {' '.join(sql.split())[:300]}")
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                else:
                    cursor.execute("EXPLAIN QUERY PLAN " + sql)
                for row in cursor.fetchall():
                    print("   ", " | ".join(str(c) for c in row))
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(20):
                search(request_for(params, edition))
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(18)


if __name__ == "__main__":
    main()
