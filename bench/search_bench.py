"""Search latency at newsroom size: median and p95 of the search page.

Loads N articles (100,000 by default) into the database named by DATABASE_URL,
rebuilds the full-text index, then times the search page (count, ranked hits
with highlighted snippets, story cards, template) for a mix of realistic
queries: one common word, two words, a rare word, an author's surname, a tag,
a section filter, a date range, page 2.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/search_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/search_bench.py --articles 100000 --runs 200

Articles come from `manage.py generate_scale` when the project has it;
otherwise from a small bulk generator below (plain English sentences, 1-2
authors, 0-3 tags). Existing articles are reused: run it twice and the second
run only measures. DATABASE_URL is required so the bench never fills a
development database by accident.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings (DEBUG off, cached templates, the reads connection)
# minus the static manifest, which a bench run has not collected.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_search")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="Timed searches (default 200).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--other-editions",
        type=int,
        default=2500,
        help="Arabic and Sorani stories each, for their query mix (default 2,500).",
    )
    parser.add_argument(
        "--skip-rebuild", action="store_true", help="Reuse the index already there."
    )
    return parser.parse_args()


def load(count, seed):
    from django.core.management import call_command

    from articles.models import Article

    missing = count - Article.objects.count()
    if missing <= 0:
        print(f"{Article.objects.count():,} articles already there.")
        return
    started = time.perf_counter()
    print(f"Generating {missing:,} articles with manage.py generate_scale ...")
    call_command("generate_scale", articles=missing, comments=0, seed=seed)
    print(f"Generated in {time.perf_counter() - started:.1f}s.")


def load_other_editions(count, seed):
    """Arabic and Sorani stories (generate_scale --edition), for their query mix."""
    from django.core.management import call_command

    from articles.models import Article
    from search.indexing import reindex_in_batches

    for edition in OTHER_EDITIONS:
        missing = count - Article.objects.filter(edition_id=edition).count()
        if missing > 0:
            print(f"Generating {missing:,} {edition} articles ...")
            call_command("generate_scale", articles=missing, comments=0, seed=seed, edition=edition)
            # Bulk inserts skip the signals: index these (the rest is indexed already).
            reindex_in_batches(
                Article.objects.filter(edition_id=edition).values_list("pk", flat=True)
            )


OTHER_EDITIONS = ("ar", "ckb")
# What other keyboards type: the other yeh and kaf, and Arabic-Indic digits.
OTHER_FORMS = str.maketrans({"ی": "ي", "ي": "ی", "ک": "ك", "ك": "ک"})


def edition_queries(rng, edition):
    """Words of the edition's own headlines, some typed with the other letter forms."""
    from articles.models import Article

    ids = list(
        Article.objects.published()
        .filter(edition_id=edition)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    picked = rng.sample(ids, min(300, len(ids)))
    headlines = list(
        Article.objects.filter(pk__in=picked).order_by("pk").values_list("headline", flat=True)
    )
    words = [w.strip(".,:;!?؟«»\"'()") for h in headlines for w in h.split()]
    words = [w for w in _most_common(w for w in words if len(w) > 3)]
    ranked = [w for w, _ in words]
    middling = ranked[5:80] or ranked
    name = {"ar": "Arabic", "ckb": "Sorani"}[edition]
    return [
        (f"{name} word", lambda: {"q": rng.choice(middling)}),
        (f"{name} other forms", lambda: {"q": rng.choice(middling).translate(OTHER_FORMS)}),
    ]


def realistic_queries(rng):
    """Queries made from the data itself, so they match like readers' queries do."""
    from django.db.models import Count, Max, Min
    from taggit.models import Tag

    from articles.models import Article, Author, Section
    from search.backends import STOP_WORDS

    bounds = Article.objects.aggregate(low=Min("pk"), high=Max("pk"))
    picks = [rng.randint(bounds["low"], bounds["high"]) for _ in range(400)]
    sample = list(
        Article.objects.published()
        .filter(pk__in=picks)
        .order_by("pk")
        .values_list("headline", flat=True)
    )
    headline_words = [
        word.strip(".,:;!?\"'").lower()
        for headline in sample
        for word in headline.split()
        if len(word) > 3 and word.lower() not in STOP_WORDS
    ]
    ranked = [w for w, _ in _most_common(headline_words)]
    frequent, middling = ranked[:10], ranked[10:80] or ranked
    rare = ranked[-40:]
    # Every list in a fixed order: the same seed, the same mix (A/B runs).
    authors = Author.objects.order_by("pk").values_list("name", flat=True)[:50]
    surnames = [name.split()[-1] for name in authors]
    tag_names = list(
        Tag.objects.annotate(n=Count("articles_taggedarticle_items"))
        .filter(n__gt=0)
        .order_by("pk")
        .values_list("name", flat=True)[:50]
    )
    sections = list(Section.objects.order_by("pk").values_list("slug", flat=True))
    today = time.strftime("%Y-%m-%d")
    makers = [
        ("frequent word", lambda: {"q": rng.choice(frequent)}),
        ("word", lambda: {"q": rng.choice(middling)}),
        ("two words", lambda: {"q": " ".join(rng.sample(middling, 2))}),
        ("rare word", lambda: {"q": rng.choice(rare)}),
        ("author", lambda: {"q": rng.choice(surnames or middling)}),
        ("tag", lambda: {"q": rng.choice(tag_names or middling)}),
        ("section filter", lambda: {"q": rng.choice(middling), "section": rng.choice(sections)}),
        (
            "date range",
            lambda: {"q": rng.choice(middling), "since": "2025-01-01", "until": today},
        ),
        ("page 2", lambda: {"q": rng.choice(middling), "page": "2"}),
    ]
    queries = []
    for n in range(45):
        kind, make = makers[n % len(makers)]
        queries.append((kind, make(), "en"))
    for edition in OTHER_EDITIONS:
        if Article.objects.filter(edition_id=edition).exists():
            makers = edition_queries(rng, edition)
            for n in range(10):
                kind, make = makers[n % 2]
                queries.append((kind, make(), edition))
    return queries


def _most_common(words):
    from collections import Counter

    return Counter(words).most_common()


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    args = parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the database to fill and measure (see the docstring).")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from articles.models import Article
    from reader.editions import DEFAULT, EditionMiddleware
    from search.indexing import rebuild
    from search.views import search as search_view
    from search.views import suggest as suggest_view

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    print(f"Load average at the start: {os.getloadavg()[0]:.1f}")
    load(args.articles, args.seed)
    load_other_editions(args.other_editions, args.seed)
    if not args.skip_rebuild:
        started = time.perf_counter()
        written = rebuild()
        print(
            f"Rebuilt the search index: {written:,} documents in {time.perf_counter() - started:.1f}s."
        )
    # Planner statistics, as a maintained production database has them
    # (SQLite: without them it scans an index of every published article for
    # a 20-row primary-key lookup); on PostgreSQL also the visibility map that
    # autovacuum keeps, so the newest-window bounds are index-only scans.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"{Article.objects.published().count():,} published articles searchable.")

    rng = random.Random(args.seed)
    queries = realistic_queries(rng)
    factory = RequestFactory()

    def request_for(params, edition, path="/search/"):
        # At the edition's address: EditionMiddleware (below) activates its
        # language and reads the editions once for the request, as served.
        prefix = "" if edition == DEFAULT else f"/{edition}"
        return factory.get(prefix + path, params)

    # The views as a request reaches them (the page cache, which would keep
    # a repeated search, left out: every search here is answered afresh).
    search, suggest = EditionMiddleware(search_view), EditionMiddleware(suggest_view)

    for _, params, edition in queries[:5]:  # warm caches and connections
        search(request_for(params, edition))

    timings, by_kind, cpu_times = [], {}, {}
    for run in range(args.runs):
        kind, params, edition = queries[run % len(queries)]
        request = request_for(params, edition)
        started, cpu = time.perf_counter(), time.process_time()
        response = search(request)
        elapsed = (time.perf_counter() - started) * 1000
        cpu_times.setdefault(kind, []).append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200
        timings.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)

    # Suggestions as the reader types: 2, 3 and 4 letters and the whole of the
    # mix's first word, in the query's edition.
    typed = []
    for _, params, edition in queries:
        word = params["q"].split()[0]
        typed += [(word[:n], edition) for n in (2, 3, 4) if len(word) > n] + [(word, edition)]
    for text, edition in typed[:10]:  # warm
        suggest(request_for({"q": text}, edition, "/search/suggest/"))
    for text, edition in typed:
        started, cpu = time.perf_counter(), time.process_time()
        response = suggest(request_for({"q": text}, edition, "/search/suggest/"))
        by_kind.setdefault("suggestions", []).append((time.perf_counter() - started) * 1000)
        cpu_times.setdefault("suggestions", []).append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200

    print(f"\nSearch page latency over {args.runs} searches ({len(queries)} distinct queries):")
    print(f"  (load average at the end: {os.getloadavg()[0]:.1f})")
    print(f"  median {statistics.median(timings):7.1f} ms")
    print(f"  p95    {percentile(timings, 0.95):7.1f} ms")
    print(f"  max    {max(timings):7.1f} ms")
    for kind, values in sorted(by_kind.items()):
        print(
            f"  {kind:<15} n={len(values):3d}  median {statistics.median(values):6.1f} ms"
            f"  p95 {percentile(values, 0.95):6.1f} ms"
            f"  | CPU of this process: median {statistics.median(cpu_times[kind]):6.1f} ms"
            f"  p95 {percentile(cpu_times[kind], 0.95):6.1f} ms"
        )


if __name__ == "__main__":
    main()
