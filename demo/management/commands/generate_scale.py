import time

from django.core.management.base import BaseCommand, CommandError

from demo import scale


class Command(BaseCommand):
    help = (
        "Generate articles and comments at newsroom scale for benchmarks, with bulk inserts "
        "(e.g. --articles 100000 --comments 1000000). Articles get realistic text, 1-2 "
        "authors, a section, 0-3 tags and usually a lead image, with publish times spread "
        "over the past years; comments are mostly approved, some pending or rejected. "
        "Generated rows are marked (slug prefix 'scale-') so --clear removes them and "
        "nothing else. Bulk inserts bypass save() and signals: rebuild the search index "
        "afterwards (manage.py rebuild_search_index) and clear the cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=0, help="Articles to add.")
        parser.add_argument(
            "--comments",
            type=int,
            default=0,
            help="Comments to add, spread over the published scale articles.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--edition",
            default="en",
            help="The edition the articles are written for (default en). For ckb, kmr, ar "
            "and tr, their text, sections and authors come from that edition's demo content.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Rows per insert (default 5000)."
        )
        parser.add_argument(
            "--years", type=int, default=5, help="Spread publish times over this many years."
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="First remove all previously generated scale data (and only that).",
        )

    def handle(self, *args, **options):
        articles, comments = options["articles"], options["comments"]
        if articles < 0 or comments < 0:
            raise CommandError("--articles and --comments cannot be negative.")
        if options["batch_size"] < 1 or options["years"] < 1:
            raise CommandError("--batch-size and --years must be at least 1.")
        if not (articles or comments or options["clear"]):
            raise CommandError("Nothing to do: give --articles, --comments or --clear.")
        verbose = options["verbosity"] >= 1
        log = self.stdout.write if verbose else (lambda message: None)
        total = time.perf_counter()

        if options["clear"]:
            started = time.perf_counter()
            removed = scale.clear()
            summary = ", ".join(f"{n:,} {label}" for label, n in removed.items()) or "nothing"
            log(f"Cleared scale data: {summary} ({time.perf_counter() - started:.1f}s).")

        try:
            generator = scale.Generator(
                seed=options["seed"],
                batch_size=options["batch_size"],
                years=options["years"],
                log=log,
                edition=options["edition"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        made = None
        if articles:
            started = time.perf_counter()
            log(f"Generating {articles:,} articles…")
            made = generator.articles(articles)
            elapsed = time.perf_counter() - started
            log(f"Articles: {len(made):,} in {elapsed:.1f}s ({len(made) / elapsed:,.0f}/s).")
        if comments:
            started = time.perf_counter()
            log(f"Generating {comments:,} comments…")
            try:
                done = generator.comments(comments, made)
            except ValueError as error:
                raise CommandError(f"{error} Generate articles first (--articles).") from None
            elapsed = time.perf_counter() - started
            log(f"Comments: {done:,} in {elapsed:.1f}s ({done / elapsed:,.0f}/s).")
        if articles or comments:
            self.stdout.write(
                self.style.SUCCESS(f"Done in {time.perf_counter() - total:.1f}s.")
                + " Rebuild the search index now: manage.py rebuild_search_index"
            )
