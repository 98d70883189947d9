"""A right-to-left edition's article page in a real browser: Sorani under
/ckb/, with <html dir="rtl"> from the server (not set by the test)."""

from datetime import timedelta

import pytest

from tests.browser.test_phone import axe_violations, open_page
from tests.factories import make_article, make_author, make_image, make_section

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PARAGRAPH = (
    "ئەنجومەنی پارێزگا ڕۆژی سێشەممە کۆبووەوە بۆ ڕێککەوتن لەسەر خشتەی چاککردنەوەکان، "
    "و بە دانیشتووانی گەڕەکی کۆن ڕاگەیەندرا کە کارەکە پێش بارانەکان دەست پێدەکات. "
)


@pytest.fixture
def sorani_story():
    english = make_article(headline="New buses start running in Erbil", slug="new-buses")
    section = make_section("شارەکان", slug="شارەکان", edition_id="ckb")
    authors = [
        make_author("هانا کەریم", slug="hana-ckb", edition_id="ckb", social_handle="@hana_k"),
    ]
    stories = [
        make_article(
            headline=f"پاسی نوێ لە هەولێر دەست بە کار دەکەن ({n})",
            standfirst="بیست پاسی نوێ لە سەرەتای مانگەوە لە شەقامەکانی شار دەبن.",
            dateline="هەولێر",
            body="".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(6)),
            section=section,
            authors=authors,
            tags=["هەولێر"],
            lead_image=make_image(),
            edition_id="ckb",
            translation_of=english if n == 0 else None,
            ago=timedelta(hours=n + 1),
        )
        for n in range(6)
    ]
    return stories[0]


def test_rtl_article_page_text_size_layout_overflow_and_axe(live_server, browser, sorani_story):
    url = live_server.url + sorani_story.get_absolute_url()
    assert "/ckb/" in url

    # Desktop: the server says rtl; The Latest sits on the left of the story.
    page = open_page(browser, url, "desktop")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ckb"
    latest = page.locator(".article-layout__aside").bounding_box()
    story = page.locator("article.article").bounding_box()
    assert latest["x"] + latest["width"] <= story["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    # A+/A- work the same way, and the choice is remembered.
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    start = page.eval_on_selector(".article__body p", size)
    page.get_by_role("button", name="A+").click()
    grown = page.eval_on_selector(".article__body p", size)
    assert grown > start
    page.reload()
    assert page.eval_on_selector(".article__body p", size) == grown
    page.get_by_role("button", name="A-").click()
    assert page.eval_on_selector(".article__body p", size) == start

    # The switcher goes to the English translation.
    english = page.get_by_role("link", name="English", exact=True)
    assert english.get_attribute("href") == "/news/new-buses/"
    count, report = axe_violations(page)
    page.context.close()
    assert count == 0, report

    # A 375 px phone: nothing wider than the screen, menu open or shut.
    page = open_page(browser, url, "phone")
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator("summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    count, report = axe_violations(page)
    page.context.close()
    assert count == 0, report
