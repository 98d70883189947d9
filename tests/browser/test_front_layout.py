"""The front page's section blocks: cards in a row line up their headlines."""

from datetime import timedelta

import pytest

from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINES = [
    "Short one",
    "A much longer headline that wraps over two or even three lines in its card",
    "Mid-length headline here",
    "Another",
]

MEASURE = """section => [...section.querySelectorAll('.card')].map(card => ({
    cardTop: card.getBoundingClientRect().top,
    headlineTop: card.querySelector('.card__headline').getBoundingClientRect().top,
}))"""


def front_page_with_sections():
    # The thirteen newest stories fill the top story and The Latest; the
    # sections show the stories after them.
    news = make_section("News")
    for minutes in range(13):
        make_article(section=news, ago=timedelta(minutes=minutes))
    mixed, plain = make_section("Culture"), make_section("Sport")
    for n, headline in enumerate(HEADLINES):
        make_article(
            section=mixed,
            headline=headline,
            ago=timedelta(days=1, minutes=n),
            lead_image=make_image() if n in (1, 2) else None,
        )
        make_article(
            section=plain, headline=f"{headline} (sport)", ago=timedelta(days=2, minutes=n)
        )


def rows(cards):
    """The cards grouped into the rows they sit in."""
    by_top = {}
    for card in cards:
        by_top.setdefault(round(card["cardTop"]), []).append(card)
    return list(by_top.values())


@pytest.mark.parametrize("width", [1280, 700])
def test_headlines_in_a_row_of_section_cards_start_at_one_height(live_server, browser, width):
    front_page_with_sections()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/")
    culture = page.locator("section.front__section", has_text="Culture")
    found = rows(culture.evaluate(MEASURE))
    assert sum(len(row) for row in found) == 4
    assert len(found) == (1 if width == 1280 else 2)
    for row in found:
        tops = [card["headlineTop"] for card in row]
        assert max(tops) - min(tops) <= 1, tops

    # A row without images wastes no space above its headlines.
    sport = page.locator("section.front__section", has_text="Sport")
    heading_bottom = sport.locator("h2").evaluate("h => h.getBoundingClientRect().bottom")
    first_row = rows(sport.evaluate(MEASURE))[0]
    assert all(card["headlineTop"] - heading_bottom < 24 for card in first_row), first_row
    context.close()
