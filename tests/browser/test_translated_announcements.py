"""What the page says out loud comes in the page's language too: A+/A-
announce the new text size from the translated labels the template gives
textsize.js."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


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
    # The live server's thread has no edition to activate a language: the
    # site's default stands in for it here.
    settings.LANGUAGE_CODE = code
    settings.PAGECACHE_ENABLED = False
    story = make_article(headline="Story", body="<p>" + "Words. " * 40 + "</p>")
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("button", name=label).click()
    status = page.locator("[data-text-size-status]")
    assert status.text_content() == announced
