"""EXPLAIN every SQL query of every public page on PostgreSQL at newsroom scale.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \
        .venv/bin/python bench/explain.py [--articles 100000] [--comments 1000000]

Fills the database up to the given size with `manage.py generate_scale` if it
holds fewer stories, runs ANALYZE, then requests each public page in-process with the page
cache off, captures its queries and prints their plans' scans. Exits 1 if any
query scans the whole of the articles or comments table (a Seq Scan on
articles_article or comments_comment); other sequential scans (on small tables
such as sections) are listed but allowed.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from comments.models import Comment  # noqa: E402

BIG_TABLES = ("articles_article", "comments_comment")


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


def public_pages(client):
    """(name, url) of every public page, each kind once, deep pages included."""
    story = Article.objects.published().order_by("-publish_at")[5000]
    section = story.section
    from articles.models import TaggedArticle

    tagged = TaggedArticle.objects.filter(content_object_id__in=[story.pk, *range(1, 200)]).first()
    tag = tagged.tag if tagged else None
    author = story.byline[0]
    pages = [
        ("front", "/"),
        ("article", story.get_absolute_url()),
        ("latest", "/latest/"),
        ("section", section.get_absolute_url()),
        ("author", author.get_absolute_url()),
    ]
    if tag:
        pages.append(("tag", f"/tag/{tag.slug}/"))
    # Deep pages: far back through "Older stories" cursors.
    from articles.pagination import format_cursor

    old = Article.objects.published().order_by("-publish_at")[90000]
    cursor = format_cursor(old)
    pages += [
        ("latest, 90,000 stories deep", f"/latest/?before={cursor}"),
        ("section, deep", f"{section.get_absolute_url()}?before={cursor}"),
        ("author, deep", f"{author.get_absolute_url()}?before={cursor}"),
    ]
    if tag:
        pages.append(("tag, deep", f"/tag/{tag.slug}/?before={cursor}"))
    # Pages other apps add, when they are there.
    for name, url in [
        ("search", "/search/?q=story"),
        ("feed, latest RSS", "/feeds/latest/"),
        ("feed, latest Atom", "/feeds/latest/atom/"),
        ("feed, JSON", "/feeds/latest/json/"),
        ("feed, section", f"/feeds/section/{section.slug}/"),
        ("sitemap index", "/sitemap.xml"),
        ("news sitemap", "/news-sitemap.xml"),
    ]:
        if client.get(url).status_code == 200:
            pages.append((name, url))
    return pages


def scans(sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return plan, [line.strip() for line in plan.splitlines() if "Seq Scan" in line]


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
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

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
    print(
        f"\n{Article.objects.count()} articles, {Comment.objects.count()} comments "
        f"on PostgreSQL {connection.pg_version // 10000}. No cache at all here, so the shared\n"
        "pieces (navigation, The Latest, next due time) are queried on every page;\n"
        "tests/test_query_budgets.py pins the counts readers really cost.\n"
    )
    failures = 0
    for name, url in public_pages(client):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        status = response.status_code
        print(f"{name:32} {url[:60]:60} {status}  {len(captured)} queries")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan, seq = scans(sql)
            bad = [line for line in seq if any(t in line for t in BIG_TABLES)]
            failures += bool(bad)
            mark = "FAIL" if bad else ("seq " if seq else "ok  ")
            print(f"    {mark} {float(query['time']) * 1000:7.1f} ms  {sql[:110]}")
            for line in seq:
                print(f"           {line}")
            if args.plans or bad:
                print("\n".join("           | " + line for line in plan.splitlines()))
    overrides.disable()
    if failures:
        print(f"\n{failures} queries scan a whole big table.")
        sys.exit(1)
    print("\nNo sequential scan of articles or comments on any public page.")


if __name__ == "__main__":
    main()
