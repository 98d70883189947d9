"""The search box suggests as you type: an ARIA 1.2 combobox over the plain form."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stories():
    return [
        make_article(headline="Pomegranate harvest in Halabja", tags=["Pomegranates"]),
        make_article(headline="Pomegranate prices fall in Erbil", ago=timedelta(days=2)),
        make_article(headline="Bus routes open"),
    ]


def test_typing_lists_stories_and_topics_and_the_keyboard_opens_one(page, live_server, stories):
    page.goto(live_server.url + "/search/")
    box = page.get_by_role("combobox", name="Search for")
    box.fill("pomeg")
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert options.all_inner_texts() == [
        "Pomegranate harvest in Halabja",
        "Pomegranate prices fall in Erbil",
        "Pomegranates (topic)",
    ]
    assert box.get_attribute("aria-expanded") == "true"
    status = box.locator("xpath=following-sibling::*[@role='status']")
    assert "Suggestions: 3." in status.text_content()

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}
    )
    assert results.violations_count == 0, results.generate_report()

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "pomeg"
    box.press("Escape")
    assert box.input_value() == ""

    box.fill("prices fa")
    options.first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(live_server.url + stories[1].get_absolute_url())


def test_enter_without_a_choice_searches_and_the_masthead_box_suggests_too(
    page, live_server, stories
):
    page.goto(live_server.url + "/")
    box = page.locator("#masthead-search")
    assert box.get_attribute("role") == "combobox"
    box.fill("bus ro")
    page.get_by_role("option", name="Bus routes open").wait_for()
    box.press("Enter")
    page.wait_for_url("**/search/?q=bus+ro")


def test_without_javascript_the_search_box_is_a_plain_form(browser, live_server, stories):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    box = page.get_by_label("Search for")
    assert box.get_attribute("role") is None
    box.fill("harvest")
    box.press("Enter")
    page.wait_for_url("**/search/?q=harvest**")
    assert page.get_by_role("heading", name="1 story found for “harvest”").is_visible()
    context.close()
