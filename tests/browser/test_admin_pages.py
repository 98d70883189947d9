"""The newsroom's admin pages in a browser: the article form passes axe, and
the moderation queue fits a 1366 px screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from articles.models import Article
from comments.models import Comment
from editorial import services
from tests.editorial.helpers import member
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)

AXE_RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}


def logged_in(browser, live_server, user, width=1366, height=900):
    """A browser context with `user`'s session (no login form to go through)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": height})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def serious_violations(page):
    results = Axe().run(page, options=AXE_RULES)
    found = [v for v in results.response["violations"] if v["impact"] in ("critical", "serious")]
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in found]


@pytest.fixture
def newsroom():
    editor = member("Editors", "ed")
    make_author("Ed Itor", user=editor)
    journalist = member("Journalists", "jo")
    jo = make_author("Jo Reporter", user=journalist)
    section = make_section("City")
    published = make_article(
        headline="Bridge reopens",
        section=section,
        tags=["Bridges", "Traffic"],
        lead_image=make_image(),
    )
    services.append_correction(published, by=editor, kind="correction", text="Fixed a name.")
    draft = make_article(
        headline="Jo's draft",
        status=Article.Status.DRAFT,
        section=section,
        created_by=journalist,
        authors=[jo],
    )
    return {"editor": editor, "journalist": journalist, "published": published, "draft": draft}


@pytest.mark.parametrize(
    "who,which",
    [
        ("editor", "add"),
        ("editor", "add, another author"),
        ("editor", "published"),
        ("journalist", "add"),
        ("journalist", "draft"),
    ],
)
def test_the_article_form_has_no_critical_or_serious_axe_violation(
    live_server, browser, newsroom, who, which
):
    context, page = logged_in(browser, live_server, newsroom[who])
    if which.startswith("add"):
        page.goto(f"{live_server.url}/admin/articles/article/add/")
    else:
        page.goto(f"{live_server.url}/admin/articles/article/{newsroom[which].pk}/change/")
    page.wait_for_selector(".body-editor__content")
    page.wait_for_selector(".select2")
    if which == "add, another author":
        page.click("text=Add another author")
        page.wait_for_selector("#bylines-1 .select2")
    violations = serious_violations(page)
    context.close()
    assert violations == []


@pytest.fixture
def queue():
    moderator = member("Moderators", "mod")
    story = make_article(
        headline="A long headline about the council's plans for the new bridge over the river"
    )
    long_link = "https://example.org/" + "a-long-unbroken-address" * 4
    for n, status in enumerate(["pending", "approved", "rejected"] * 4):
        Comment.objects.create(
            article=story,
            status=status,
            name=f"Reader with a rather long name {n}",
            email=f"a.very.long.address.number{n}@a-long-domain-name-example.org",
            body="A comment that goes on about the bridge and the river. " * 6 + long_link,
            flag_links=True,
            flag_banned_words=True,
            flag_first_time=True,
            flag_blocklisted=True,
        )
    return moderator


@pytest.mark.parametrize("view", ["", "?status=all"])
def test_the_moderation_queue_fits_1366_pixels_without_sideways_scrolling(
    live_server, browser, queue, view
):
    context, page = logged_in(browser, live_server, queue, width=1366, height=900)
    page.goto(f"{live_server.url}/admin/comments/comment/{view}")
    widths = page.evaluate(
        """() => {
            const results = document.querySelector('#changelist-form .results');
            const right = results.getBoundingClientRect().right;
            const row = document.querySelector('#result_list tbody tr');
            const edge = (name) => row.querySelector('.field-' + name).getBoundingClientRect().right;
            return {
                page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
                table: [results.scrollWidth, results.clientWidth],
                inView: ['excerpt', 'flag_list', 'age'].every((name) => edge(name) <= right),
            };
        }"""
    )
    context.close()
    assert widths["page"][0] <= widths["page"][1], widths
    assert widths["table"][0] <= widths["table"][1], widths
    assert widths["inView"], widths
