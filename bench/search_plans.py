"""PostgreSQL: the search page's statement planned for its values, against
the prepared statement's generic plan (what the reads connection runs).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_search_bench \\
        .venv/bin/python bench/search_plans.py [--kind "rare word"] [--runs 10]

Run bench/search_bench.py first (it fills the database). For each query of
the bench's mix, the page's statement is captured as the view sends it, then
run on the reads connection as a prepared statement, alternately with
`plan_cache_mode` forced to custom and to generic plans, in one transaction
(so both see the same caches). Prints the median per query kind, in ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_search")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", action="append", help="Only this query kind (repeatable).")
    parser.add_argument("--runs", type=int, default=10, help="Timed runs of each plan (10).")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL bench database (see the docstring).")
    import django

    django.setup()
    import psycopg
    from django.conf import settings
    from django.db import connections
    from django.test import RequestFactory

    from bench.search_bench import realistic_queries
    from reader.editions import DEFAULT, EditionMiddleware
    from search.views import search as search_view

    search = EditionMiddleware(search_view)
    factory = RequestFactory()
    captured, kind_now = [], None
    send = psycopg.Cursor.execute

    def capture(cursor, query, params=None, **kwargs):
        if "WITH q AS" in str(query):
            captured.append((kind_now, query, params))
        return send(cursor, query, params, **kwargs)

    psycopg.Cursor.execute = capture
    try:
        for kind_now, params, edition in realistic_queries(random.Random(args.seed)):
            if not args.kind or kind_now in args.kind:
                prefix = "" if edition == DEFAULT else f"/{edition}"
                search(factory.get(prefix + "/search/", params))
    finally:
        psycopg.Cursor.execute = send

    reads = connections[settings.READS_DATABASE]
    reads.ensure_connection()
    raw = reads.connection
    timings = {}
    for kind, query, params in captured:
        with raw.transaction():
            cursor = psycopg.Cursor(raw)
            cursor.execute("SET LOCAL enable_seqscan = off")
            for run in range(args.runs + 2):  # two to warm
                for mode in ("force_custom_plan", "force_generic_plan"):
                    cursor.execute(f"SET LOCAL plan_cache_mode = {mode}")
                    started = time.perf_counter()
                    cursor.execute(query, params, prepare=True)
                    cursor.fetchall()
                    if run >= 2:
                        elapsed = (time.perf_counter() - started) * 1000
                        timings.setdefault((kind, mode), []).append(elapsed)
    print(f"The search statement, median of {args.runs} runs per query, ms:")
    print(f"  {'kind':<20} {'custom plan':>12} {'generic plan':>13}")
    for kind in dict.fromkeys(kind for kind, _, _ in captured):
        custom = statistics.median(timings[(kind, "force_custom_plan")])
        generic = statistics.median(timings[(kind, "force_generic_plan")])
        print(f"  {kind:<20} {custom:12.1f} {generic:13.1f}")


if __name__ == "__main__":
    main()
