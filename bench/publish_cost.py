"""What a publish costs the cache: how many cached article pages survive it.

    python bench/publish_cost.py --articles 10000
    python bench/publish_cost.py --database-url sqlite:////tmp/pc/db.sqlite3 --articles 10000

Fills a database to --articles stories (manage.py generate_scale), requests
every published story's page once so the page cache stores it (production
settings, the file cache of one host, or --redis-url), then publishes one
story the way the newsroom does (a save: articles.changes, reader.invalidation)
and counts the stored article pages that are still valid, i.e. would be
served without rendering. Varnish holds the same pages under the same tags
(their xkey header), so it loses the same ones.

Before issue 16 every article page carried the `latest` tag (The Latest in
its sidebar), so a publish left none of them. Then The Latest became a
fragment cached apart, but the related stories under each story were the
newest of its topics and section, so a publish refreshed every article page
of those (about a fifth of the site). Now they are the stories nearest in
time, and a publish refreshes the few pages next to it
(reader.queries.may_show): up to 4 on either side per topic and section.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(message):
    print(message, file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-publish-cost-"))
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 60,
        DATABASE_URL=args.database_url or f"sqlite:///{workdir / 'db.sqlite3'}",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        NEWSROOM_VAR_DIR=str(workdir / "var"),
        LOG_LEVEL="WARNING",
        SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.pop("VARNISH_HOSTS", None)
    sys.path.insert(0, str(ROOT))
    (workdir / "var").mkdir()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from articles.models import Article, Author, Byline
    from pagecache import conf, store
    from reader import queries

    settings.CACHES["default"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = args.articles * 3
    log(f"Database {os.environ['DATABASE_URL']}; migrating...")
    call_command("migrate", "--no-input", "-v0")
    call_command("collectstatic", "--no-input", "-v0")  # production settings: hashed names
    have = Article.objects.published().count()
    if have < args.articles:
        log(f"Generating {args.articles - have:,} stories...")
        call_command("generate_scale", articles=args.articles - have, seed=args.seed, verbosity=0)
    urls = [a.get_absolute_url() for a in Article.objects.published().only("slug")]
    urls = urls[: args.articles]
    time.sleep(conf.get("PAGECACHE_CLOCK_SKEW") + 0.2)  # pages are stored once tags are that old

    client = Client()
    log(f"Caching {len(urls):,} article pages...")
    started = time.monotonic()
    for n, url in enumerate(urls, 1):
        client.get(url)
        if n % 1000 == 0:
            log(f"  {n:,} ({time.monotonic() - started:.0f} s)")

    def still_valid():
        memo, now = store.TagMemo(), store.now_ts()
        return [
            url
            for url in urls
            if store.fetch_valid(store.page_key("testserver", url, ""), memo, now)[0] is not None
        ]

    cached = still_valid()
    log(f"{len(cached):,} article pages in the cache; publishing a story...")
    rng = random.Random(args.seed)
    # A story like most: in a section, on a topic or two (seeded: repeatable).
    with_topics = Article.objects.published().filter(tagged_items__isnull=False).distinct()
    model = with_topics.get(pk=rng.choice(list(with_topics.values_list("pk", flat=True)[:500])))
    topics = list(model.tags.values_list("name", flat=True))
    story = Article.objects.create(
        headline="Council publishes its budget",
        slug=f"publish-cost-{int(time.time())}",
        standfirst="The figures, line by line.",
        body="<p>The council published its budget on Tuesday.</p>",
        section=model.section,
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now(),
    )
    Byline.objects.create(
        article=story, author=rng.choice(list(Author.objects.all()[:50])), order=0
    )
    if topics:
        story.tags.add(*topics)
    left = still_valid()
    same_section = Article.objects.published().filter(section=model.section).count() - 1
    print(f"article pages cached:                  {len(cached):>7,}")
    print(f"still cache hits after one publish:    {len(left):>7,}")
    print(f"refreshed:                             {len(cached) - len(left):>7,}")
    print(
        f"  the story's section '{model.section.slug}' has {same_section:,} other stories; "
        f"its topics: {', '.join(topics) or 'none'}"
    )
    print(
        f"  the story joins the related stories of at most {len(queries.may_show(story)):,} pages"
    )
    print("before issue 16 (every article page tagged `latest`): 0 left")


if __name__ == "__main__":
    main()
