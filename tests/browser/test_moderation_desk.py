"""The moderation screen in a browser: a moderator clears the queue with the
keyboard alone, the log shows every decision, and the screen passes axe."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, ModerationDecision
from tests.browser.test_admin_pages import logged_in, serious_violations
from tests.comments.helpers import make_comment, make_moderator
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = "/admin/comments/comment/moderate/"


@pytest.fixture
def queue():
    story = make_article(headline="Flood barrier holds overnight")
    comments = [
        make_comment(story, name=f"Reader {n}", body=f"Comment number {n} on the barrier.")
        for n in range(10)
    ]
    # A right-to-left name and text, which must not garble the line around them.
    make_comment(story, name="ليلى", body="تعليق على الخبر", status=Comment.Status.APPROVED)
    return comments


def test_a_moderator_clears_ten_comments_with_the_keyboard_alone(live_server, browser, queue):
    moderator = make_moderator("moira")
    context, page = logged_in(browser, live_server, moderator)
    page.goto(live_server.url + DESK)
    pending = page.locator('[data-count="pending"]')
    expect(pending).to_have_text("10")
    first = page.locator(".desk-item").first
    expect(first).to_be_focused()

    # ? shows the shortcuts; Escape closes them.
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)

    # j and k move the focus.
    page.keyboard.press("j")
    expect(page.locator(".desk-item").nth(1)).to_be_focused()
    page.keyboard.press("k")
    expect(first).to_be_focused()

    url = page.url
    loads = []
    page.on("load", lambda _: loads.append(1))
    left = 10
    for n in range(10):
        if n % 2 == 0:
            page.keyboard.press("a")
        elif n % 4 == 1:
            page.keyboard.press("r")
            page.keyboard.press("Enter")  # the first reason
        else:
            page.keyboard.press("r")
            page.keyboard.press("6")  # Spam
        left -= 1
        expect(pending).to_have_text(str(left))
        if left:
            # The focus is on the next comment, with no page load.
            expect(page.locator(".desk-item").first).to_be_focused()
    assert page.url == url and loads == []
    expect(page.locator(".desk-empty")).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text(
        "Rejected the comment by Reader 9: Profanity or vulgarity."
    )

    decisions = ModerationDecision.objects.filter(moderator=moderator)
    assert decisions.count() == 10
    assert set(decisions.values_list("to_status", "reason")) == {
        ("approved", ""),
        ("rejected", "profanity"),
        ("rejected", "spam"),
    }

    # The log shows all ten, newest first.
    page.goto(live_server.url + "/admin/comments/moderationdecision/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(10)
    expect(rows.first).to_contain_text("Comment number 9")
    context.close()


def test_without_javascript_every_decision_is_a_plain_form(live_server, browser, queue):
    moderator = make_moderator("moira")
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(moderator)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + DESK)
    page.get_by_role("button", name="Approve comment by Reader 0").click()
    expect(page.get_by_text("Approved the comment by Reader 0.")).to_be_visible()
    page.get_by_label("Reason").first.select_option("off-topic")
    page.get_by_role("button", name="Reject comment by Reader 1").click()
    expect(page.get_by_text("Rejected the comment by Reader 1: Off-topic.")).to_be_visible()
    expect(page.locator('[data-count="pending"]')).to_have_text("8")
    context.close()


@pytest.mark.parametrize("queue_name", ["", "approved/"])
def test_the_screen_has_no_serious_axe_violation(live_server, browser, queue, queue_name):
    moderator = make_moderator("moira")
    context, page = logged_in(browser, live_server, moderator)
    page.goto(live_server.url + DESK + queue_name)
    page.keyboard.press("?")
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    assert serious_violations(page) == []
    context.close()


def test_a_reader_reports_a_comment_and_the_moderator_sees_the_report(live_server, browser):
    story = make_article(headline="Council votes on the new bridge")
    make_comment(story, name="Pat", body="The councillors are all crooks.", status="approved")
    reader = browser.new_context()
    page = reader.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("link", name="Report the comment by Pat").click()
    expect(page.get_by_role("heading", name="Report a comment")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Abuse, hate or a personal attack").check()
    page.get_by_label("Anything the moderators should know").fill("Calls people crooks.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()
    reader.close()

    moderator = make_moderator("moira")
    context, desk = logged_in(browser, live_server, moderator)
    desk.goto(live_server.url + "/admin/")
    desk.get_by_role("link", name="Open the moderation queue").click()
    expect(desk.locator('[data-count="reported"]')).to_have_text("1")
    desk.get_by_role("link", name="Reported").click()
    item = desk.locator(".desk-item")
    expect(item).to_contain_text("The councillors are all crooks.")
    expect(item).to_contain_text("Reported 1 time")
    expect(item).to_contain_text("Abuse, hate or a personal attack")
    expect(item).to_contain_text("Calls people crooks.")
    # Remove it with the keyboard: r, then 3 (personal attack).
    expect(item).to_be_focused()
    desk.keyboard.press("r")
    desk.keyboard.press("3")
    expect(desk.locator('[data-count="reported"]')).to_have_text("0")
    entry = ModerationDecision.objects.get()
    assert (entry.to_status, entry.reason) == ("rejected", "personal-attack")
    context.close()


def test_single_key_shortcuts_can_be_turned_off_and_it_is_remembered(live_server, browser, queue):
    context, page = logged_in(browser, live_server, make_moderator("moira"))
    page.goto(live_server.url + DESK)
    page.get_by_label("Single-key shortcuts").uncheck()
    page.locator(".desk-item").first.focus()
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    expect(page.locator('[data-count="pending"]')).to_have_text("10")
    page.reload()
    expect(page.get_by_label("Single-key shortcuts")).not_to_be_checked()
    page.get_by_label("Single-key shortcuts").check()
    page.locator(".desk-item").first.focus()
    page.keyboard.press("a")
    expect(page.locator('[data-count="pending"]')).to_have_text("9")
    context.close()


def test_a_moderator_picks_an_edition_and_it_holds_through_decisions(live_server, browser, queue):
    from tests.factories import make_section

    sorani = make_article(
        headline="بەربەستی لافاو", section=make_section("هەواڵ", edition_id="ckb"), edition_id="ckb"
    )
    make_comment(sorani, name="ڕێباز", body="سوپاس بۆ ئەم هەواڵە.")
    make_comment(sorani, name="ئاسۆ", body="هەواڵێکی باشە.")
    moderator = make_moderator("moira")
    context, page = logged_in(browser, live_server, moderator)
    page.goto(live_server.url + DESK)
    expect(page.locator('[data-count="pending"]')).to_have_text("12")
    page.get_by_role("navigation", name="Editions").get_by_role("link", name="کوردی").click()
    expect(page.locator(".desk-item")).to_have_count(2)
    expect(page.locator(".desk-item").first).to_contain_text("کوردی · right to left")
    expect(page.locator('[data-count="pending"]')).to_have_text("2")
    assert serious_violations(page) == []
    page.keyboard.press("a")  # approves the first Sorani comment, no page load
    expect(page.locator('[data-count="pending"]')).to_have_text("1")
    expect(page.locator('[data-count="approved"]')).to_have_text("1")
    page.get_by_role("link", name="Approved").click()
    assert page.url.endswith("approved/?edition=ckb")
    expect(page.locator(".desk-item")).to_have_count(1)
    context.close()
