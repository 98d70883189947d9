import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from demo import content, loader


class Command(BaseCommand):
    help = (
        "Load demo content: a newsroom on an ordinary day, read from the files in "
        "demo/content/ (one Markdown file per story, TOML for the rest): sections, authors, "
        "lead images drawn with Pillow, stories of our own writing (published over the last four weeks, plus drafts, stories in review, a scheduled and "
        "an unpublished one), comments approved, pending and rejected, and the publication's "
        "pages (about, contact, policies). Times are relative "
        "to now. Idempotent: what exists already (found by slug, title or username) is left "
        "alone. With DEBUG on it also creates the staff logins of demo/content/users.toml "
        "(admin, editor, reporter and moderator), with one random password kept in "
        "var/demo-login.txt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database holds any article (what `make run` uses).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be created, and write nothing.",
        )

    def handle(self, *args, if_empty=False, dry_run=False, verbosity=1, **options):
        try:
            self._handle(if_empty, dry_run, verbosity)
        except content.ContentError as error:
            raise CommandError(f"Demo content not loaded: {error}") from None

    def _handle(self, if_empty, dry_run, verbosity):
        if if_empty and Article.objects.exists():
            self.stdout.write("The database already has articles: no demo content loaded.")
            if settings.DEBUG:
                self._print_logins(loader.existing_logins())
            return
        started = time.perf_counter()
        demo = content.read()
        if dry_run:
            self._describe(loader.plan(demo), demo.users)
            return
        report = loader.load_demo(with_users=settings.DEBUG, content=demo)
        elapsed = time.perf_counter() - started
        self._summarise(report, elapsed, verbosity)

    def _describe(self, report, users):
        self.stdout.write("Dry run: nothing written.")
        for name in ("sections", "authors", "images", "articles", "pages"):
            self.stdout.write(
                f"  {name}: would create {report.created[name]}, "
                f"{report.existing[name]} already present"
            )
        if report.states:
            self.stdout.write("  new articles by state: " + _counts(report.states))
        self.stdout.write(f"  comments: would create {report.created['comments']}")
        usernames = ", ".join(user.username for user in users)
        self.stdout.write(
            "  users: " + (f"{usernames} (DEBUG is on)" if settings.DEBUG else "none")
        )

    def _summarise(self, report, elapsed, verbosity):
        if not any(report.created.values()):
            self.stdout.write(
                self.style.SUCCESS(f"Demo content already loaded: nothing to add ({elapsed:.1f}s).")
            )
        else:
            created = ", ".join(f"{n} {name}" for name, n in report.created.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Created {created} in {elapsed:.1f}s."))
            if report.states:
                self.stdout.write("  articles: " + _counts(report.states))
            if report.comment_states:
                self.stdout.write("  comments: " + _counts(report.comment_states))
        if verbosity > 1:
            present = ", ".join(f"{n} {name}" for name, n in report.existing.items() if n)
            self.stdout.write(f"  already present: {present or 'nothing'}")
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        if not settings.DEBUG:
            self.stdout.write(
                "DEBUG is off: no demo logins created. Create your own account with "
                "`manage.py createsuperuser`."
            )
            return
        self._print_logins(report.logins)

    def _print_logins(self, logins):
        if not logins:
            return
        self.stdout.write("")
        self.stdout.write("Demo logins for the admin at /" + settings.ADMIN_URL + ":")
        for username, password, created in logins:
            # created is None for a reminder of logins made by an earlier run.
            suffix = (
                "  (existed already: its password was left as it was)" if created is False else ""
            )
            self.stdout.write(f"  {username:<10} {password}{suffix}")
        self.stdout.write(f"  (the password is kept in {loader.login_file()})")
        self.stdout.write(
            self.style.WARNING("These are for trying the site: delete them before going live.")
        )


def _counts(counter):
    return ", ".join(f"{n} {label}" for label, n in sorted(counter.items()))
