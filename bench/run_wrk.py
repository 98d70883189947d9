"""Load benchmark: our pages against the framework floor, with wrk.

    python bench/run_wrk.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        --articles 100000 --comments 1000000 --out bench/results/pg-100k.json
    python bench/run_wrk.py --database-url sqlite:////tmp/bench/db.sqlite3 --articles 1000
    python bench/run_wrk.py --database-url sqlite:////tmp/bench/ckb.sqlite3 --articles 1000 --edition ckb
    python bench/run_wrk.py --compare bench/results/pg-1k.json bench/results/pg-100k.json
    python bench/run_wrk.py --database-url postgres://...newsroom_bench --articles 100000 \
        --comments 1000000 --scale-from postgres://postgres@127.0.0.1:5432/newsroom_bench1k

What it does:
1. migrates the database and, with --articles/--comments, fills it to that size
   (`manage.py generate_scale` when the project has it, else bench/seed.py);
   collects static files;
2. counts the SQL queries and bytes of each page with a test-client pass
   (bench/pagecounts.py), cache empty ("uncached") and warm ("cache hit");
3. starts two gunicorn servers, 2 workers each, production settings
   (DEBUG=0, hashed static files, Redis cache): A with the page cache on,
   B with it off (bench/settings_uncached.py), which also serves the floor
   (bench/floor.py, a bare view rendering a page the size of a typical article
   page, the median of the rotation's
   from memory);
4. runs wrk against every page in turn, interleaved, for several rounds:
   floor, article (cache hit: a typical, median-sized story on A; uncached:
   a rotation of random articles on B), front page and The Latest (cache hit on A, uncached on B);
   with Varnish installed (--edge, the default then), the same three pages
   through Varnish in front of A (deploy/varnish/, ESI for The Latest beside
   the story), and the article page's bytes served from disk by nginx (when
   installed): the ceiling of any cache, side by side in the same rounds;
   With --scale-from, a third server (uncached) serves a small site's database
   (--scale-articles stories), and its article rotation runs in every round
   right after the big site's: the scale target compares each round's pair
   (--compare compares two separate runs, which the machine's drift skews);
   With --edition (e.g. ckb), the article, front page and The Latest are
   that edition's (/ckb/news/..., /ckb/, /ckb/latest/), its stories written
   with `generate_scale --edition`: compare its ratios to the floor with an
   English run's;
5. prints requests/s (median of the rounds), p50 and p99 latency, each page's
   ratio to the floor, its queries, and each worker's peak RSS (VmHWM; workers
   are not recycled during the run, so it is a long-lived worker's), with
   the targets of issue 6; writes the figures as JSON with --out.

Runs are bounded: --duration seconds per measurement (10) x --rounds (3) x 7
pages, about 4 minutes. Ports: --port, --port + 1 (and --port + 2 with --scale-from).
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.edge import Nginx, Varnish, find, stop  # noqa: E402 (the project's root first)

PYTHON = sys.executable
MIB = 1024 * 1024

TARGETS = {
    "hit_ratio": 1.0,  # cache hit >= 1.0x the floor
    "miss_ratio": 0.4,  # uncached >= 0.4x the floor
    "miss_queries": 5,  # uncached: at most 5 queries
    "rss_mib": 70,  # peak RSS per worker
    "scale_slowdown": 1.2,  # uncached article at 100k within 1.2x of 1k
    "varnish_ratio": 0.5,  # through Varnish >= 0.5x nginx serving the bytes from disk
    "varnish_p99_ms": 5.0,  # ... with p99 under 5 ms
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def base_env(args, workdir):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PAGECACHE_")) and key not in {"DEBUG"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 60,
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        NEWSROOM_VAR_DIR=str(workdir / "var"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env, *arguments, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )


def django_eval(env, code):
    result = subprocess.run(
        [PYTHON, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    return result.stdout.strip()


def has_command(env, name):
    code = f"from django.core.management import get_commands; print({name!r} in get_commands())"
    return django_eval(env, code) == "True"


def prepare_data(args, env, articles=None, comments=None):
    articles = args.articles if articles is None else articles
    comments_wanted = args.comments if comments is None else comments
    log(f"Migrating {env['DATABASE_URL']}...")
    manage(env, "migrate", "--no-input", "-v0")
    count = lambda: int(  # noqa: E731
        django_eval(
            env,
            "from articles.models import Article; "
            f"print(Article.objects.filter(edition_id={args.edition!r}).count())",
        )
    )
    existing = count()
    if articles and existing < articles:
        if args.generator != "seed" and has_command(env, "generate_scale"):
            log(
                f"generate_scale --articles {articles} --comments {comments_wanted} "
                f"--edition {args.edition}..."
            )
            manage(
                env,
                "generate_scale",
                "--articles",
                str(articles),
                "--comments",
                str(comments_wanted),
                "--edition",
                args.edition,
            )
        elif args.edition != "en":
            sys.exit("--edition needs manage.py generate_scale (bench/seed.py writes English).")
        else:
            missing = articles - existing
            log(f"Seeding {missing} articles, {comments_wanted} comments (bench/seed.py)...")
            subprocess.run(
                [
                    PYTHON,
                    "-m",
                    "bench.seed",
                    "--articles",
                    str(missing),
                    "--comments",
                    str(comments_wanted),
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
        existing = count()
    # Fresh planner statistics, as after any bulk load: without them SQLite
    # picks the status index for The Latest and sorts every published row
    # (3 s a page at 100,000 articles instead of 25 ms).
    log("ANALYZE...")
    django_eval(env, "from django.db import connection; connection.cursor().execute('ANALYZE')")
    comments = int(
        django_eval(env, "from comments.models import Comment; print(Comment.objects.count())")
    )
    log(
        f"Database holds {existing} articles of edition {args.edition} (all statuses), "
        f"{comments} comments."
    )
    log("Collecting static files...")
    manage(env, "collectstatic", "--no-input", "-v0")
    return existing, comments


def pick_urls(env, sample, edition="en"):
    """The newest story's path and a rotation of random ones, of `edition`:
    its addresses as readers request them (under its prefix, percent-encoded:
    an edition's slugs may be in Arabic script)."""
    code = (
        "import json, random; from articles.models import Article; "
        "from django.utils.encoding import iri_to_uri; "
        f"qs = Article.objects.published().filter(edition_id={edition!r}); "
        "url = lambda a: iri_to_uri(a.get_absolute_url()); "
        "newest = [url(a) for a in qs.order_by('-publish_at', '-pk')[:1]]; "
        "ids = list(qs.values_list('pk', flat=True)); "
        f"chosen = random.Random(6).sample(ids, min({sample}, len(ids))); "
        "paths = [url(a) for a in Article.objects.filter(pk__in=chosen).order_by('pk')]; "
        "print(json.dumps({'newest': newest, 'sample': paths}))"
    )
    data = json.loads(django_eval(env, code))
    if not data["newest"]:
        sys.exit(f"No published article of edition {edition} in the database: use --articles N.")
    article = data["newest"][0]
    rotation = data["sample"]
    random.Random(7).shuffle(rotation)
    return article, rotation


def page_counts(env, paths, settings_module):
    result = subprocess.run(
        [PYTHON, "-m", "bench.pagecounts", *paths],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings_module},
        check=True,
        text=True,
        capture_output=True,
    )
    return json.loads(result.stdout)


