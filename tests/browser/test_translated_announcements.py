"""What the page says out loud comes in the page's language too: A+/A-
announce the new text size from the translated labels the template gives
textsize.js."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def story_in(code, **fields):
    """A story of edition `code`, in a section of that edition."""
    if code == "en":
        return make_article(headline="Story", **fields)
    section = make_section(f"Section {code}", slug=f"section-{code}", edition_id=code)
    return make_article(headline="Story", edition_id=code, section=section, **fields)


@pytest.mark.parametrize(
    ("code", "label", "announced"),
    [
        ("en", "A+ Larger text", "Text size: Large"),
        ("ckb", "A+ نووسینی گەورەتر", "قەبارەی نووسین: گەورە"),
        ("ar", "A+ تكبير الخط", "حجم الخط: كبير"),
    ],
)
def test_text_size_is_announced_in_the_pages_language(
    live_server, page, settings, code, label, announced
):
    # The page's language is its edition's: a story of that edition, at its address.
    settings.PAGECACHE_ENABLED = False
    story = story_in(code, body="<p>" + "Words. " * 40 + "</p>")
    page.goto(live_server.url + story.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == code
    page.get_by_role("button", name=label).click()
    status = page.locator("[data-text-size-status]")
    assert status.text_content() == announced


@pytest.mark.parametrize("code", ["ckb", "ar"])
@pytest.mark.parametrize("path", ["/", "article", "/search/?q=zzzz", "/news/no-such-story/"])
def test_translated_pages_have_no_axe_violations(live_server, browser, settings, code, path):
    """Translated labels keep every control's accessible name with its
    visible label (WCAG 2.5.3), and nothing else breaks."""
    settings.PAGECACHE_ENABLED = False
    story = story_in(code, body="<p>Words.</p>", tags=["Water"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Each page at the edition's address (/ckb/..., /ar/...), in its language.
    address = story.get_absolute_url() if path == "article" else f"/{code}{path}"
    page.goto(live_server.url + address)
    assert page.locator("html").get_attribute("lang") == code
    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}
    )
    context.close()
    assert results.violations_count == 0, results.generate_report()
