"""The Content Security Policy holds in a real browser: no page breaks it.

Chromium reports every blocked script, style or attribute as a console error
and a `securitypolicyviolation` event; reader pages and the admin (login,
change list, change form) must produce neither.
"""

import pytest

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

COLLECT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
    ' at ' + event.sourceFile + ':' + event.lineNumber
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, plus every CSP violation it reports, from console and events."""
    console = []
    page.add_init_script(COLLECT)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def violations():
        return console + page.evaluate("window.__cspViolations || []")

    return page, violations


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def test_reader_pages_keep_to_the_policy(live_server, watched):
    page, violations = watched
    article = make_article(headline="A story under policy", body="<p>Words.</p>" * 5)
    for path in ("/", article.get_absolute_url(), "/latest/", article.section.get_absolute_url()):
        response = visit(page, live_server.url + path)
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert violations() == [], path
    # The inline text-size script, allowed by its hash, did run.
    assert page.evaluate("document.documentElement.classList.contains('js')")
    # Interactive scripts from our origin run too: A+ changes the text size.
    visit(page, live_server.url + article.get_absolute_url())
    page.get_by_role("button", name="A+").click()
    assert page.evaluate("document.documentElement.dataset.textSize") == "2"
    assert violations() == []


def test_admin_keeps_to_the_policy(live_server, watched):
    page, violations = watched
    article = make_article(headline="Story in the admin")
    make_user("desk", superuser=True, password="desk-password-1")

    response = visit(page, live_server.url + "/admin/login/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert violations() == []
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("desk-password-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert violations() == []

    visit(page, live_server.url + "/admin/articles/article/")
    assert page.get_by_role("link", name="Story in the admin").is_visible()
    # The admin's scripts ran: the "select all" checkbox selects every row.
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select").first.is_checked()
    assert violations() == []

    visit(page, live_server.url + f"/admin/articles/article/{article.pk}/change/")
    assert page.locator("#id_headline").input_value() == "Story in the admin"
    visit(page, live_server.url + "/admin/articles/article/add/")
    # prepopulated_fields: typing a headline fills the slug, by script.
    page.locator("#id_headline").press_sequentially("Council votes on budget")
    assert page.locator("#id_slug").input_value() == "council-votes-on-budget"
    assert violations() == []
