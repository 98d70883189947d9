"""EXPLAIN ANALYZE every SQL query of every public page on PostgreSQL at newsroom scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \
        .venv/bin/python bench/explain.py [--articles 100000] [--comments 1000000] [--plans]

Fills the database up to the given size with `manage.py generate_scale` if it
holds fewer stories, gives one topic and one author just three old stories
(a rare topic is the hard case for a topic page: its stories sit far back in
the site's order), runs VACUUM ANALYZE (what autovacuum leaves on a running
site), then requests each public page in-process with the page cache off. It
captures every query on every connection, with its parameters, and runs it
again under EXPLAIN ANALYZE the way the page ran it: the reader pages' SQL on
the `reads` connection as a prepared statement with a generic plan (settings:
plan_cache_mode=force_generic_plan), the ORM's with its values.

Exits 1 if any query scans the whole of the articles or comments table (a Seq
Scan on articles_article or comments_comment) or takes longer than
SLOW_MS; other sequential scans (on small tables such as sections) are listed
but allowed.
"""

import argparse
import os
import re
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, Author, Byline, TaggedArticle  # noqa: E402
from comments.models import Comment  # noqa: E402
from reader import pagination  # noqa: E402

BIG_TABLES = ("articles_article", "comments_comment")
SLOW_MS = 20
RARE_TOPIC, RARE_AUTHOR = "Explain: rare topic", "Explain: rare author"


def fill(articles, comments):
    """Top the database up to `articles` stories with manage.py generate_scale."""
    have = Article.objects.count()
    if have >= articles:
        print(f"{have} articles already there")
        return
    have_comments = Comment.objects.count()
    print(f"manage.py generate_scale: adding {articles - have} articles ...")
    call_command(
        "generate_scale",
        articles=articles - have,
        comments=max(0, comments - have_comments),
    )


def rare_lists():
    """A topic and an author on the three oldest visible stories only."""
    oldest = list(Article.objects.published().order_by("publish_at")[:3])
    author, _ = Author.objects.get_or_create(
        slug="explain-rare-author", defaults={"name": RARE_AUTHOR}
    )
    for story in oldest:
        story.tags.add(RARE_TOPIC)
        Byline.objects.get_or_create(article=story, author=author, defaults={"order": 9})
    return Tag.objects.get(name=RARE_TOPIC), author


def public_pages(client):
    """(name, url) of every public page, each kind once, deep pages included."""
    story = Article.objects.published().order_by("-publish_at")[5000]
    section = story.section
    tagged = TaggedArticle.objects.filter(content_object_id__in=[story.pk, *range(1, 200)]).first()
    tag = tagged.tag if tagged else None
    author = story.byline[0]
    rare_tag, rare_author = rare_lists()
    pages = [
        ("front", "/"),
        ("article", story.get_absolute_url()),
        ("latest", "/latest/"),
        ("section", section.get_absolute_url()),
        ("author", author.get_absolute_url()),
        ("author with 3 old stories", rare_author.get_absolute_url()),
        ("tag with 3 old stories", f"/tag/{rare_tag.slug}/"),
    ]
    if tag:
        pages.append(("tag", f"/tag/{tag.slug}/"))
    # Deep pages: far back through "Older stories" cursors.
    old = Article.objects.published().order_by("-publish_at")[90000]
    position = pagination.format_cursor(old)
    pages += [
        ("latest, 90,000 stories deep", f"/latest/?before={position}"),
        ("section, deep", f"{section.get_absolute_url()}?before={position}"),
        ("author, deep", f"{author.get_absolute_url()}?before={position}"),
    ]
    if tag:
        pages.append(("tag, deep", f"/tag/{tag.slug}/?before={position}"))
    # The story with the most comments, far down its comment pages.
    busiest = (
        Comment.objects.approved()
        .values("article")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("article", flat=True)
        .first()
    )
    if busiest:
        deep = Comment.objects.approved().filter(article=busiest).order_by("-created_at", "-pk")[60]
        slug = Article.objects.get(pk=busiest).slug
        pages += [
            ("article with the most comments", f"/news/{slug}/"),
            (
                "its comments, deep",
                f"/news/{slug}/comments/?after={pagination.cursor(deep.created_at, deep.pk)}",
            ),
        ]
    pages += [
        ("search", "/search/?q=budget"),
        ("feed, latest RSS", "/feeds/latest/"),
        ("feed, latest Atom", "/feeds/latest/atom/"),
        ("feed, JSON", "/feeds/latest.json"),
        ("feed, section", f"/feeds/section/{section.slug}/"),
        ("feed, tag with 3 old stories", f"/feeds/tag/{rare_tag.slug}/"),
        ("feed, author with 3 old stories", f"/feeds/author/{rare_author.slug}/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap, articles", "/sitemap-articles.xml"),
        ("sitemap, tags", "/sitemap-tags.xml"),
        ("sitemap, authors", "/sitemap-authors.xml"),
        ("news sitemap", "/news-sitemap.xml"),
    ]
    return pages


