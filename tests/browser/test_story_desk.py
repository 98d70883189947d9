"""The story form keeps a journalist's words: autosave recovered after the tab
is closed, a warning before leaving unsaved changes, and no silent overwrite
of a version someone saved in between."""

import pytest

from articles.models import Article
from tests.browser.test_admin_pages import logged_in, serious_violations
from tests.editorial.helpers import member
from tests.factories import make_article, make_author, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def journalist():
    user = member("Journalists", "desk-jo")
    make_author("Jo Reporter", user=user)
    make_section("City")
    return user


def test_autosave_recovers_typed_text_after_the_tab_is_closed(live_server, browser, journalist):
    context, page = logged_in(browser, live_server, journalist)
    add = f"{live_server.url}/admin/articles/article/add/"
    page.goto(add)
    page.fill("#id_headline", "Ferry strike ends after talks")
    page.fill("#id_standfirst", "Crews return on Thursday.")
    page.wait_for_selector("#story-autosave-status:has-text('Autosaved at')", timeout=15_000)
    page.close(run_before_unload=False)  # the tab is closed, nothing saved
    assert not Article.objects.exists()

    page = context.new_page()
    page.goto(add)
    offer = page.get_by_role("region", name="Autosaved text")
    assert "not saved with the story" in offer.inner_text()
    assert serious_violations(page) == []
    offer.get_by_role("link", name="Restore the autosaved text").click()
    assert page.input_value("#id_headline") == "Ferry strike ends after talks"
    assert page.input_value("#id_standfirst") == "Crews return on Thursday."
    # Saved as a draft: the autosave is gone, and it was never a story by itself.
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert Article.objects.get().headline == "Ferry strike ends after talks"
    page.goto(add)
    assert page.get_by_role("region", name="Autosaved text").count() == 0
    context.close()


def test_leaving_a_changed_form_asks_first(live_server, browser, journalist):
    context, page = logged_in(browser, live_server, journalist)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.click("#id_headline")
    page.keyboard.type("Bridge closes for repairs")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.evaluate("() => { window.location.href = '/admin/' }")
    page.wait_for_timeout(1000)
    assert dialogs == ["beforeunload"]
    assert page.input_value("#id_headline") == "Bridge closes for repairs"
    context.close()


def test_saving_over_a_newer_version_is_refused_with_a_comparison(live_server, browser):
    editor = member("Editors", "desk-ed")
    other = member("Editors", "desk-ed2")
    story = make_article(headline="Council meets", status=Article.Status.DRAFT)
    context, page = logged_in(browser, live_server, editor)
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    page.goto(url)
    page.fill("#id_headline", "Council meets on Tuesday")

    # Meanwhile another editor saves the story.
    other_context, other_page = logged_in(browser, live_server, other)
    other_page.goto(url)
    other_page.fill("#id_standfirst", "A new standfirst from the other editor.")
    other_page.click("input[name=_continue]")
    other_page.wait_for_selector(".messagelist")
    other_context.close()

    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    assert "saved this story at" in page.locator(
        ".errornote, .errorlist.nonfield"
    ).first.inner_text() or ("saved this story at" in page.content())
    comparison = page.get_by_role("region", name="What differs from the version")
    text = comparison.inner_text()
    assert "A new standfirst from the other editor." in text and "Council meets on Tuesday" in text
    story.refresh_from_db()
    assert story.headline == "Council meets"  # nothing overwritten
    # Merged by hand (their standfirst kept), the second save goes through.
    page.fill("#id_standfirst", "A new standfirst from the other editor.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    story.refresh_from_db()
    assert story.headline == "Council meets on Tuesday"
    assert story.standfirst == "A new standfirst from the other editor."
    context.close()


def test_counts_length_hints_and_previews_follow_the_typing(live_server, browser, journalist):
    context, page = logged_in(browser, live_server, journalist)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    headline = "A headline that runs on well past the sixty characters a search result shows"
    page.fill("#id_headline", headline)
    page.fill("#id_standfirst", "Crews return on Thursday.")
    meter = page.locator("#headline-meter")
    assert f"{len(headline)} characters: {len(headline) - 60} over" in meter.inner_text()
    assert "story-meter--over" in meter.get_attribute("class")
    assert "#headline-meter" in "#" + page.get_attribute("#id_headline", "aria-describedby")
    search = page.get_by_role("region", name="Search result preview")
    assert search.locator(".story-preview__title").inner_text().endswith("…")
    assert "Crews return on Thursday." in search.inner_text()
    card = page.get_by_role("region", name="Social card preview")
    assert "Crews return on Thursday." in card.inner_text()
    body = page.locator(".body-editor__content")
    body.click()
    page.keyboard.type("One two three four five.")
    assert page.locator("#body-meter").inner_text() == "5 words, about 1 min read."
    assert serious_violations(page) == []
    context.close()


def test_the_unsaved_form_opens_beside_it_as_readers_will_see_it(live_server, browser, journalist):
    context, page = logged_in(browser, live_server, journalist)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Harbour ferry returns")
    page.fill("#id_standfirst", "Crossings resume at dawn.")
    with context.expect_page() as opened:
        page.get_by_role("button", name="Preview unsaved changes").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "Harbour ferry returns"
    assert "Crossings resume at dawn." in preview.locator(".article__standfirst").inner_text()
    # The form stays as it was, unsaved, still guarded by the leave-page warning.
    assert page.input_value("#id_headline") == "Harbour ferry returns"
    assert not Article.objects.exists()
    context.close()
