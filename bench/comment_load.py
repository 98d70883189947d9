#!/usr/bin/env python
"""Load test of the comment form: concurrent posts through gunicorn, none lost.

For each database asked for (SQLite file in a temporary folder, and/or the
PostgreSQL database `newsroom_comments_load`, created afresh), this script:

1. migrates a fresh database and creates one published article;
2. starts gunicorn with several workers on 127.0.0.1 (production settings,
   DEBUG off, the file cache shared by the workers);
3. phase 1: GETs the article page N times (threads) and, as the form's
   script does, a time-trap token from the comment-token address, as N
   browsers would (the page itself holds no per-reader value);
4. waits out the form's minimum fill time (the real defence stays on);
5. phase 2: POSTs the N forms concurrently, each from a different email;
6. counts the rows in the database: every submission answered with success
   (303/302 back to the article) must be stored, none lost, and no 5xx
   ("database is locked" would be one).

All posts come from 127.0.0.1 (REMOTE_ADDR, no proxy), so the per-IP rate
limit is raised for the run (COMMENTS_RATE_PER_IP in the server's
environment); the per-email limit stays as configured since every email is
distinct. Posts say where they come from as a browser does (Origin,
Sec-Fetch-Site: same-origin): that, not a CSRF token, is what the comment
form checks.

    .venv/bin/python bench/comment_load.py                   # both databases
    .venv/bin/python bench/comment_load.py --db sqlite -n 500 --threads 16 --workers 4
    .venv/bin/python bench/comment_load.py --redis redis://127.0.0.1:6379/3
"""

import argparse
import http.client
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "newsroom_comments_load"
SLUG = "load-test-story"

SETUP = f"""
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Author, Byline, Section
section = Section.objects.create(name="Load", slug="load")
author = Author.objects.create(name="Load Tester", slug="load-tester")
article = Article.objects.create(
    headline="Load test story", slug={SLUG!r}, standfirst="A story to comment on.",
    body="<p>Words.</p>", section=section, status="published",
    publish_at=timezone.now() - timedelta(hours=1),
)
Byline.objects.create(article=article, author=author)
"""

TOKEN = re.compile(r'"ts": ?"([^"]+)"')


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=BASE_DIR, check=True, **kwargs)


def fresh_postgres():
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{PG_DB}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_DB


def count_stored(db, url, emails):
    query = "SELECT email, count(*) FROM comments_comment GROUP BY email"
    if db == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            rows = connection.execute(query).fetchall()
    else:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
            rows = connection.execute(query).fetchall()
    stored = dict(rows)
    return (
        sum(stored.values()),
        [e for e in emails if e not in stored],
        sum(1 for n in stored.values() if n > 1),
    )


def wait_for(port, deadline=60):
    end = time.time() + deadline
    while time.time() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/community-guidelines/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on port {port}")