class Recorder:
    """Every query the page runs, on any connection, with its parameters."""

    def __init__(self):
        self.queries = []

    def __call__(self, alias):
        def wrapper(execute, sql, params, many, context):
            self.queries.append((alias, sql, params))
            return execute(sql, params, many, context)

        return wrapper


def placeholders_to_numbers(sql):
    """Django's %s placeholders as PostgreSQL's $1, $2... (%% is a literal %)."""
    count = iter(range(1, 10_000))
    return re.sub(r"%%|%s", lambda m: "%" if m[0] == "%%" else f"${next(count)}", sql)


def explain(alias, sql, params):
    """The plan of `sql` as the page ran it, with actual times."""
    with connection.cursor() as cursor:
        if connections[alias].settings_dict["OPTIONS"].get("server_side_binding"):
            # Prepared on that connection, with a generic plan: do the same.
            cursor.execute("SET plan_cache_mode = force_generic_plan")
            cursor.execute("PREPARE explained AS " + placeholders_to_numbers(sql))
            try:
                marks = ", ".join(["%s"] * len(params or ()))
                cursor.execute(
                    f"EXPLAIN ANALYZE EXECUTE explained{f'({marks})' if marks else ''}", params
                )
                rows = cursor.fetchall()
            finally:
                cursor.execute("DEALLOCATE explained")
                cursor.execute("RESET plan_cache_mode")
        else:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            rows = cursor.fetchall()
    plan = "\n".join(row[0] for row in rows)
    took = float(re.search(r"Execution Time: ([\d.]+) ms", plan)[1])
    return plan, took, [line.strip() for line in plan.splitlines() if "Seq Scan" in line]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--plans", action="store_true", help="print every plan in full")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/explain.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    fill(args.articles, args.comments)

    overrides = override_settings(
        PAGECACHE_ENABLED=False,
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    )
    overrides.enable()
    client = Client(HTTP_HOST="127.0.0.1")
    pages = public_pages(client)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"\n{Article.objects.count()} articles, {Comment.objects.count()} comments "
        f"on PostgreSQL {connection.pg_version // 10000}. No cache at all here, so the shared\n"
        "pieces (navigation, The Latest, next due time) are queried on every page;\n"
        "tests/test_query_budgets.py pins the counts readers really cost.\n"
    )
    failures = 0
    for name, url in pages:
        recorder = Recorder()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(recorder(alias)))
            response = client.get(url)
        status = response.status_code
        failures += status != 200
        print(f"{name:32} {url[:60]:60} {status}  {len(recorder.queries)} queries")
        for alias, sql, params in recorder.queries:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan, took, seq = explain(alias, sql, params)
            bad = [line for line in seq if any(t in line for t in BIG_TABLES)] or took > SLOW_MS
            failures += bool(bad)
            mark = "FAIL" if bad else ("seq " if seq else "ok  ")
            print(f"    {mark} {took:7.2f} ms  {alias:7} {' '.join(sql.split())[:100]}")
            for line in seq:
                print(f"           {line}")
            if args.plans or bad:
                print("\n".join("           | " + line for line in plan.splitlines()))
    overrides.disable()
    if failures:
        print(
            f"\n{failures} queries scan a whole big table, take over {SLOW_MS} ms, or pages fail."
        )
        sys.exit(1)
    print(
        f"\nNo sequential scan of articles or comments on any public page, "
        f"no query over {SLOW_MS} ms."
    )


if __name__ == "__main__":
    main()
