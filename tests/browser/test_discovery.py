"""Structured data and sharing meta in a real browser: no CSP violations."""

import json

import pytest

from tests.factories import make_article, make_author, make_image, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def _watch_console(page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


def test_article_json_ld_is_read_without_csp_violations(page, live_server, settings):
    settings.SITE_URL = live_server.url
    article = make_article(
        headline="</script><script>window.pwned=1</script> Ceasefire holds",
        section=make_section("World", slug="world"),
        authors=[make_author("Holly Johnston")],
        tags=["Iraq"],
        lead_image=make_image(),
        dateline="ERBIL",
    )
    messages = _watch_console(page)
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("load")

    assert not [m for m in messages if "Content Security Policy" in m or "CSP" in m], messages
    assert page.evaluate("window.pwned") is None
    scripts = page.locator('script[type="application/ld+json"]').all_text_contents()
    data = [json.loads(text) for text in scripts]
    assert data[0]["@type"] == "NewsArticle"
    assert data[0]["headline"] == article.headline
    assert page.locator('meta[property="og:title"]').get_attribute("content") == article.headline


def test_search_from_the_masthead(page, live_server):
    make_article(headline="Lighthouse keeper retires", section=make_section())
    messages = _watch_console(page)
    page.goto(live_server.url + "/")
    page.get_by_label("Search stories").fill("lighthouse")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=lighthouse")
    result = page.locator(".search-result h3 mark")
    assert result.first.text_content() == "Lighthouse"
    assert not [m for m in messages if "Content Security Policy" in m], messages