class Client:
    """One simulated browser: GET the form, later POST it."""

    def __init__(self, port, n):
        self.port = port
        self.n = n
        self.email = f"reader{n}@load.example"

    def get_form(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", f"/news/{SLUG}/", headers={"Host": f"127.0.0.1:{self.port}"})
        response = conn.getresponse()
        html = response.read().decode()
        conn.close()
        if response.status != 200 or 'data-token-url="' not in html:
            raise RuntimeError(f"GET answered {response.status}")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(
            "GET", f"/news/{SLUG}/comment/token/", headers={"Host": f"127.0.0.1:{self.port}"}
        )
        self.ts = TOKEN.search(conn.getresponse().read().decode()).group(1)
        conn.close()

    def post(self):
        body = urllib.parse.urlencode(
            {
                "name": f"Reader {self.n}",
                "email": self.email,
                "body": f"Comment number {self.n} from the load test, with a thought or two.",
                "website": "",
                "ts": self.ts,
            }
        )
        origin = f"http://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Sec-Fetch-Site": "same-origin",
            "Referer": f"{origin}/news/{SLUG}/",
            "User-Agent": "comment-load-bench",
        }
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            conn.request("POST", f"/news/{SLUG}/comment/", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status, location = response.status, response.getheader("Location", "")
            conn.close()
        except OSError as error:
            return "error", str(error), time.perf_counter() - started
        return status, location, time.perf_counter() - started


def bench(db, *, n, threads, workers, port, redis_url=""):
    tmp = Path(tempfile.mkdtemp(prefix="comment-load-"))
    url = f"sqlite:///{tmp / 'load.sqlite3'}" if db == "sqlite" else fresh_postgres()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "comment-load-bench-" + "x" * 40,
        "DATABASE_URL": url,
        "NEWSROOM_VAR_DIR": str(tmp),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_url,
        "COMMENTS_RATE_PER_IP": str(n * 10),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    run([PYTHON, "-c", SETUP], env)
    empty_conf = tmp / "gunicorn.conf.py"
    empty_conf.write_text("")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            str(empty_conf),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "newsroom.wsgi",
        ],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp / "gunicorn.log", "w"),
    )
    try:
        wait_for(port)
        clients = [Client(port, i) for i in range(n)]
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda c: c.get_form(), clients))
        min_fill = int(os.environ.get("COMMENTS_MIN_FILL_SECONDS", "3"))
        time.sleep(min_fill + 0.5)  # a person takes longer than that to write
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(lambda c: c.post(), clients))
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    # Success: the redirect to the confirmation (reader.commenting.POSTED_FRAGMENT).
    success_emails = [
        c.email
        for c, (status, location, _) in zip(clients, results, strict=True)
        if status in (302, 303) and location.endswith(f"/news/{SLUG}/#comment-posted")
    ]
    statuses = [status for status, _, _ in results]
    server_errors = sum(1 for s in statuses if isinstance(s, int) and s >= 500)
    other = sum(
        1 for s in statuses if s not in (302, 303) and not (isinstance(s, int) and s >= 500)
    )
    stored, lost, doubled = count_stored(db, url, success_emails)
    latencies = sorted(t for _, _, t in results)
    figures = {
        "database": db,
        "cache": "redis" if redis_url else "file",
        "workers": workers,
        "threads": threads,
        "submissions": n,
        "successes": len(success_emails),
        "stored": stored,
        "lost": len(lost),
        "stored twice": doubled,
        "5xx": server_errors,
        "other answers": other,
        "elapsed s": round(elapsed, 2),
        "comments/s": round(len(success_emails) / elapsed, 1),
        "p50 ms": round(statistics.median(latencies) * 1000, 1),
        "p95 ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
        "load avg (1 min)": round(os.getloadavg()[0], 1),
    }
    log = (tmp / "gunicorn.log").read_text()
    if "database is locked" in log:
        figures["'database is locked' in log"] = log.count("database is locked")
    if db == "postgres":
        with __import__("psycopg").connect(
            PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
    return figures, tmp


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("-n", type=int, default=500, help="comments to post (default 500)")
    parser.add_argument("--threads", type=int, default=16, help="concurrent clients (16)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument(
        "--redis",
        default="",
        metavar="URL",
        help="share the cache through Redis (e.g. redis://127.0.0.1:6379/3) "
        "instead of the file cache",
    )
    args = parser.parse_args()
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    failed = False
    for offset, db in enumerate(dbs):
        figures, tmp = bench(
            db,
            n=args.n,
            threads=args.threads,
            workers=args.workers,
            port=args.port + offset,
            redis_url=args.redis,
        )
        print(" ".join(f"{key}={value}" for key, value in figures.items()), flush=True)
        ok = (
            figures["lost"] == 0
            and figures["5xx"] == 0
            and figures["successes"] == figures["stored"] == args.n
        )
        print(f"  {db}: {'OK: every success stored, none lost, no 5xx' if ok else 'FAILED'}")
        if not ok:
            print(f"  gunicorn log kept in {tmp}")
            failed = True
        else:
            subprocess.run(["rm", "-rf", str(tmp)], check=False)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
