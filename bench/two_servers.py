"""Two app servers, one PostgreSQL, one Redis: changes made on one show on the other.

    python bench/two_servers.py
    python bench/two_servers.py --database-url postgres://postgres@127.0.0.1:5432/newsroom_twoservers \\
        --redis-url redis://127.0.0.1:6379/2 --ports 8610 8611

The set-up of a site that outgrows one machine (docs/production.md): several
gunicorn instances with the same SECRET_KEY, DATABASE_URL and REDIS_URL. This
script starts two (A and B, 2 workers each) against a fresh database and a
fresh key prefix in Redis, then:

1. checks /healthz on both;
2. loads the front page, The Latest and a draft's URL on both, so that both
   have their caches warm;
3. logs in to the admin on A and publishes the draft there, through the
   article form, as an editor would;
4. checks that B serves the story, and lists it on its front page and The
   Latest, at once; then unpublishes it on A and checks B drops it;
5. approves a reader's comment through A's admin (the moderators' Approve
   button; through the ORM's moderation code in a build without it) and
   checks B shows it at once.

It prints a PASS or FAIL line per check, stops its servers, drops the
database it created, and exits non-zero if anything failed.
"""

import argparse
import html
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.edge import stop  # noqa: E402 (the project's root first)

PYTHON = sys.executable
PASSWORD = "two-servers-password-1"


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, ok, message, detail=""):
        print(
            f"{'PASS' if ok else 'FAIL'} {message}" + (f" ({detail})" if detail and not ok else "")
        )
        sys.stdout.flush()
        if not ok:
            self.failed += 1
        return ok


