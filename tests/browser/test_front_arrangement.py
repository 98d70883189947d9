"""An editor pins the lead of the front page with the keyboard alone; a newer
story published after it does not push it off the top."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Article
from editorial import services
from tests.browser.test_admin_pages import AXE_RULES, logged_in
from tests.editorial.helpers import member
from tests.factories import make_article, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pinned_lead_stays_on_top_after_a_newer_story_is_published(live_server, browser):
    editor = member("Editors", "desk-editor")
    city = make_section("City", slug="city")
    make_article(headline="Flood barrier holds", section=city, ago=timedelta(hours=3))
    make_article(headline="Markets calm", section=city, ago=timedelta(hours=1))
    context, page = logged_in(browser, live_server, editor)
    base = live_server.url

    page.goto(f"{base}/admin/editorial/placement/")
    results = Axe().run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
    # Keyboard only: focus the lead's story box, choose, tab to Save, Enter.
    lead = page.get_by_label("Lead story (slot 1)", exact=True)
    lead.focus()
    lead.select_option(label=lead.locator("option", has_text="Flood barrier holds").inner_text())
    page.keyboard.press("Tab")  # the pin's end time
    page.keyboard.press("Tab")  # slot 2
    page.get_by_role("button", name="Save arrangement").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist")
    assert "readers see it now" in page.locator(".messagelist").inner_text()

    reader = browser.new_page()
    reader.goto(f"{base}/")
    assert reader.locator(".top-story__headline").inner_text() == "Flood barrier holds"

    # A newer story is published: it goes first below the lead, not above it.
    draft = make_article(headline="Business feature", section=city, status=Article.Status.DRAFT)
    services.publish(draft, by=editor)
    reader.goto(f"{base}/")
    assert reader.locator(".top-story__headline").inner_text() == "Flood barrier holds"
    assert "Business feature" in reader.locator(".front__top").inner_text()
    reader.close()
    context.close()
