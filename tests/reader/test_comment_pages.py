"""A story with many comments: the first page under it, the rest on pages of their own."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from comments.moderation import decide
from tests.comments.helpers import make_comment, make_moderator
from tests.factories import forget_page, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _per_page(settings):
    settings.COMMENTS_PER_PAGE = 5


@pytest.fixture
def story():
    """A story with 12 approved comments (and two no reader may see)."""
    article = make_article(headline="Dam talks resume")
    start = timezone.now() - timedelta(hours=3)
    for n in range(12):
        make_comment(
            article,
            status=Comment.Status.APPROVED,
            body=f"Approved comment {n + 1}.",
            created_at=start + timedelta(minutes=n),
        )
    make_comment(article, status=Comment.Status.PENDING, body="Still waiting.")
    make_comment(article, status=Comment.Status.REJECTED, body="Turned down.")
    return article


def bodies(response):
    return re.findall(r"Approved comment (\d+)\.", response.content.decode())


def link(response, text):
    """The href of the paging link whose text starts with `text`."""
    page = BeautifulSoup(response.content, "html.parser")
    found = [a["href"] for a in page.select("a[rel]") if a.get_text().startswith(text)]
    return found[0] if found else None


def test_the_story_shows_the_first_page_and_the_total(client, story):
    page = client.get(story.get_absolute_url())
    assert bodies(page) == ["1", "2", "3", "4", "5"]
    assert '<span class="comments__count">(12)</span>' in page.content.decode()
    assert link(page, "Later comments (7 more)")
    assert not link(page, "← Earlier comments")
    assert "Still waiting" not in page.content.decode()


def test_readers_page_through_every_approved_comment_and_back(client, story):
    second = client.get(link(client.get(story.get_absolute_url()), "Later comments"))
    assert second.status_code == 200
    assert bodies(second) == ["6", "7", "8", "9", "10"]
    html = second.content.decode()
    assert '<ol class="comments__list" start="6">' in html
    assert "6 to 10 of 12 comments" in html
    assert '<meta name="robots" content="noindex, follow">' in html

    third = client.get(link(second, "Later comments (2 more)"))
    assert bodies(third) == ["11", "12"]
    assert not link(third, "Later comments")
    assert "Still waiting" not in third.content.decode()

    back = client.get(link(third, "← Earlier comments"))
    assert bodies(back) == ["6", "7", "8", "9", "10"]
    first = client.get(link(back, "← Earlier comments"))
    assert bodies(first) == ["1", "2", "3", "4", "5"]
    assert not link(first, "← Earlier comments")


def test_a_comment_approved_later_joins_the_last_page(
    client, settings, story, django_capture_on_commit_callbacks
):
    settings.PAGECACHE_CLOCK_SKEW = 0  # one process, one clock: pages stored at once
    second_url = link(client.get(story.get_absolute_url()), "Later comments")
    third_url = link(client.get(second_url), "Later comments")
    assert bodies(client.get(third_url)) == ["11", "12"]  # now in the page cache
    waiting = make_comment(story, body="Approved comment 13.")
    with django_capture_on_commit_callbacks(execute=True):  # caches hear after commit
        decide(comment=waiting, to_status=Comment.Status.APPROVED, moderator=make_moderator())
    assert bodies(client.get(third_url)) == ["11", "12", "13"]


@pytest.mark.parametrize(
    "query, status",
    [
        ("", 302),  # no position: the first page is under the story
        ("?after=yesterday", 404),
        ("?after=20991231T000000.000000Z-1", 404),  # past the last comment
        # Two positions, or one twice: no page has that address.
        ("?after=20200101T000000.000000Z-1&before=20200101T000000.000000Z-1", 404),
        ("?after=20200101T000000.000000Z-1&after=20200101T000000.000000Z-1", 404),
        ("?after=20200101T000000.000000Z-01", 404),  # not as cursor() spells it
        ("?before=20990230T000000.000000Z-1", 404),  # no such date
    ],
)
def test_bad_positions_get_a_clear_answer(client, story, query, status):
    response = client.get(f"/news/{story.slug}/comments/{query}")
    assert response.status_code == status


def test_comment_pages_of_hidden_stories_do_not_exist(client):
    draft = make_article(status="draft")
    make_comment(draft, status=Comment.Status.APPROVED)
    assert (
        client.get(f"/news/{draft.slug}/comments/?after=20200101T000000.000000Z-1").status_code
        == 404
    )


@pytest.mark.parametrize("more", [0, 60])
def test_a_comments_page_runs_a_fixed_number_of_queries(client, settings, story, more):
    """Rendered as a reader meets it (the site's shared parts cached): the
    story, the page of comments, their total and the count before them,
    however many comments there are; then a cache hit, no query."""
    settings.PAGECACHE_CLOCK_SKEW = 0  # one process, one clock: store at once
    for _ in range(more):
        make_comment(story, status=Comment.Status.APPROVED)
    url = link(client.get(story.get_absolute_url()), "Later comments")
    url = link(client.get(url), "Later comments")  # a page deeper
    forget_page(url)
    with CaptureQueriesContext(connection) as rendered:
        assert client.get(url).status_code == 200
    assert len(rendered) == 4
    assert not any("OFFSET" in q["sql"].upper() for q in rendered.captured_queries)
    with CaptureQueriesContext(connection) as hit:
        assert client.get(url).status_code == 200
    assert len(hit) == 0


def test_postgresql_reads_a_comments_page_from_its_position_on_the_approved_index(story):
    """As the reads connection runs it: a prepared statement with a generic
    plan. With the status as a parameter, that plan could not use the
    partial index of approved comments; written as one OR, the position did
    not bound the index scan (5.5 ms for a page deep in 3,000 comments)."""
    from unittest import mock

    from reader import comments as page_module

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    ran = []
    real = page_module.COMMENT.fetch
    with mock.patch.object(
        page_module.COMMENT, "fetch", side_effect=lambda *a: ran.append(a) or real(*a)
    ):
        head = Comment.objects.approved().filter(article=story).order_by("created_at", "pk")[4]
        page_module.comment_page(story, after=(head.created_at, head.pk))
    _db, tail, params = ran[0]
    sql = page_module.COMMENT.sql("default") + " " + tail
    numbered = iter(range(1, 100))
    prepared = re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute("PREPARE comments_page AS " + prepared)
        cursor.execute(f"EXPLAIN EXECUTE comments_page({', '.join(['%s'] * len(params))})", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("DEALLOCATE comments_page")
    assert "comment_approved_idx" in plan, plan
    assert "ROW(created_at, id) >" in plan.split("Index Cond:")[1].splitlines()[0], plan