class Browser:
    """A cookie-keeping HTTP client for one server."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with the given id."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.fields, self.select, self.textarea, self.text = [], None, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs, [], [])
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            self.select[3].append(value)
            if "selected" in attrs:
                self.select[2].append(value)
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            name, multiple, selected, options = self.select
            if not selected and not multiple and options:
                selected = [options[0]]
            self.fields.extend((name, value) for value in selected)
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = "".join(self.text)
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_fields(page, form_id):
    parser = FormFields(form_id)
    parser.feed(page)
    return parser.fields


def csrf_token(page):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return match.group(1) if match else ""


def create_database(url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    def __init__(self, name, port, env, logdir):
        self.name, self.port, self.env = name, port, env
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = logdir / f"gunicorn-{name}.log"
        self.process = None

    def start(self):
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT,
            env={**self.env, "PORT": str(self.port), "WEB_CONCURRENCY": "2"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server {self.name} did not answer on port {self.port}")

    def stop(self):
        stop(self.process)
        if self.process:
            self.log.close()


def shows(page, text):
    return html.escape(text, quote=False) in page or text in page


def run(args, checks):
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-two-servers-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PAGECACHE_", "BENCH_"))
    }
    env.update(
        DEBUG="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        # What several app servers must share: the key, the database, Redis.
        SECRET_KEY="two-servers-" + uuid.uuid4().hex * 2,
        DATABASE_URL=args.database_url,
        # A fresh key space in Redis, so nothing cached by an earlier run counts.
        CACHE_KEY_PREFIX=f"two-servers-{uuid.uuid4().hex[:12]}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        ADMIN_URL="admin/",
        NEWSROOM_VAR_DIR=str(workdir / "var"),
        # The script talks plain HTTP on loopback: cookies without the Secure flag.
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="WARNING",
    )
    env.pop("SQLITE_TEST_NAME", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        # No Redis: the file cache in the var/ directory both servers share,
        # which works for app servers on one machine only.
        env.pop("REDIS_URL", None)
    postgres = args.database_url.startswith("postgres")
    if not postgres:
        # SQLite: a fresh file shared by both servers (one machine only).
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ.update(env)
    if args.fresh and postgres:
        create_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    import io

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image as PILImage

    from articles.changes import Change, send
    from articles.models import Article, Author, Byline, Section
    from comments.models import Comment
    from images.models import Image

    section = Section.objects.create(name="Local", slug="local", order=1)
    # A story needs a lead image to be published (Article.missing_for_review).
    picture = io.BytesIO()
    PILImage.new("RGB", (120, 80), (140, 28, 19)).save(picture, "PNG")
    lead = Image.objects.create(
        title="Council chamber",
        alt_text="The council chamber",
        file=SimpleUploadedFile("council.png", picture.getvalue(), content_type="image/png"),
    )
    author = Author.objects.create(name="Sam Writer", slug="sam-writer")
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)

    def story(headline, slug, status):
        article = Article.objects.create(
            headline=headline,
            slug=slug,
            standfirst="What the council decided.",
            body="<p>The council met on Tuesday.</p>",
            section=section,
            lead_image=lead,
            status=status,
            publish_at=timezone.now() - timezone.timedelta(hours=1)
            if status == Article.Status.PUBLISHED
            else None,
        )
        Byline.objects.create(article=article, author=author, order=0)
        return article

    old = story("Library hours extended", "library-hours", Article.Status.PUBLISHED)
    draft = story("Bridge reopens after repairs", "bridge-reopens", Article.Status.DRAFT)
    draft_url = draft.get_absolute_url()

    servers = [
        Server("A", args.ports[0], env, workdir),
        Server("B", args.ports[1], env, workdir),
    ]
    try:
        for server in servers:
            server.start()
        for server in servers:
            checks.check(server.wait() == 200, f"server {server.name} healthy on {server.base}")
        a, b = (Browser(server.base) for server in servers)

        # Both servers have seen (and may have cached) the site before the change.
        for browser in (a, b):
            for path in ("/", "/latest/", draft_url, old.get_absolute_url()):
                browser.get(path)
                browser.get(path)
        status, _, _ = b.get(draft_url)
        checks.check(status == 404, "B: the draft is not public before publication", status)

        # Publish on A, through the admin's article form.
        _, page, _ = a.get("/admin/login/")
        status, _, _ = a.post(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": csrf_token(page),
                "username": "editor",
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        checks.check(status == 302, "A: editor logs in to the admin", status)
        change_url = f"/admin/articles/article/{draft.pk}/change/"
        _, page, _ = a.get(change_url)
        fields = [
            (name, value)
            for name, value in form_fields(page, "article_form")
            if name not in {"status", "publish_at", "publish_at_0", "publish_at_1"}
        ]
        fields += [("status", Article.Status.PUBLISHED), ("publish_at_0", ""), ("publish_at_1", "")]
        fields += [("_save", "Save")]
        status, page, _ = a.post(change_url, fields)
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
        checks.check(status == 302, "A: story published through the admin", errors or status)
        draft.refresh_from_db()
        checks.check(draft.is_published, "the story is published in the shared database")

        status, page, _ = b.get(draft_url)
        checks.check(
            status == 200 and shows(page, draft.headline), "B: the story is live at once", status
        )
        _, page, _ = b.get("/")
        checks.check(shows(page, draft.headline), "B: the front page lists the story at once")
        _, page, _ = b.get("/latest/")
        checks.check(shows(page, draft.headline), "B: The Latest lists the story at once")

        # And back: unpublished on A, gone from B.
        _, page, _ = a.get(change_url)
        fields = [
            (name, value) for name, value in form_fields(page, "article_form") if name != "status"
        ]
        # Taken down: "unpublished" where the editorial workflow has it.
        taken_down = getattr(Article.Status, "UNPUBLISHED", Article.Status.DRAFT)
        fields += [("status", taken_down), ("_save", "Save")]
        status, page, _ = a.post(change_url, fields)
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
        checks.check(status == 302, "A: story unpublished through the admin", errors or status)
        status, _, _ = b.get(draft_url)
        checks.check(status == 404, "B: the unpublished story is gone at once", status)
        _, page, _ = b.get("/latest/")
        checks.check(not shows(page, draft.headline), "B: The Latest no longer lists it")

        # Comments: does this build render approved comments at all?
        article_url = old.get_absolute_url()
        control = Comment.objects.create(
            article=old,
            name="Control reader",
            email="control@example.org",
            body="A control comment, approved before anything was cached.",
            status=Comment.Status.APPROVED,
        )
        send(Change.COMMENTS, sender=Comment, article=old)
        _, page, _ = b.get(article_url)
        if not shows(page, control.body):
            checks.check(
                False,
                "B: the article page shows approved comments (it does not render comments: "
                "is the comments app's template merged?)",
            )
            return
        comment = Comment.objects.create(
            article=old,
            name="Pat Reader",
            email="pat@example.org",
            body="The new opening hours are a real help for shift workers.",
            status=Comment.Status.PENDING,
        )
        for browser in (a, b):
            browser.get(article_url)
        _, page, _ = b.get(article_url)
        checks.check(not shows(page, comment.body), "B: a pending comment is not shown")
        approved_on_a = approve_through_admin(a, comment, change_url)
        if approved_on_a is None:
            approve(comment, Comment, send, Change)
            print("     (this build has no approve URL in the admin: approved through the ORM)")
        else:
            checks.check(approved_on_a, "A: comment approved through the admin's moderation")
        _, page, _ = b.get(article_url)
        checks.check(shows(page, comment.body), "B: the approved comment shows at once")
        _, page, _ = a.get(article_url)
        checks.check(shows(page, comment.body), "A: the approved comment shows at once")
    finally:
        for server in servers:
            server.stop()
        from django.db import connections

        connections.close_all()
        if args.fresh and postgres and not args.keep:
            drop_database(args.database_url)
        shutil.rmtree(workdir, ignore_errors=True)


def approve_through_admin(browser, comment, form_page):
    """Approve on the server `browser` talks to, as a moderator clicks "Approve".

    None when this build's admin has no approve URL for comments.
    """
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("admin:comments_comment_approve", args=[comment.pk])
    except NoReverseMatch:
        return None
    _, page, _ = browser.get(form_page)
    status, _, _ = browser.post(url, {"csrfmiddlewaretoken": csrf_token(page)})
    comment.refresh_from_db()
    return status == 302 and comment.status == comment.Status.APPROVED


def approve(comment, Comment, send, Change):
    """Approve through the ORM, as the moderation code does."""
    try:
        from comments.moderation import decide
    except ImportError:
        decide = None
    if decide is not None:
        decide(comment=comment, to_status=Comment.Status.APPROVED, moderator=None)
        return
    comment.status = Comment.Status.APPROVED
    comment.save()
    send(Change.COMMENTS, sender=Comment, article=comment.article)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        help="PostgreSQL (created fresh and dropped), or sqlite: for a fresh SQLite file "
        "in a temporary directory (one machine only)",
        default=os.environ.get(
            "TWO_SERVERS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_twoservers"
        ),
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/2"),
        help='"" for no Redis: the servers share a file cache (one machine only)',
    )
    parser.add_argument("--ports", nargs=2, type=int, default=[8610, 8611])
    parser.add_argument(
        "--no-fresh",
        dest="fresh",
        action="store_false",
        help="use the database as it is instead of creating (and dropping) it",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    checks = Checks()
    started = time.monotonic()
    try:
        run(args, checks)
    except Exception as error:  # a crash is a failure, reported as one
        checks.check(False, f"two-server run crashed: {error!r}")
    print(
        f"{'FAIL' if checks.failed else 'PASS'}: two servers, "
        f"{checks.failed} failed check(s), {time.monotonic() - started:.1f}s"
    )
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
