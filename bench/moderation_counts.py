"""Time the moderation screen's queue counts on PostgreSQL at newsroom scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_modbench \
        .venv/bin/python bench/moderation_counts.py [--articles 20000] [--comments 1000000]

The moderation screen (comments.desk) shows a count in every queue's tab, and
recounts after each decision (the JSON answer). This runs exactly the queries
`comments.queues.queue_counts` sends, for every edition and for one, and
prints each query's median time over --runs runs, its plan's top lines, and
whether it passes the goal (SLOW_MS).

Fills the database up to --comments comments with `manage.py generate_scale`
if it holds fewer; the generator gives 92% approved, 5% pending, 3% rejected,
all in the English edition, so this moves every fifth scale story to the
Sorani edition (the per-edition counts then have something to tell apart) and
adds open reader reports on 300 approved comments (the reported queue) and a
link flag on one pending comment in ten (the flagged queue). Then
VACUUM ANALYZE, as autovacuum leaves a running site.

Use a database of its own: it writes scale data into it.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from comments.models import Comment, CommentReport  # noqa: E402
from comments.queues import queue_counts  # noqa: E402

SLOW_MS = 50


def fill(articles, comments):
    have = Comment.objects.count()
    if have >= comments:
        print(f"{have:,} comments already there")
        return
    print(f"manage.py generate_scale: adding {comments - have:,} comments ...")
    call_command(
        "generate_scale",
        articles=max(0, articles - Article.objects.count()),
        comments=comments - have,
        batch_size=20000,
        verbosity=0,
    )


def spread_editions_and_reports():
    if not Comment.objects.filter(article__edition_id="ckb").exists():
        ids = list(
            Article.objects.filter(slug__startswith="scale-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Article.objects.filter(pk__in=ids[::5]).update(edition_id="ckb")
        print(f"moved {len(ids[::5]):,} scale stories to the Sorani edition")
    if not Comment.objects.filter(status="pending", flag_links=True).exists():
        # The generator raises no flags: one pending comment in ten has a link.
        pending = Comment.objects.filter(status="pending").values_list("pk", flat=True)
        Comment.objects.filter(pk__in=list(pending)[::10]).update(flag_links=True)
    have = CommentReport.objects.open().count()
    if have < 300:
        approved = Comment.objects.filter(status="approved").order_by("-pk")[: 300 - have]
        CommentReport.objects.bulk_create(
            CommentReport(comment_id=pk, reason="abuse")
            for pk in approved.values_list("pk", flat=True)
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def timed(sql, params, runs):
    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            began = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append((time.perf_counter() - began) * 1000)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    return statistics.median(times), plan


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plans", action="store_true", help="Print whole plans.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run it on PostgreSQL: set DATABASE_URL to a database of its own.")
    fill(args.articles, args.comments)
    spread_editions_and_reports()
    by_status = dict(Comment.objects.order_by().values_list("status").annotate(n=Count("pk")))
    print(
        f"\n{Comment.objects.count():,} comments ({', '.join(f'{n:,} {s}' for s, n in by_status.items())}), "
        f"{CommentReport.objects.open().count():,} open reports\n"
    )
    slow = 0
    for label, editions in (("every edition", None), ("en only", {"en"}), ("ckb only", {"ckb"})):
        with CaptureQueriesContext(connection) as captured:
            counts = queue_counts(editions)
        print(f"queue_counts({label}): {counts}")
        for query in captured.captured_queries:
            sql = query["sql"]
            median, plan = timed(sql, None, args.runs)
            ok = median <= SLOW_MS
            slow += not ok
            what = "the counts"
            print(f"  {what:<9} {median:8.1f} ms  {'ok' if ok else f'SLOW (> {SLOW_MS} ms)'}")
            for line in plan if args.plans else plan[:4]:
                print(f"      {line}")
        print()
    print(
        "all counts within the goal"
        if not slow
        else f"{slow} count queries slower than {SLOW_MS} ms"
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
