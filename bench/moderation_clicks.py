#!/usr/bin/env python
"""Clicks, key presses and page loads to clear 50 pending comments.

Drives Chromium (Playwright, the system's /usr/bin/chromium) through three
ways of clearing the same queue of 50 comments, 35 to approve and 15 to
reject with a reason, and counts what the moderator does:

1. the comment list (`/admin/comments/comment/`), as it was before the
   moderation screen: approve with each row's button; reject by ticking the
   row, choosing the action, Run, choosing the reason, confirming;
2. the moderation screen with the keyboard: `a`, or `r` and the reason's
   number;
3. the moderation screen without JavaScript: Approve, or the reason and Reject.

Every click or choice in a menu counts as a click, every key as a key press,
every document loaded in the tab as a page load (the first one included).
Reading a comment costs nothing extra on the screen (the full text is there);
on the list it is cut at 120 characters, which the figures below do not count.

    .venv/bin/python bench/moderation_clicks.py

Runs on a throw-away test database (tests.settings), like the test suite.
"""

import itertools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

TOTAL, REJECTS = 50, 15
RUNS = itertools.count(1)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class Counter:
    def __init__(self, page):
        self.clicks = self.keys = self.loads = 0
        page.on("load", self._loaded)

    def _loaded(self, _):
        self.loads += 1


def seed():
    from comments.models import Comment
    from tests.comments.helpers import make_comment, make_moderator
    from tests.factories import make_article

    Comment.objects.all().delete()
    story = make_article(headline="Flood barrier holds overnight")
    comments = [
        make_comment(story, name=f"Reader {n}", body=f"Comment {n}. " + "A long thought. " * 20)
        for n in range(TOTAL)
    ]
    moderator = make_moderator(f"moira{next(RUNS)}")
    return [c.pk for c in comments[::-1][:REJECTS]], moderator


def login(browser, server_url, user, *, javascript=True):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1366, "height": 900}
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": server_url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def the_list(browser, server_url):
    from comments.models import Comment

    rejects, moderator = seed()
    context, page = login(browser, server_url, moderator)
    count = Counter(page)
    page.goto(server_url + "/admin/comments/comment/")
    while Comment.objects.filter(status="pending").exists():
        row = page.locator("#result_list tbody tr").first
        pk = int(row.locator("input.action-select").get_attribute("value"))
        if pk in rejects:
            row.locator("input.action-select").check()
            page.locator("select[name=action]").select_option("reject_selected")
            page.get_by_role("button", name="Run").click()
            page.get_by_label("Reason").select_option("spam")
            page.get_by_role("button", name="Reject 1 comment").click()
            count.clicks += 5
        else:
            row.get_by_role("button", name="Approve").click()
            count.clicks += 1
        page.wait_for_load_state()
    context.close()
    return count


def the_screen(browser, server_url):
    from comments.models import Comment

    rejects, moderator = seed()
    context, page = login(browser, server_url, moderator)
    count = Counter(page)
    page.goto(server_url + "/admin/comments/comment/moderate/")
    pending = page.locator('[data-count="pending"]')
    left = TOTAL
    while left:
        item = page.locator(".desk-item.is-current")
        pk = int(item.get_attribute("data-comment"))
        if pk in rejects:
            page.keyboard.press("r")
            page.keyboard.press("6")
            count.keys += 2
        else:
            page.keyboard.press("a")
            count.keys += 1
        left -= 1
        pending.filter(has_text=str(left)).wait_for()
    assert not Comment.objects.filter(status="pending").exists()
    context.close()
    return count


def without_javascript(browser, server_url):
    from comments.models import Comment

    rejects, moderator = seed()
    context, page = login(browser, server_url, moderator, javascript=False)
    count = Counter(page)
    page.goto(server_url + "/admin/comments/comment/moderate/")
    while Comment.objects.filter(status="pending").exists():
        item = page.locator(".desk-item").first
        pk = int(item.get_attribute("data-comment"))
        if pk in rejects:
            item.get_by_label("Reason").select_option("spam")
            item.get_by_role("button", name="Reject").click()
            count.clicks += 2
        else:
            item.get_by_role("button", name="Approve").click()
            count.clicks += 1
        page.wait_for_load_state()
    context.close()
    return count


def main():
    import django

    django.setup()
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from django.test.utils import setup_test_environment, teardown_test_environment
    from playwright.sync_api import sync_playwright

    setup_test_environment()
    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    connection.inc_thread_sharing()
    server = LiveServerThread(
        "localhost", StaticFilesHandler, connections_override={"default": connection}
    )
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    url = f"http://localhost:{server.port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            results = [
                ("comment list (before)", the_list(browser, url)),
                ("moderation screen, keyboard", the_screen(browser, url)),
                ("moderation screen, no JavaScript", without_javascript(browser, url)),
            ]
            browser.close()
    finally:
        server.terminate()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    print(f"Clearing {TOTAL} pending comments ({TOTAL - REJECTS} approved, {REJECTS} rejected):")
    print(f"{'':34} {'clicks':>7} {'keys':>5} {'page loads':>11}")
    for name, c in results:
        print(f"{name:34} {c.clicks:>7} {c.keys:>5} {c.loads:>11}")


if __name__ == "__main__":
    main()
