"""A journalist files a story in the admin, an editor schedules it, and readers
see it at its time and not before."""

import re
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article
from images.models import Image
from tests.editorial.helpers import member
from tests.factories import make_article, make_author, make_section, png_bytes

PASSWORD = "pw-for-tests-1"


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")
    assert page.url.rstrip("/").endswith("/admin"), page.url


@pytest.mark.django_db(transaction=True)
def test_journalist_files_editor_schedules_readers_see_it_at_its_time(live_server, browser, page):
    journalist = member("Journalists", "jo", password=PASSWORD)
    make_author("Jo Reporter", user=journalist)
    member("Editors", "ed", password=PASSWORD)
    make_section("City")
    picture = Image.objects.create(
        file=SimpleUploadedFile("bus.jpg", png_bytes(800, 500, fmt="JPEG")),
        title="Night bus at the depot",
        alt_text="A night bus waits at the depot",
        credit="Photo: Newsroom",
    )
    base = live_server.url

    # The journalist writes a story and submits it for review.
    log_in(page, base, "jo")
    page.goto(f"{base}/admin/articles/article/add/")
    options = page.locator("#id_status option").all_inner_texts()
    assert options == ["Draft", "In review"]  # no way to publish
    assert page.locator("#id_publish_at_0").count() == 0
    page.fill("#id_headline", "Night buses return to the old town")
    page.fill("#id_standfirst", "Three routes restart on Monday after a year-long pause.")
    page.fill("#id_dateline", "OLD TOWN")
    # The body, written in the rich-text editor, with a picture from the library.
    body = page.locator(".body-editor__content")
    body.click()
    page.keyboard.type("The council confirmed the timetable on ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Friday")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    page.keyboard.press("Enter")
    page.click(".prose-menubar button[aria-label='Image from the library']")
    picker = page.get_by_role("dialog", name="Insert an image from the library")
    picker.get_by_role("button", name=re.compile("Night bus at the depot")).click()
    page.locator(".body-editor figure.inline-image img").wait_for()
    page.select_option("#id_section", label="City")
    # Review needs a lead image (a draft would not): chosen from the library.
    page.click(".field-lead_image .select2-selection")
    page.keyboard.type("Night bus")
    page.locator(".select2-results__option", has_text="Night bus at the depot").click()
    assert "Jo Reporter" in page.locator("#id_bylines-0-author").inner_text()
    page.select_option("#id_status", "review")
    page.fill("#id_transition_note", "Ready for the desk")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    article = Article.objects.get(headline="Night buses return to the old town")
    assert article.status == Article.Status.REVIEW and article.created_by == journalist
    page.context.clear_cookies()

    # The editor finds it waiting for review and schedules it a few seconds ahead.
    log_in(page, base, "ed")
    queue = page.locator("#review-queue")
    assert "Waiting for review (1)" in queue.inner_text()
    queue.get_by_role("link", name="Night buses return to the old town").click()
    page.wait_for_selector("#id_status")
    assert "Ready for the desk" in page.locator("body").inner_text()  # the history
    at = timezone.localtime() + timedelta(seconds=12)
    page.fill("#id_publish_at_0", at.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", at.strftime("%H:%M:%S"))
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at.replace(microsecond=0) == at.replace(microsecond=0)
    assert "Scheduled for" in page.locator("#result_list").inner_text()

    # A reader: nothing before its time, the story once it comes.
    reader = browser.new_context()
    reader_page = reader.new_page()
    url = f"{base}{article.get_absolute_url()}"
    response = reader_page.goto(url)
    assert timezone.now() < article.publish_at, "the test machine was too slow to check 'before'"
    assert response.status == 404
    assert "Night buses" not in reader_page.content()
    deadline = time.monotonic() + 40
    while True:
        response = reader_page.goto(url)
        if response.status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert response.status == 200
    assert timezone.now() >= article.publish_at
    assert reader_page.locator("h1").inner_text() == "Night buses return to the old town"
    assert re.search("OLD TOWN", reader_page.locator(".article__text").inner_text())
    assert reader_page.locator(".article__body strong").inner_text() == "Friday"
    img = reader_page.locator(".article__body figure.inline-image picture img")
    assert img.get_attribute("alt") == picture.alt_text
    assert "/media/images/renditions/" in img.get_attribute("srcset")
    reader.close()


@pytest.fixture
def editorial_pages(db):
    from editorial import services

    editor = member("Editors", "ed", password=PASSWORD)
    section = make_section("City")
    live = make_article(headline="Flood barriers raised", section=section)
    services.append_correction(
        live, by=editor, kind="correction", text="An earlier version gave the wrong river."
    )
    services.append_correction(live, by=editor, kind="update", text="The barriers held overnight.")
    services.mark_breaking(live, by=editor, until=timezone.now() + timedelta(hours=1))
    draft = make_article(headline="Draft about the budget", section=section, status="draft")
    link = services.create_share_link(draft, by=editor)
    gone = services.create_share_link(draft, by=editor)
    services.revoke_share_link(gone, by=editor)
    return {
        "article": live.get_absolute_url(),
        "preview": link.get_absolute_url(),
        "gone": gone.get_absolute_url(),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["article", "preview", "gone"])
def test_editorial_reader_pages_have_no_axe_violations(live_server, page, editorial_pages, name):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server.url + editorial_pages[name])
    assert page.locator(".breaking").count() == 1  # the banner is on every page
    if name == "article":
        assert page.locator(".corrections__item").count() == 2
    if name == "preview":
        assert page.locator(".preview-banner").is_visible()
    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]}
    )
    assert results.violations_count == 0, results.generate_report()
