"""A reader comments, a moderator approves it in the admin, the reader sees it."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.helpers import make_moderator
from tests.factories import make_article


@pytest.fixture(autouse=True)
def _browser_settings(settings):
    # Cookies stay Secure as in production: Chromium keeps Secure cookies for
    # http://localhost, the live server's address.
    # A person takes more than a second to write; the test waits that long.
    settings.COMMENTS_MIN_FILL_SECONDS = 1


def post_comment(page, url, *, name, email, body):
    page.goto(url)
    page.get_by_label("Name Required").fill(name)
    page.get_by_label("Email Required").fill(email)
    page.get_by_label("Comment Required").fill(body)
    page.wait_for_timeout(1200)
    page.get_by_role("button", name="Post comment").click()


@pytest.mark.django_db(transaction=True)
def test_reader_posts_moderator_approves_reader_sees_it(live_server, browser):
    article = make_article(headline="Bridge reopens after repairs")
    moderator = make_moderator("moira")
    moderator.set_password("moira-pass-1")
    moderator.save()
    url = live_server.url + article.get_absolute_url()

    reader = browser.new_context()
    page = reader.new_page()
    page.set_default_timeout(15_000)
    post_comment(page, url, name="Hana", email="hana@example.net", body="Good news for commuters.")
    expect(posted_notice(page)).to_contain_text("awaits moderation")
    expect(page.locator(".comments__list")).to_have_count(0)
    expect(page.get_by_role("heading", name=re.compile(r"^Comments \(0\)"))).to_be_visible()
    assert (
        "Good news for commuters."
        not in page.locator("#comments").inner_text().split("Post a comment")[0]
    )

    post_comment(page, url, name="Spammy", email="spam@example.net", body="Buy cheap watches now")
    expect(posted_notice(page)).to_contain_text("awaits moderation")
    assert Comment.objects.filter(status="pending").count() == 2

    # The moderator logs in and works the queue.
    staff = browser.new_context()
    admin = staff.new_page()
    admin.set_default_timeout(15_000)
    admin.goto(live_server.url + "/admin/")
    admin.get_by_label("Username").fill("moira")
    admin.get_by_label("Password").fill("moira-pass-1")
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_text("2 comments waiting for moderation", exact=False)).to_be_visible()
    admin.get_by_role("link", name="Open the moderation queue").click()
    expect(admin.get_by_text("Good news for commuters.")).to_be_visible()
    admin.get_by_role("button", name="Approve comment by Hana").click()
    expect(admin.get_by_text("Approved the comment by Hana")).to_be_visible()

    # The other one is rejected in bulk, with a reason, from the list.
    admin.get_by_role("link", name="The list with filters and bulk actions").click()
    row = admin.locator("#result_list tbody tr", has_text="Buy cheap watches now")
    row.locator("input.action-select").check()
    admin.locator("select[name=action]").select_option("reject_selected")
    admin.get_by_role("button", name="Run").click()
    admin.get_by_label("Reason").select_option("promotion")
    admin.get_by_role("button", name="Reject 1 comment").click()
    expect(admin.get_by_text("1 comment rejected.")).to_be_visible()

    # The reader reloads and sees the approved comment, and only that one.
    page.reload()
    comments = page.locator(".comments__list")
    expect(comments).to_contain_text("Good news for commuters.")
    expect(comments).to_contain_text("Hana")
    expect(page.get_by_role("heading", name=re.compile(r"^Comments \(1\)"))).to_be_visible()
    assert "hana@example.net" not in page.content()

    # The rejected comment appears nowhere public.
    for path in [article.get_absolute_url(), "/", "/latest/", "/community-guidelines/"]:
        page.goto(live_server.url + path)
        assert "Buy cheap watches" not in page.content()
        assert "spam@example.net" not in page.content()
    reader.close()
    staff.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), [(390, 844), (375, 667)])
def test_on_a_phone_the_confirmation_is_on_screen_and_focused(live_server, browser, width, height):
    article = make_article(headline="Ferry timetable changes")
    phone = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=True, reduced_motion="reduce"
    )
    page = phone.new_page()
    page.set_default_timeout(15_000)
    post_comment(
        page,
        live_server.url + article.get_absolute_url(),
        name="Dara",
        email="dara@example.net",
        body="The early boat matters to us.",
    )
    status = posted_notice(page)
    expect(status).to_contain_text("awaits moderation")
    page.wait_for_function("window.scrollY > 0")  # landed, not at the top
    box = status.bounding_box()
    assert box is not None
    assert 0 <= box["x"] and box["x"] + box["width"] <= width, box
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, box
    # The page lands on the message, not on what comes before it.
    assert box["y"] < height / 4, box
    # Focused, so a screen reader reads it out.
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"
    phone.close()


@pytest.mark.django_db(transaction=True)
def test_a_reader_without_javascript_comments_in_one_more_step(live_server, browser):
    """The article page holds no token (it is the same for every reader): with
    script off the first post shows the form again, text kept, with a token;
    the second press posts it."""
    article = make_article(headline="Ferry timetable changes")
    reader = browser.new_context(java_script_enabled=False)
    page = reader.new_page()
    page.set_default_timeout(15_000)
    post_comment(
        page,
        live_server.url + article.get_absolute_url(),
        name="Noor",
        email="noor@example.org",
        body="Written with script turned off.",
    )
    expect(page.get_by_role("alert")).to_contain_text("One more step")
    expect(page.get_by_label("Comment Required")).to_have_value("Written with script turned off.")
    assert not Comment.objects.exists()
    page.wait_for_timeout(1200)
    page.get_by_role("button", name="Post comment").click()
    expect(posted_notice(page)).to_contain_text("awaits moderation")
    assert Comment.objects.get().body == "Written with script turned off."
    reader.close()


def posted_notice(page):
    """The comment's "awaits moderation" notice: a status region, not the
    search box's (the masthead's suggestions announce in one too)."""
    return page.get_by_role("status").and_(page.locator("#comment-posted"))
