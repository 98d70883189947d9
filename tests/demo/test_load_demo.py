import io
import stat
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage

from articles.models import Article, Author, Byline, Section, TaggedArticle
from comments.models import Comment, CommentReport, ModerationDecision
from comments.queues import in_queue, queue_counts
from demo import content, loader
from demo.markup import render_body
from images.models import Image
from pages.models import Page
from tests.factories import make_article

pytestmark = pytest.mark.django_db

MODELS = (
    Section,
    Author,
    Image,
    Article,
    Byline,
    TaggedArticle,
    Comment,
    ModerationDecision,
    CommentReport,
    Page,
)


def load(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in (*MODELS, get_user_model())}


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


def english():
    """The English edition's stories: the tests of an ordinary day are of its
    (the other editions' are checked in tests/demo/test_content.py)."""
    return Article.objects.filter(edition_id="en")


def test_load_demo_shows_an_ordinary_day(var_dir):
    load()
    now = timezone.now()
    published = english().published()
    assert published.count() >= 40
    assert Section.objects.filter(edition_id="en").count() == 6
    assert 6 <= Author.objects.filter(edition_id="en").count() <= 8
    assert english().filter(status="draft").count() == 3
    assert english().filter(status="review").count() == 2
    assert english().filter(status="unpublished").count() == 1
    scheduled = english().scheduled().get()
    assert now < scheduled.publish_at < now + timedelta(hours=12)
    assert not published.filter(pk=scheduled.pk).exists()
    # Spread over the last four weeks, several stories today.
    oldest = published.order_by("publish_at").first().publish_at
    assert now - timedelta(days=29) < oldest < now - timedelta(days=14)
    assert published.filter(publish_at__gte=now - timedelta(hours=12)).count() >= 4
    # One breaking story, published recently, breaking for a few hours more.
    breaking = english().get(breaking_until__isnull=False)
    assert breaking.is_published and breaking.is_breaking
    assert breaking.publish_at > now - timedelta(hours=3)
    # Most stories show no "Updated" stamp; three or four do.
    assert 3 <= sum(article.was_updated for article in published) <= 4


def test_the_demo_publication_has_the_pages_it_owes_its_readers(client, var_dir):
    load()
    pages = Page.objects.published()
    assert set(pages.values_list("slug", flat=True)) == {
        "about",
        "contact",
        "corrections-policy",
        "privacy",
        "terms",
        Page.GUIDELINES,
    }
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    for page in pages:
        assert page.get_absolute_url() in footer
        assert client.get(page.get_absolute_url()).status_code == 200
    # The guidelines keep what the comment form says of them.
    guidelines = Page.objects.get(slug=Page.GUIDELINES).body
    assert "We never edit a comment" in guidelines
    assert client.get("/community-guidelines/")["Location"] == "/info/community-guidelines/"


def test_every_published_story_is_complete(var_dir):
    load()
    published = list(english().published().for_listing().prefetch_related("tags"))
    for article in published:
        assert article.standfirst and article.dateline and article.headline
        assert 4 <= article.body.count("<p>") <= 12, article.slug
        assert 1 <= len(article.byline) <= 3
        assert 2 <= len(article.tags.all()) <= 5
    assert sum(article.lead_image is not None for article in published) >= 0.8 * len(published)
    bodies = "".join(article.body for article in published)
    for element in ("<h2>", "<blockquote>", "<ul>", "<ol>"):
        assert element in bodies
    assert len({article.lead_image_id for article in published}) == 12
    datelines = {article.dateline for article in published}
    assert {"ERBIL, Kurdistan Region", "BAGHDAD", "GENEVA"} <= datelines


def test_demo_images_are_drawn_jpegs_with_honest_labels(var_dir):
    load()
    images = Image.objects.all()
    assert images.count() == 12
    for image in images:
        assert image.credit == "Illustration: Newsroom"
        assert image.alt_text.startswith("Illustration:") and image.caption
        with image.file.open("rb") as handle, PILImage.open(handle) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (1600, 1000) == (image.width, image.height)


def test_demo_authors_have_bios_handles_and_pictures(var_dir):
    load()
    for author in Author.objects.all():
        assert author.bio and author.social_handle.startswith("@")
        with author.photo.open("rb") as handle, PILImage.open(handle) as picture:
            assert picture.format == "JPEG" and picture.size == (400, 400)


def test_demo_comments_fill_pages_and_the_queue(var_dir):
    load()
    now = timezone.now()
    approved = Comment.objects.approved().filter(article__edition_id="en")
    assert approved.count() >= 60
    assert approved.exclude(article__in=english().published()).count() == 0
    with_comments = approved.values("article").distinct().count()
    assert with_comments >= 0.6 * english().published().count()
    queue = list(Comment.objects.in_moderation().filter(article__edition_id="en"))
    assert 8 <= len(queue) <= 12
    assert queue[0].created_at < now - timedelta(hours=12) < now - timedelta(hours=1)
    assert queue[-1].created_at > now - timedelta(hours=1)
    for comment in Comment.objects.all():
        assert comment.article.publish_at < comment.created_at <= now
        assert comment.email.rsplit(".", 1)[0].endswith("@example")
    rejected = Comment.objects.filter(status="rejected", article__edition_id="en")
    assert rejected.count() == 2
    reasons = set(
        ModerationDecision.objects.filter(comment__in=rejected, to_status="rejected").values_list(
            "reason", flat=True
        )
    )
    assert reasons == {"spam", "personal-attack"}
    approved_decisions = ModerationDecision.objects.filter(
        to_status="approved", comment__article__edition_id="en"
    )
    assert approved_decisions.count() == approved.count()


