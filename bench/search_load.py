"""Do searches starve the page workers? The article page's latency with and
without 8 concurrent searchers, under gunicorn, measured with wrk.

    python bench/search_load.py --database-url postgres://postgres@127.0.0.1:5432/nr_search_bench
    python bench/search_load.py --database-url sqlite:////tmp/srch/bench.sqlite3

Run bench/search_bench.py first (it fills the database). One gunicorn server,
production settings with the page cache off (bench/settings_uncached.py: every
article request renders its page, every search runs), WEB_CONCURRENCY workers
(default 2, as bench/run_wrk.py). wrk requests a rotation of article pages
(--duration seconds, 2 connections) twice: alone, then while 8 threads search
without pause, each search distinct (two words of the bench's mix, and a page
number), so neither the page cache nor the database's caches of results help.
Prints each run's p50 and p99 and the searches' own latency and outcomes
(200; 503 when the time limit stopped one, or when every search slot was
taken: search/slots.py). Searchers wait a 503's Retry-After before their next
search, as a reader does (--no-backoff: at once).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run_wrk import Server, base_env, manage  # noqa: E402

WRK_SCRIPT = """
local paths = {%s}
local n = 0
request = function()
  n = n %% #paths + 1
  return wrk.format("GET", paths[n])
end
"""


def wrk(port, paths, duration, workdir):
    script = workdir / "rotation.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            "-c2",
            f"-d{duration}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label):
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"p50": ms("50%"), "p99": ms("99%"), "rps": rate}


def searcher(port, words, stop, results, seed, backoff):
    rng = random.Random(seed)
    while not stop.is_set():
        query = {"q": " ".join(rng.sample(words, 2)), "page": str(rng.randint(1, 3))}
        if query["page"] == "1":
            del query["page"]
        url = f"http://127.0.0.1:{port}/search/?" + urllib.parse.urlencode(query)
        started, retry_after = time.perf_counter(), 2.0
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            retry_after = float(error.headers.get("Retry-After", 2))
        except OSError:
            status = "error"
        results.append((status, (time.perf_counter() - started) * 1000))
        if status == 503 and backoff:
            # As a reader (or a polite client) does: try again after Retry-After.
            stop.wait(retry_after)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--searchers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--no-backoff",
        action="store_true",
        help="Searchers retry at once after a 503 instead of after its Retry-After.",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="search-load-"))
    env = base_env(argparse.Namespace(database_url=args.database_url, redis_url=None), workdir)
    manage(env, "collectstatic", "--no-input", "-v0")
    env = {**env, "DJANGO_SETTINGS_MODULE": "bench.settings_uncached"}
    # Articles and words from the database itself.
    os.environ.update(DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="tests.settings")
    import django

    django.setup()
    from articles.models import Article

    slugs = list(
        Article.objects.published()
        .filter(edition_id="en")
        .order_by("?")
        .values_list("slug", "headline")[:200]
    )
    paths = [f"/news/{slug}/" for slug, _ in slugs[:50]]
    words = sorted({w.strip(".,:").lower() for _, h in slugs for w in h.split() if len(w) > 4})
    from django.db import connections

    connections.close_all()

    server = Server(
        "search-load", args.port, {**env, "WEB_CONCURRENCY": str(args.workers)}, workdir
    )
    server.start()
    try:
        for path in paths:  # warm each worker's templates and connections
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}{path}").read()
        alone = wrk(args.port, paths, args.duration, workdir)
        stop, results = threading.Event(), []
        threads = [
            threading.Thread(
                target=searcher,
                args=(args.port, words, stop, results, n, not args.no_backoff),
            )
            for n in range(args.searchers)
        ]
        for thread in threads:
            thread.start()
        time.sleep(2)
        loaded = wrk(args.port, paths, args.duration, workdir)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.process.terminate()
        server.process.wait()
    print(
        f"Database: {args.database_url.split('@')[-1]}; gunicorn {args.workers} workers, "
        f"page cache off; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"article page alone:            p50 {alone['p50']:7.1f} ms  p99 {alone['p99']:7.1f} ms"
        f"  {alone['rps']:6.1f} req/s"
    )
    print(
        f"with {args.searchers} searchers:            p50 {loaded['p50']:7.1f} ms  "
        f"p99 {loaded['p99']:7.1f} ms  {loaded['rps']:6.1f} req/s"
    )
    print(f"p99 ratio: {loaded['p99'] / alone['p99']:.2f}x")
    timings = [ms for _, ms in results]
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    if timings:
        ordered = sorted(timings)
        print(
            f"searches: {len(timings)}, median {statistics.median(timings):.1f} ms, "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms, statuses {statuses}"
        )


if __name__ == "__main__":
    main()
