"""axe-core finds no accessibility violations on the reader's pages."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from comments.models import Comment
from reader.pagination import cursor
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site():
    section = make_section("Kurdistan", slug="kurdistan", description="News from the region.")
    author = make_author("Hana Rostami", slug="hana-rostami", bio="Covers energy.")
    stories = [
        make_article(
            section=section,
            authors=[author],
            tags=["Water"],
            lead_image=make_image(),
            dateline="ERBIL, Kurdistan Region",
            body="<h2>Background</h2><p>Text.</p><blockquote><p>A quote.</p></blockquote>",
            ago=timedelta(hours=i),
        )
        for i in range(1, 25)
    ]
    # More approved comments than a page holds (COMMENTS_PER_PAGE is 2 here).
    for n in range(3):
        Comment.objects.create(
            article=stories[0],
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"A thoughtful comment, number {n}.",
            status=Comment.Status.APPROVED,
        )
    return stories[0]


def comments_page(story):
    second = story.comments.approved().order_by("created_at", "pk")[1]
    return f"/news/{story.slug}/comments/?after={cursor(second.created_at, second.pk)}"


PAGES = [
    "/",
    "/latest/",
    "/section/kurdistan/",
    "/tag/water/",
    "/author/hana-rostami/",
    "/news/no-such-story/",
]


@pytest.mark.parametrize(
    "path,width",
    [(path, 1280) for path in [*PAGES, "article", "comments"]]
    + [("/", 375), ("article", 375), ("comments", 375)],
)
def test_no_axe_violations(live_server, browser, settings, site, path, width):
    settings.COMMENTS_PER_PAGE = 2
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    url = {"article": site.get_absolute_url(), "comments": comments_page(site)}.get(path, path)
    page.goto(live_server.url + url)
    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}
    )
    context.close()
    assert results.violations_count == 0, results.generate_report()
