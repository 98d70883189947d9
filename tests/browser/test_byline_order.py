"""The byline's order is set by keyboard (Move up / Move down) or by dragging,
never by typing numbers; a new co-author goes last."""

import pytest

from articles.models import Article
from tests.browser.test_admin_pages import logged_in, serious_violations
from tests.editorial.helpers import member
from tests.factories import make_article, make_author

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_reorders_the_byline(live_server, browser):
    editor = member("Editors", "byline-ed")
    first, second, third = (
        make_author("Ana First"),
        make_author("Ben Second"),
        make_author("Cy Third"),
    )
    story = make_article(
        headline="Three bylines", status=Article.Status.DRAFT, authors=[first, second, third]
    )
    context, page = logged_in(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    group = page.locator("#bylines-group")
    assert group.locator("input[name$='-order']").first.is_hidden()  # no numbers to type
    assert serious_violations(page) == []

    # Keyboard only: Cy Third goes to the top with two presses of "Move up".
    rows = group.locator("tr.form-row:not(.empty-form)")
    rows.nth(2).get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert "Cy Third: position 1 of 3." in group.locator("[role=status]").inner_text()
    # Ana First one down: she is now second... and Tab reaches the next control.
    rows.nth(1).get_by_role("button", name="Move down").focus()
    page.keyboard.press("Space")

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    story.refresh_from_db()
    assert [author.name for author in story.byline] == ["Cy Third", "Ben Second", "Ana First"]
    context.close()
