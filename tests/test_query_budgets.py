"""Query budgets: every public page runs a fixed number of SQL queries,
whatever the number of stories, authors, topics and comments.

"Rendered" is a page cache miss as readers meet it: the page itself is not
cached, the shared pieces are (reader/shared.py: sections, the banner, The
Latest; and the next due time).
"Cold" is the first request after the whole cache was emptied. A cache hit
runs no query at all.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from comments.models import Comment
from tests.factories import forget_page, make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _store_at_once(settings):
    # One process, one clock: pages may be stored right after a change.
    settings.PAGECACHE_CLOCK_SKEW = 0


# page: (rendered, cold). Cold adds the site's shared pieces (3: the newest
# stories, the sections, the breaking-news banner), the next due time (2:
# next scheduled story, next end of a breaking banner) and the enabled
# editions (1, reader.editions: kept with the shared pieces, under SITE); the
# front and section pages also their editors' arrangement (1: its
# placements, none here; with some, 1 more for their cards), kept with the
# shared pieces.
BUDGETS = {
    "front": (1, 8),  # the section blocks, one UNION query
    # the story, with its byline, topics, approved comments, related stories
    # and translations as JSON arrays
    "article": (1, 7),
    "latest": (1, 7),
    "section": (2, 9),
    "tag": (2, 8),
    "author": (2, 8),
}


def build(size, edition="en"):
    """One story with one of everything, or many with many; in `edition`
    (its sections, writers and topics too), where the story is the
    translation of an English one as an edition's stories often are."""
    many = size == "many"
    own = {"edition_id": edition}
    sections = [make_section(f"Section {n}", slug=f"s{n}", **own) for n in range(4 if many else 1)]
    authors = [make_author(f"Writer {n}", slug=f"w{n}", **own) for n in range(5 if many else 1)]
    tags = [f"topic-{n}" for n in range(10 if many else 1)]
    original = None
    if edition != "en":
        original = make_article(headline="The original", slug=f"original-{size}")
    stories = []
    for n in range(45 if many else 1):
        stories.append(
            make_article(
                headline=f"Story {n}",
                slug=f"story-{size}-{n}",
                section=sections[n % len(sections)],
                authors=authors[: 3 if many else 1],
                tags=tags,
                ago=timedelta(minutes=n + 1),
                translation_of=original if n == 0 else None,
                **own,
            )
        )
    target = stories[0]
    comments = [
        Comment(
            article=target,
            name="Reader",
            email="r@example.org",
            body=f"Comment {n}",
            status=Comment.Status.APPROVED,
        )
        for n in range(50 if many else 1)
    ]
    Comment.objects.bulk_create(comments)
    # A scheduled story, so the next due time is a real one.
    make_article(
        headline="Later",
        slug=f"later-{size}",
        section=sections[0],
        publish_at=target.publish_at + timedelta(days=1),
        **own,
    )
    prefix = "" if edition == "en" else f"/{edition}"
    return {
        "front": f"{prefix}/",
        "article": target.get_absolute_url(),
        "latest": f"{prefix}/latest/",
        "section": sections[0].get_absolute_url(),
        "tag": f"{prefix}/tag/topic-0/",
        "author": authors[0].get_absolute_url(),
    }


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("size", ["one", "many"])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_runs_a_fixed_number_of_queries(client, size, page):
    check_budget(client, build(size)[page], page)


@pytest.mark.parametrize("edition", ["ckb", "ar"])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_an_editions_page_costs_what_the_english_one_costs(client, edition, page):
    # A right-to-left edition's page, its story a translation (hreflang
    # alternates, the switcher), under the same budget as the English page.
    url = build("many", edition)[page]
    assert url.startswith(f"/{edition}/"), url
    check_budget(client, url, page)
    assert f'<html lang="{edition}" dir="rtl"' in client.get(url).content.decode()


def check_budget(client, url, page):
    rendered, cold = BUDGETS[page]

    cache.clear()
    assert queries_for(client, url) == cold, "cold"

    forget_page(url)  # the page is gone; the shared pieces are not
    assert queries_for(client, url) == rendered, "rendered"

    assert queries_for(client, url) == 0, "cache hit"


def test_deep_list_pages_cost_the_same_as_the_first(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    build("many")
    response = client.get("/latest/")
    for _ in range(5):
        older = response.content.decode().split('rel="next" href="')[1].split('"')[0]
        older = older.replace("&amp;", "&")
        forget_page(older)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(older)
        assert response.status_code == 200
        assert len(captured) == BUDGETS["latest"][0]
        assert not any("OFFSET" in q["sql"].upper() for q in captured.captured_queries)


def test_staff_pages_are_never_served_from_the_cache(client, admin_user):
    url = build("one")["article"]
    client.get(url)
    client.force_login(admin_user)
    assert queries_for(client, url) > 0
    assert Article.objects.count() == 2
