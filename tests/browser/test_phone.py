"""The reader's phone, and the desktop beside it: a masthead that leaves room
for the news, the section strip, dark mode, sharing, right-to-left editions
and print, in a real browser at 390x844 and 1366x900."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

WORDS = (
    "The council met on Tuesday to agree the timetable for the repairs, and residents "
    "of the old quarter were told the work would start before the rains. "
)


@pytest.fixture
def site():
    """A front page and an article as a busy morning has them: a breaking
    banner, lead images, long headlines, a byline of two."""
    sections = [
        make_section(name, slug=name.lower().replace(" ", "-"))
        for name in ("Kurdistan", "Iraq", "Middle East", "World", "Business", "Culture", "Sport")
    ]
    authors = [make_author("Hana Rostami", social_handle="@hrostami"), make_author("Karim Aziz")]
    stories = [
        make_article(
            headline=f"Flash-flood warning for Duhok and Zakho as heavy rain moves in ({n})",
            standfirst="Forecasters expect up to 60 millimetres of rain by Wednesday morning. "
            "Residents near riverbeds are asked to move cars and keep children away.",
            dateline="DUHOK, Kurdistan Region",
            body="".join(f"<p>{WORDS * 2}</p>" for _ in range(6)),
            section=sections[n % 3],
            authors=authors,
            tags=["Weather", "Duhok"],
            lead_image=make_image(),
            ago=timedelta(hours=n + 1),
        )
        for n in range(8)
    ]
    story = stories[0]
    story.breaking_until = timezone.now() + timedelta(hours=3)
    story.save()
    return story


def open_page(browser, url, size="phone", **options):
    context = browser.new_context(viewport=SIZES[size], **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url)
    return page


def bottom(page, selector):
    return page.eval_on_selector(selector, "el => el.getBoundingClientRect().bottom")


def axe_violations(page):
    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}
    )
    return results.violations_count, results.generate_report()


# --- The first screen -------------------------------------------------------------


def test_on_a_phone_the_masthead_is_a_bar_and_a_strip(live_server, browser, site):
    page = open_page(browser, live_server.url + site.get_absolute_url())
    bar = page.eval_on_selector(".masthead__bar", "el => el.getBoundingClientRect().height")
    strip = page.eval_on_selector(".sections-nav", "el => el.getBoundingClientRect().height")
    assert bar <= 64, bar
    assert strip <= 48, strip  # one line of sections
    assert page.get_by_role("button", name="Dark mode").is_visible()
    assert page.locator("summary", has_text="Menu").is_visible()
    page.context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_lead_headline_is_on_the_front_pages_first_screen(live_server, browser, site, size):
    page = open_page(browser, live_server.url + "/", size)
    assert bottom(page, ".top-story__headline") <= SIZES[size]["height"]
    page.context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_headline_date_and_byline_are_on_the_articles_first_screen(
    live_server, browser, site, size
):
    page = open_page(browser, live_server.url + site.get_absolute_url(), size)
    for selector in ("h1", "time.article__published", ".article__byline"):
        assert bottom(page, selector) <= SIZES[size]["height"], selector
    page.context.close()


def test_the_section_strip_scrolls_sideways_and_the_page_does_not(live_server, browser, site):
    page = open_page(browser, live_server.url + site.get_absolute_url())
    strip = page.locator("nav.sections-nav ul")
    width, scrollable = strip.evaluate("ul => [ul.clientWidth, ul.scrollWidth]")
    assert scrollable > width  # more sections than fit: they scroll
    # The reader's swipe, and the keyboard's way: focusing the last section.
    strip.evaluate("ul => { ul.scrollLeft = 120; }")
    assert strip.evaluate("ul => ul.scrollLeft") > 0
    page.get_by_role("link", name="Culture").last.focus()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("window.scrollX") == 0
    page.mouse.wheel(300, 0)
    assert page.evaluate("window.scrollX") == 0
    page.context.close()


RIGHT_TO_LEFT = """document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") document.documentElement.dir = "rtl";
});"""  # before the deferred scripts run, as an edition's <html dir="rtl"> would be


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_the_strip_shows_the_readers_section_however_far_along(
    live_server, browser, site, direction
):
    context = browser.new_context(viewport=PHONE)
    if direction == "rtl":
        context.add_init_script(RIGHT_TO_LEFT)
    page = context.new_page()
    page.goto(live_server.url + "/section/sport/")  # the last of seven
    current = page.locator("nav.sections-nav [aria-current]")
    assert current.text_content() == "Sport"
    box = current.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("window.scrollX") == 0
    context.close()


def test_the_menu_opens_without_javascript_and_traps_nobody(live_server, browser, site):
    page = open_page(browser, live_server.url + "/", java_script_enabled=False)
    search = page.get_by_label("Search stories")
    assert not search.is_visible()
    menu = page.locator("summary", has_text="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    assert search.is_visible()
    # Tab moves on from the menu to what it opened, then on through the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "q"
    for _ in range(30):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('header')") is None
    page.fill("input[name=q]", "flood")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=flood")
    page.context.close()


def test_escape_closes_the_menu_and_returns_to_its_button(live_server, browser, site):
    page = open_page(browser, live_server.url + "/")
    page.locator("summary", has_text="Menu").click()
    page.get_by_label("Search stories").focus()
    page.keyboard.press("Escape")
    assert not page.get_by_label("Search stories").is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.context.close()


# --- Dark mode ----------------------------------------------------------------------


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def is_dark(color):
    red, green, blue = (int(part) for part in re.findall(r"\d+", color)[:3])
    return red + green + blue < 150


def test_dark_mode_follows_the_system_setting(live_server, browser, site):
    page = open_page(browser, live_server.url + site.get_absolute_url(), color_scheme="dark")
    switch = page.get_by_role("button", name="Dark mode")
    assert is_dark(background(page))
    expect(switch).to_have_attribute("aria-pressed", "true")
    page.emulate_media(color_scheme="light")
    assert not is_dark(background(page))
    # The switch follows on the media query's change event: waited for, not raced.
    expect(switch).to_have_attribute("aria-pressed", "false")
    page.context.close()


def test_the_switch_turns_dark_mode_on_and_off_and_is_remembered(live_server, browser, site):
    page = open_page(browser, live_server.url + "/", color_scheme="light")
    switch = page.get_by_role("button", name="Dark mode")
    assert not is_dark(background(page))
    switch.click()
    assert is_dark(background(page))
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('newsroom:theme')") == "dark"

    # Another page, and a later visit: applied before first paint, by the
    # inline script alone (the switch's own script blocked).
    page.route("**/reader*.js", lambda route: route.abort())
    page.goto(live_server.url + site.get_absolute_url())
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert is_dark(background(page))
    page.unroute("**/reader*.js")

    # Chosen against the system's setting too: off in a dark system.
    page.emulate_media(color_scheme="dark")
    page.reload()
    page.get_by_role("button", name="Dark mode").click()
    assert not is_dark(background(page))
    assert page.evaluate("localStorage.getItem('newsroom:theme')") == "light"
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "article", "/latest/", "page"])
def test_no_axe_violations_in_either_scheme(live_server, browser, site, scheme, path):
    from pages.models import Page

    about = Page.objects.create(title="About us", body="<p>Who we are.</p>", published=True)
    url = {"article": site.get_absolute_url(), "page": about.get_absolute_url()}.get(path, path)
    for size in ("phone", "desktop"):
        page = open_page(browser, live_server.url + url, size, color_scheme=scheme)
        if size == "phone":
            page.locator("summary", has_text="Menu").click()  # the open menu too
        count, report = axe_violations(page)
        page.context.close()
        assert count == 0, f"{size}: {report}"


# --- Sharing --------------------------------------------------------------------------


def test_share_links_without_a_share_sheet(live_server, browser, site):
    page = open_page(browser, live_server.url + site.get_absolute_url())
    assert not page.get_by_role("button", name="Share").is_visible()
    for name in ("E-mail", "X", "Facebook", "WhatsApp", "Telegram"):
        assert page.get_by_role("link", name=name, exact=True).is_visible()
    page.context.close()


def test_the_browsers_share_sheet_where_there_is_one(live_server, browser, site):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(live_server.url + site.get_absolute_url())
    assert not page.get_by_role("link", name="Facebook").is_visible()
    page.get_by_role("button", name="Share").click()
    shared = page.evaluate("window.__shared")
    assert shared["title"] == site.headline
    assert shared["url"].endswith(site.get_absolute_url())
    context.close()


# --- Right to left ----------------------------------------------------------------------


def test_a_right_to_left_edition_mirrors_without_overflowing(live_server, browser, site):
    url = live_server.url + site.get_absolute_url()
    page = open_page(browser, url, "phone")
    page.set_viewport_size({"width": 375, "height": 812})
    page.evaluate("document.documentElement.dir = 'rtl'")
    page.locator("summary", has_text="Menu").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator("summary", has_text="Menu").click()
    # The name at the start (the right), the menu at the end (the left).
    name = page.locator(".masthead__name").bounding_box()
    menu = page.locator("summary", has_text="Menu").bounding_box()
    assert menu["x"] < name["x"]
    page.context.close()

    page = open_page(browser, url, "desktop")
    page.evaluate("document.documentElement.dir = 'rtl'")
    latest = page.locator(".article-layout__aside").bounding_box()
    story = page.locator("article.article").bounding_box()
    assert latest["x"] + latest["width"] <= story["x"]  # The Latest on the left
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    page.context.close()


# --- Print ------------------------------------------------------------------------------


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_a_short_story_prints_on_one_page_with_its_address_and_date(live_server, browser, site):
    words = "The ministry said the new clinic would open in spring. " * 4  # 40 words
    story = make_article(
        headline="Rural clinic to open in spring after years of delay",
        standfirst="Villagers have waited six years for a doctor of their own.",
        dateline="KOYA, Kurdistan Region",
        body="".join(f"<p>{words}</p>" for _ in range(10)),  # about 400 words
        lead_image=make_image(),
        section=site.section,
        tags=["Health"],
    )
    page = open_page(browser, live_server.url + story.get_absolute_url(), "desktop")
    page.emulate_media(media="print")
    for hidden in (".breaking", ".sections-nav", ".share", ".comments", ".the-latest", "form"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".article__address").is_visible()
    assert page.locator(".article__address").text_content().endswith(story.get_absolute_url())
    assert page.locator("time.article__published").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1
    page.context.close()
