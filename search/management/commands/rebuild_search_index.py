import time

from django.core.management.base import BaseCommand

from articles.models import Article
from search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every article from scratch. Run it after "
        "imports that bypass signals, such as generate_scale."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many articles would be indexed.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if dry_run:
            self.stdout.write(f"Would index {Article.objects.count()} articles.")
            return
        started = time.perf_counter()

        def progress(done):
            if verbosity >= 2:
                self.stdout.write(f"  {done} documents written")

        written = rebuild(progress=progress)
        elapsed = time.perf_counter() - started
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Indexed {written} articles in {elapsed:.1f}s."))