def test_demo_shows_the_reported_queue_and_decision_emails_in_use(var_dir):
    demo = content.read().only(loader.EDITIONS_LOADED)
    written = [c for story in demo.stories for c in story.comments]
    out = load()
    now = timezone.now()
    reports = CommentReport.objects.select_related("comment")
    assert reports.count() == sum(len(c.reports) for c in written) >= 3
    assert f"{reports.count()} reader reports" in out
    # Open reports on published comments, each made after the comment was published.
    for report in reports:
        assert report.resolution is None and report.comment.status == "approved"
        assert report.comment.decided_at <= report.created_at <= now
    reported = in_queue(Comment.objects.all(), "reported")
    assert reported.count() == queue_counts()["reported"] >= 2
    assert reports.exclude(note="").exists()  # readers' notes shown to moderators
    # Commenters who asked to hear the decision: some still wait for it.
    asked = Comment.objects.filter(notify_by_email=True)
    assert asked.count() == sum(c.notify for c in written) >= 3
    assert asked.filter(status="pending").count() >= 2


def test_every_edition_is_loaded_with_its_translations_linked(var_dir):
    """Stories, sections and authors go in their edition (demo.loader.
    EDITIONS_LOADED: all five); a translation links to its English story."""
    demo = content.read()
    assert set(loader.EDITIONS_LOADED) == set(demo.languages) == {"en", "ckb", "kmr", "ar", "tr"}
    load()
    assert set(Article.objects.values_list("slug", "edition_id")) == {
        (s.slug, s.language) for s in demo.stories
    }
    assert set(Author.objects.values_list("slug", "edition_id")) == {
        (a.slug, a.language) for a in demo.authors
    }
    assert set(Section.objects.values_list("edition_id", "slug", "name")) == {
        (s.language, s.slug, s.name) for s in demo.sections
    }
    # Two editions each have a Kurdistan section, each at its own address.
    assert Section.objects.filter(slug="kurdistan").count() > 1
    linked = set(
        Article.objects.filter(translation_of__isnull=False).values_list(
            "slug", "translation_of__slug"
        )
    )
    assert linked == {(s.slug, s.translation_of) for s in demo.stories if s.translation_of}
    assert all(
        article.section.edition_id == article.edition_id
        for article in Article.objects.select_related("section")
    )
    # An English story's queue shows a commenter whose name is in Arabic script.
    assert Comment.objects.filter(name="هاوژین", status="pending").exists()


def test_loading_twice_creates_nothing_twice(var_dir):
    load()
    first = counts()
    output = load()
    assert counts() == first
    assert "nothing to add" in output


def test_if_empty_does_nothing_when_articles_exist(var_dir):
    make_article(headline="Our own first story")
    before = counts()
    output = load("--if-empty")
    assert counts() == before
    assert "no demo content loaded" in output


def test_if_empty_loads_into_an_empty_database(var_dir):
    load("--if-empty")
    assert Article.objects.published().count() >= 40


def test_dry_run_writes_nothing(var_dir):
    before = counts()
    output = load("--dry-run")
    assert counts() == before
    stories = len(content.read().stories)  # every edition's (81)
    assert f"articles: would create {stories}, 0 already present" in output


def test_every_published_demo_story_renders(client, var_dir):
    load()
    for article in Article.objects.published():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.slug
        assert escape(article.headline) in response.content.decode()
    assert client.get("/").status_code == 200
    hidden = Article.objects.exclude(pk__in=Article.objects.published()).first()
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_no_demo_logins_without_debug(settings, var_dir):
    settings.DEBUG = False
    output = load()
    assert get_user_model().objects.count() == 0
    assert not (var_dir / "demo-login.txt").exists()
    assert "no demo logins created" in output


def test_demo_logins_with_debug(client, settings, var_dir):
    settings.DEBUG = True
    Group.objects.get_or_create(name="Editors")
    Group.objects.get_or_create(name="Moderators")
    Group.objects.filter(name="Journalists").delete()
    output = load()
    login_file = var_dir / "demo-login.txt"
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600
    password = next(
        line.split(":", 1)[1].strip()
        for line in login_file.read_text().splitlines()
        if line.startswith("password:")
    )
    assert password in output
    users = get_user_model().objects.all()
    assert {user.username for user in users} == {"admin", "editor", "reporter", "moderator"}
    assert users.get(username="admin").is_superuser
    assert list(users.get(username="editor").groups.values_list("name", flat=True)) == ["Editors"]
    assert "No “Journalists” group yet" in output
    assert users.get(username="reporter").author.slug == "layla-nuri"
    assert client.login(username="moderator", password=password)
    # A second run keeps the password and creates no one.
    output = load()
    assert password in output
    assert get_user_model().objects.count() == 4
    assert client.login(username="editor", password=password)
    # `make run` on a later day: nothing loaded, the logins shown again.
    output = load("--if-empty")
    assert "no demo content loaded" in output
    assert f"reporter   {password}" in output


def test_body_markup_renders_blocks():
    html = render_body(
        """
        First <em>paragraph</em> & more, "quoted" at Erbil's gate.

        ## A heading

        > A quote that runs
        > over two lines.

        - one
        - two
          continued

        1. first
        2. second
        """
    )
    assert html.splitlines() == [
        "<p>First <em>paragraph</em> &amp; more, “quoted” at Erbil’s gate.</p>",
        "<h2>A heading</h2>",
        "<blockquote><p>A quote that runs over two lines.</p></blockquote>",
        "<ul><li>one</li><li>two continued</li></ul>",
        "<ol><li>first</li><li>second</li></ol>",
    ]