class Server:
    def __init__(self, name, port, env, logdir):
        self.name, self.port, self.env = name, port, env
        self.log = open(logdir / f"gunicorn-{name}.log", "w")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT,
            # No recycling (gunicorn.conf.py restarts a worker after 2,000
            # requests): the peak RSS is then that of a worker that served the
            # whole run, not of one a few seconds old.
            env={
                **self.env,
                "PORT": str(self.port),
                "WEB_CONCURRENCY": "2",
                "GUNICORN_MAX_REQUESTS": "0",
            },
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer on port {self.port}")

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def peak_rss(self):
        peaks = {}
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
            peaks[pid] = int(match.group(1)) * 1024
        return peaks

    def rss_parts(self):
        """Current RSS split: anonymous (Python's own memory) and file-backed
        (shared libraries, and SQLite's memory-mapped database pages)."""
        parts = {}
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            parts[pid] = {
                key: int(value) * 1024
                for key, value in re.findall(
                    r"^(RssAnon|RssFile|RssShmem):\s+(\d+) kB", status, re.M
                )
            }
        return parts

    def stop(self):
        stop(self.process)
        self.log.close()


def rotation_script(paths, directory, name="rotate"):
    script = directory / f"{name}.lua"
    entries = ",\n".join(json.dumps(path) for path in paths)
    script.write_text(
        "local paths = {\n" + entries + "\n}\n"
        "local i = math.random(#paths)\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )
    return script


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_latency(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNITS[match.group(2)]


def run_wrk(url, args, script=None):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command + [url], check=True, text=True, capture_output=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50_ms": parse_latency(latency["50"]),
        "p99_ms": parse_latency(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def benchmark(args):
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    (workdir / "var").mkdir()
    env = base_env(args, workdir)
    engine = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    articles, comments = prepare_data(args, env)
    newest, rotation = pick_urls(env, args.sample, args.edition)
    # The edition's front page and The Latest (English: / and /latest/).
    front = "/" if args.edition == "en" else f"/{args.edition}/"
    latest = f"{front}latest/"

    log("Counting queries per page...")
    sample = rotation[:21]
    uncached = page_counts(env, [newest, front, latest, *sample], "bench.settings_uncached")
    # A typical article page: the median-sized one of a sample of the
    # rotation. It is the cache-hit page, and the floor has its size. (The
    # newest story may carry hundreds of comments and be several times
    # larger: a floor that size would be slower and flatter every ratio.)
    by_size = sorted(sample, key=lambda path: uncached[path]["bytes"])
    article = by_size[len(by_size) // 2]
    article_bytes = uncached[article]["bytes"]
    newest_bytes = uncached[newest]["bytes"]
    pages_paths = [article, front, latest]
    cached = page_counts(env, pages_paths, "newsroom.settings")
    # Uncached: a story nobody asked for lately (first request, site-wide
    # caches warm); the front page and The Latest rendered again with the
    # page cache off. Cache hit: the second request with the page cache on.
    rotation_queries = max(uncached[path]["first"] for path in sample)

    env_a = dict(env)
    edge = args.edge and find("varnishd")
    if edge:
        # A as behind Varnish in production: xkey tags, ESI for The Latest.
        env_a["VARNISH_HOSTS"] = f"127.0.0.1:{args.port + 3}"
    env_b = {**env, "DJANGO_SETTINGS_MODULE": "bench.settings_uncached"}
    for server_env in (env_a, env_b):
        server_env.update(BENCH_FLOOR="1", BENCH_FLOOR_BYTES=str(article_bytes))
    servers = [
        Server("cached", args.port, env_a, workdir),
        Server("uncached", args.port + 1, env_b, workdir),
    ]
    a, b = (f"http://127.0.0.1:{server.port}" for server in servers)
    script = rotation_script(rotation, workdir)
    # (label, url, wrk script, kind, queries)
    pages = [
        ("floor", f"{b}/bench/floor/", None, "floor", 0),
        ("article, cache hit", f"{a}{article}", None, "hit", cached[article]["again"]),
        ("article, uncached", b, script, "miss", rotation_queries),
    ]
    small = None
    if args.scale_from:
        # The same page on a small site, served at the same time and measured
        # in the same rounds, right after the big site's: the machine's drift
        # from minute to minute hits both alike (two separate runs differed
        # by 15% on the same code).
        env_small = {
            **base_env(args, workdir),
            "DATABASE_URL": args.scale_from,
            "REDIS_URL": args.scale_redis_url,  # its own memos: another site
            "DJANGO_SETTINGS_MODULE": "bench.settings_uncached",
        }
        small_articles, _ = prepare_data(
            args, env_small, articles=args.scale_articles, comments=args.scale_articles * 10
        )
        small_rotation = pick_urls(env_small, args.sample, args.edition)[1]
        server = Server("uncached-small", args.port + 2, env_small, workdir)
        servers.append(server)
        label = f"article, uncached, {small_articles:,} stories"
        small = {
            "articles": small_articles,
            "rotation": small_rotation,
            "server": server,
            "label": label,
        }
        pages.append(
            (
                label,
                f"http://127.0.0.1:{server.port}",
                rotation_script(small_rotation, workdir, "rotate-small"),
                "scale",
                rotation_queries,
            )
        )
    front_servers = []
    if edge:
        varnish = Varnish(args.port + 3, args.port, workdir)
        front_servers.append(varnish)
        v = f"http://127.0.0.1:{varnish.port}"
        if find("nginx"):
            nginx = Nginx(args.port + 4, workdir, {})
            front_servers.append(nginx)
            pages.append(
                (
                    "article, nginx static",
                    f"http://127.0.0.1:{nginx.port}/article.html",
                    None,
                    "static",
                    0,
                )
            )
        pages += [
            ("article, Varnish", f"{v}{article}", None, "varnish", 0),
            ("front page, Varnish", f"{v}{front}", None, "varnish", 0),
            ("The Latest, Varnish", f"{v}{latest}", None, "varnish", 0),
        ]
    pages += [
        ("front page, cache hit", f"{a}{front}", None, "hit", cached[front]["again"]),
        ("front page, uncached", f"{b}{front}", None, "miss", uncached[front]["again"]),
        ("The Latest, cache hit", f"{a}{latest}", None, "hit", cached[latest]["again"]),
        ("The Latest, uncached", f"{b}{latest}", None, "miss", uncached[latest]["again"]),
    ]
    samples = {label: [] for label, *_ in pages}
    load_before = os.getloadavg()[0]
    try:
        for server in servers:
            server.start()
        for front in front_servers:
            if isinstance(front, Nginx):
                # The very bytes readers get for the article page.
                body = urllib.request.urlopen(f"{a}{article}").read()
                (front.workdir / "html" / "article.html").write_bytes(body)
                (front.workdir / "html" / "article.html").chmod(0o644)
            front.start()
        floor_bytes = len(urllib.request.urlopen(f"{b}/bench/floor/").read())
        log(
            f"Article page {article_bytes} bytes (median of a sample), newest {newest_bytes}; "
            f"floor {floor_bytes} bytes."
        )
        # Warm up: fill the page cache on A, let workers import and connect.
        for _label, url, page_script, *_ in pages:
            run_wrk(url, argparse.Namespace(**{**vars(args), "duration": 2}), page_script)
        # A running site has its database in memory: request every story of
        # the rotation once (on B, which caches no page), so the first rounds
        # do not measure the disk instead of the code.
        log(f"Reading the {len(rotation)} stories of the rotation once...")
        for path in rotation:
            urllib.request.urlopen(f"{b}{path}").read()
        if small:
            for path in small["rotation"]:
                urllib.request.urlopen(f"http://127.0.0.1:{small['server'].port}{path}").read()
        for round_number in range(1, args.rounds + 1):
            for label, url, page_script, *_ in pages:
                result = run_wrk(url, args, page_script)
                samples[label].append(result)
                log(
                    f"round {round_number} {label:24} {result['rps']:9.1f} req/s "
                    f"p50 {result['p50_ms']:.2f} ms p99 {result['p99_ms']:.2f} ms"
                    + (f" non-2xx {result['non_2xx']}" if result["non_2xx"] else "")
                )
        rss = {server.name: server.peak_rss() for server in servers}
        rss_parts = {server.name: server.rss_parts() for server in servers}
        load_after = os.getloadavg()[0]
    finally:
        for front in front_servers:
            front.stop()
        for server in servers:
            server.stop()

    rows = []
    floor_rps = statistics.median(sample["rps"] for sample in samples["floor"])
    static = samples.get("article, nginx static")
    static_rps = statistics.median(sample["rps"] for sample in static) if static else None
    for label, _url, _script, kind, queries in pages:
        rps = statistics.median(sample["rps"] for sample in samples[label])
        ratio = rps / floor_rps
        if kind == "hit":
            target = f">= {TARGETS['hit_ratio']}x"
            ok = ratio >= TARGETS["hit_ratio"]
        elif kind == "miss":
            target = f">= {TARGETS['miss_ratio']}x, <= {TARGETS['miss_queries']} q"
            ok = ratio >= TARGETS["miss_ratio"] and queries <= TARGETS["miss_queries"]
        elif kind == "scale":
            target, ok = "(for the scale line)", None
        elif kind == "varnish" and static_rps:
            p99 = statistics.median(sample["p99_ms"] for sample in samples[label])
            target = (
                f"{rps / static_rps:.2f}x nginx; >= {TARGETS['varnish_ratio']}x,"
                f" p99 < {TARGETS['varnish_p99_ms']:g}"
            )
            ok = rps / static_rps >= TARGETS["varnish_ratio"] and p99 < TARGETS["varnish_p99_ms"]
        else:
            target, ok = "", None
        rows.append(
            {
                "page": label,
                "kind": kind,
                "queries": queries,
                "rps": rps,
                "ratio": ratio,
                "p50_ms": statistics.median(sample["p50_ms"] for sample in samples[label]),
                "p99_ms": statistics.median(sample["p99_ms"] for sample in samples[label]),
                "non_2xx": sum(sample["non_2xx"] for sample in samples[label]),
                "target": target,
                "ok": ok,
            }
        )
    scale = None
    if small:
        big_rounds = [sample["rps"] for sample in samples["article, uncached"]]
        small_rounds = [sample["rps"] for sample in samples[small["label"]]]
        paired = [s_rps / b_rps for s_rps, b_rps in zip(small_rounds, big_rounds, strict=True)]
        slowdown = statistics.median(paired)
        scale = {
            "small_articles": small["articles"],
            "per_round": paired,
            "slowdown": slowdown,
            "ok": slowdown <= TARGETS["scale_slowdown"],
        }
    result = {
        "engine": engine,
        "edition": args.edition,
        "scale": scale,
        "articles": articles,
        "comments": comments,
        "article_bytes": article_bytes,
        "newest_article_bytes": newest_bytes,
        "page_bytes": {path: uncached[path]["bytes"] for path in pages_paths},
        "article": article,
        "floor_bytes": floor_bytes,
        "cores": os.cpu_count(),
        "load": [load_before, load_after],
        "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration}s x {args.rounds} rounds",
        "rows": rows,
        "rss": {
            name: {str(pid): peak for pid, peak in peaks.items()} for name, peaks in rss.items()
        },
        "rss_parts": {
            name: {str(pid): part for pid, part in parts.items()}
            for name, parts in rss_parts.items()
        },
        "queries": {"uncached": uncached, "cached": cached},
        "samples": samples,
    }
    print_table(result)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=1))
        log(f"Figures written to {args.out}")
    shutil.rmtree(workdir, ignore_errors=True)
    return result


def print_table(result):
    print()
    print(
        f"Newsroom benchmark: {result['engine']}, edition {result.get('edition', 'en')}, "
        f"{result['articles']:,} articles, "
        f"{result['comments']:,} comments; gunicorn 2 workers per server; wrk {result['wrk']}"
    )
    print(
        f"article page {result['article_bytes']:,} bytes (median of the rotation's; the newest "
        f"story's {result.get('newest_article_bytes', 0):,}), floor {result['floor_bytes']:,} "
        "bytes; "
        f"{result['cores']} cores, load average {result['load'][0]:.1f} before, "
        f"{result['load'][1]:.1f} after (other work on the machine skews the figures)"
    )
    header = f"{'page':24} {'queries':>7} {'req/s':>9} {'x floor':>8} {'p50 ms':>8} {'p99 ms':>8}  target"
    print(header)
    print("-" * (len(header) + 24))
    for row in result["rows"]:
        verdict = "" if row["ok"] is None else ("PASS" if row["ok"] else "FAIL")
        errors = f"  ({row['non_2xx']} non-2xx!)" if row["non_2xx"] else ""
        print(
            f"{row['page']:24} {row['queries']:>7} {row['rps']:>9.1f} {row['ratio']:>7.2f}x "
            f"{row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f}  {row['target']:22} {verdict}{errors}"
        )
    scale = result.get("scale")
    if scale:
        rounds = ", ".join(f"{ratio:.2f}x" for ratio in scale["per_round"])
        print(
            f"scale: the uncached article page is {scale['slowdown']:.2f}x slower at "
            f"{result['articles']:,} stories than at {scale['small_articles']:,} (median of "
            f"each round's pair: {rounds}; target <= {TARGETS['scale_slowdown']}x) "
            + ("PASS" if scale["ok"] else "FAIL")
        )
    peaks = [peak for server in result["rss"].values() for peak in server.values()]
    worst = max(peaks) / MIB
    per_worker = ", ".join(f"{peak / MIB:.1f}" for peak in peaks)
    verdict = "PASS" if worst <= TARGETS["rss_mib"] else "FAIL"
    print(
        f"peak RSS per worker (VmHWM, MiB): {per_worker}; max {worst:.1f} "
        f"(target <= {TARGETS['rss_mib']}) {verdict}"
    )
    parts = [part for server in result.get("rss_parts", {}).values() for part in server.values()]
    if parts:
        print(
            "RSS now, per worker (MiB): "
            + ", ".join(
                f"anon {part.get('RssAnon', 0) / MIB:.1f} + file {part.get('RssFile', 0) / MIB:.1f}"
                for part in parts
            )
            + " (file-backed pages include SQLite's memory-mapped database)"
        )


def compare(paths):
    results = [json.loads(Path(path).read_text()) for path in paths]
    small, large = sorted(results, key=lambda result: result["articles"])[:: len(results) - 1]

    def article_rps(result):
        return next(row["rps"] for row in result["rows"] if row["page"] == "article, uncached")

    slowdown = article_rps(small) / article_rps(large)
    verdict = "PASS" if slowdown <= TARGETS["scale_slowdown"] else "FAIL"
    print(
        f"{small['engine']}: uncached article page {article_rps(small):.1f} req/s at "
        f"{small['articles']:,} articles, {article_rps(large):.1f} req/s at "
        f"{large['articles']:,}: {slowdown:.2f}x slower "
        f"(target <= {TARGETS['scale_slowdown']}x) {verdict}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2")
    )
    parser.add_argument(
        "--articles", type=int, default=0, help="fill the database to this many articles"
    )
    parser.add_argument("--comments", type=int, default=0, help="and this many comments")
    parser.add_argument(
        "--edition",
        default="en",
        help="measure this edition's article, front page and The Latest (e.g. ckb: /ckb/...); "
        "--articles counts and generates its stories (generate_scale --edition)",
    )
    parser.add_argument(
        "--generator",
        choices=["auto", "seed"],
        default="auto",
        help="auto: manage.py generate_scale when the project has it, else bench/seed.py",
    )
    parser.add_argument(
        "--scale-from",
        metavar="DATABASE_URL",
        help="a small site's database: its uncached article page is measured in the same "
        "rounds, for the scale target (filled to --scale-articles stories)",
    )
    parser.add_argument("--scale-articles", type=int, default=1000)
    parser.add_argument("--scale-redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--port", type=int, default=8620)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--sample", type=int, default=2000, help="articles in the uncached rotation"
    )
    parser.add_argument("--out", help="write the figures as JSON here")
    parser.add_argument(
        "--edge",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure through Varnish (and nginx static) when installed "
        "(ports --port + 3 and + 4)",
    )
    parser.add_argument(
        "--compare", nargs=2, metavar="RESULT.json", help="compare two runs' uncached article page"
    )
    args = parser.parse_args()
    if args.compare:
        compare(args.compare)
        return
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required")
    result = benchmark(args)
    passed = all(row["ok"] is not False for row in result["rows"])
    sys.exit(0 if passed and (result["scale"] or {}).get("ok", True) else 1)


if __name__ == "__main__":
    main()
