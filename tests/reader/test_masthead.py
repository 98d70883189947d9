"""The masthead every reader page shares: the site's name, a menu that opens
without JavaScript, the sections with the reader's own marked; the footer."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def story():
    make_section("World", slug="world")
    return make_article(section=make_section("Kurdistan", slug="kurdistan"))


def strip(page):
    return page.select("nav.sections-nav a")


def test_the_strip_lists_the_latest_and_every_section(client, story):
    page = soup(client, "/")
    # In the sections' order (World was made first).
    assert [a.text for a in strip(page)] == ["The Latest", "World", "Kurdistan"]
    assert not page.select("nav.sections-nav [aria-current]")  # the front page has no link


@pytest.mark.parametrize(
    "url, marked, kind",
    [
        ("/section/kurdistan/", "Kurdistan", "page"),
        ("/latest/", "The Latest", "page"),
        ("article", "Kurdistan", "true"),  # a story is in its section, not its page
    ],
)
def test_the_readers_section_is_marked(client, story, url, marked, kind):
    page = soup(client, story.get_absolute_url() if url == "article" else url)
    current = page.select("nav.sections-nav [aria-current]")
    assert [(a.text, a["aria-current"]) for a in current] == [(marked, kind)]
    # The masthead is built once per process and variant: the next page
    # marks its own link, not the last one's.
    assert not soup(client, "/").select("nav.sections-nav [aria-current]")


def test_the_menu_opens_without_javascript_and_holds_search_and_sections(client, story):
    page = soup(client, "/")
    menu = page.select_one("header.masthead details.masthead__menu")
    assert menu.summary.get_text(strip=True) == "Menu"
    panel = menu.find_next_sibling(class_="masthead__panel")
    assert panel.select_one('form[role="search"] input[name="q"]')
    assert [a.text for a in panel.select("nav a")] == [a.text for a in strip(page)]
    # Landmarks: one banner, named navigations, one main, one footer.
    assert len(page.select("header.masthead")) == 1
    names = [nav["aria-label"] for nav in page.select("nav")]
    assert len(names) == len(set(names)), names


def test_the_dark_mode_switch_is_a_toggle_button_named_by_its_label(client, story):
    button = soup(client, "/").select_one("[data-theme-switch]")
    assert button.name == "button" and button["type"] == "button"
    assert button["aria-pressed"] == "false"
    assert button.get_text(strip=True) == "Dark mode"
