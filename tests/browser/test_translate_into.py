"""Translate into … in a browser: an editor makes a Sorani draft of an
English story from the missing-translations list; it opens linked, its
body editor writing right to left; the story form turns direction with its
edition. The pages pass axe."""

import pytest

from articles.models import Article
from tests.browser.test_admin_pages import logged_in, serious_violations
from tests.editorial.helpers import member
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_translate_into_makes_a_linked_draft_written_right_to_left(live_server, browser):
    editor = member("Editors", "ed")
    make_author("Ed Itor", user=editor)
    original = make_article(headline="Dam levels fall", section=make_section("City"))
    make_section("هەواڵ", edition_id="ckb")
    make_author("ڕێباز", edition_id="ckb")
    context, page = logged_in(browser, live_server, editor)
    try:
        page.goto(f"{live_server.url}/admin/articles/article/translations/")
        assert serious_violations(page) == []
        page.get_by_role("button", name="Translate “Dam levels fall” into Sorani Kurdish").click()
        page.wait_for_selector(".body-editor[data-ready=true]")
        assert "draft is ready" in page.locator(".messagelist").inner_text()
        draft = Article.objects.get(translation_of=original)
        assert draft.edition_id == "ckb" and draft.status == Article.Status.DRAFT
        assert page.url.endswith(f"/admin/articles/article/{draft.pk}/change/")
        body = page.locator(".body-editor__content")
        assert body.get_attribute("dir") == "rtl" and body.get_attribute("lang") == "ckb"
        assert page.locator("#id_headline").get_attribute("dir") == "rtl"
        # The translator replaces the text and saves: the link holds.
        page.fill("#id_headline", "ئاستی بەنداو دادەبەزێت")
        body.click()
        page.keyboard.press("Control+a")
        page.keyboard.type("ئاستی ئاو دیسان دابەزی.")
        assert serious_violations(page) == []
        # The byline offers the edition's authors only.
        page.locator("#bylines-0 .select2-selection").click()
        options = page.locator(".select2-results__option:not(.loading-results)")
        options.first.wait_for()
        assert options.all_inner_texts() == ["ڕێباز"]
        options.first.click()
        page.locator("input[name=_continue]").first.click()
        page.wait_for_selector(".messagelist")
        assert page.locator(".errornote").count() == 0
        draft.refresh_from_db()
        assert draft.translation_of == original
        # The group's page, and the admin language page, pass axe too.
        page.goto(f"{live_server.url}/admin/articles/article/{original.pk}/translate/")
        assert "ئاستی بەنداو دادەبەزێت" in page.locator(".translation-group").inner_text()
        assert serious_violations(page) == []
        page.goto(f"{live_server.url}/admin/language/")
        page.get_by_label("کوردی (Sorani Kurdish)").check()
        page.get_by_role("button", name="Save").click()
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert serious_violations(page) == []
    finally:
        context.close()


def test_the_story_form_follows_its_edition(live_server, browser):
    editor = member("Editors", "ed")
    make_author("Ed Itor", user=editor)
    make_section("City")
    make_section("أخبار", edition_id="ar")
    context, page = logged_in(browser, live_server, editor)
    try:
        page.goto(f"{live_server.url}/admin/articles/article/add/")
        page.wait_for_selector(".body-editor[data-ready=true]")
        section = page.locator("#id_section option:not([hidden])")
        assert "City" in " ".join(section.all_inner_texts())
        page.select_option("#id_edition", "ar")
        body = page.locator(".body-editor__content")
        assert body.get_attribute("dir") == "rtl" and body.get_attribute("lang") == "ar"
        texts = " ".join(section.all_inner_texts())
        assert "أخبار" in texts and "City" not in texts
        author_box = page.locator("#id_bylines-0-author")
        assert "edition=ar" in author_box.get_attribute("data-ajax--url")
        page.select_option("#id_edition", "en")
        assert body.get_attribute("dir") == "ltr"
    finally:
        context.close()
