"""A+/A- in a real browser: larger text, bounds, remembered across pages and visits."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def body_font_size(page):
    return page.eval_on_selector(
        ".article__body p", "el => parseFloat(getComputedStyle(el).fontSize)"
    )


def test_text_size_grows_shrinks_stops_at_bounds_and_is_remembered(live_server, page):
    first = make_article(headline="First story", body="<p>" + "Words. " * 40 + "</p>")
    second = make_article(headline="Second story", body="<p>More words.</p>")
    page.goto(live_server.url + first.get_absolute_url())

    bigger = page.get_by_role("button", name="A+")
    smaller = page.get_by_role("button", name="A-")
    start = body_font_size(page)

    bigger.click()
    grown = body_font_size(page)
    assert grown > start

    # Up to the top bound: A+ disables itself there, and keyboard works.
    bigger.focus()
    for _ in range(5):
        if bigger.is_disabled():
            break
        page.keyboard.press("Enter")
    assert bigger.is_disabled()
    largest = body_font_size(page)
    assert largest > grown
    assert not smaller.is_disabled()

    # The choice follows the reader to another page, applied before first paint.
    page.goto(live_server.url + second.get_absolute_url())
    assert page.evaluate("document.documentElement.dataset.textSize") == "4"
    assert body_font_size(page) == largest

    # And across visits (a reload of a fresh page).
    page.reload()
    assert body_font_size(page) == largest

    # Down to the bottom bound.
    smaller = page.get_by_role("button", name="A-")
    for _ in range(6):
        if smaller.is_disabled():
            break
        smaller.click()
    assert smaller.is_disabled()
    assert body_font_size(page) < start
    assert page.evaluate("localStorage.getItem('newsroom:text-size')") == "0"


def test_no_javascript_hides_the_buttons_and_keeps_the_text(live_server, browser):
    story = make_article(headline="Readable without scripts", body="<p>Plain text.</p>")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    assert page.get_by_text("Plain text.").is_visible()
    assert not page.get_by_role("button", name="A+").is_visible()
    context.close()


def test_stored_size_applies_before_first_paint(live_server, page):
    story = make_article(body="<p>Check the first paint.</p>")
    page.goto(live_server.url + story.get_absolute_url())
    page.evaluate("localStorage.setItem('newsroom:text-size', '3')")
    # Block the deferred script: only the inline boot script in <head> may act.
    page.route("**/textsize*.js", lambda route: route.abort())
    page.reload()
    assert page.evaluate("document.documentElement.dataset.textSize") == "3"
