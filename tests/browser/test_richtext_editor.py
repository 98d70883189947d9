"""The body editor in the admin: a journalist writes with it, under our CSP."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from images.models import Image
from tests.factories import make_author, make_section, make_user, png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

# Collects CSP violations the page reports (an init script is not subject to
# the page's policy, so it can listen before anything else runs).
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def watch(page):
    problems = []
    page.add_init_script(WATCH_CSP)
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def csp_violations(page, problems):
    return problems + page.evaluate("window.__csp || []")


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def test_journalist_writes_rich_body_with_library_image(page, live_server):
    user = make_user(superuser=True)
    section = make_section("World")
    author = make_author("Hana Yousef")
    image = Image.objects.create(
        file=SimpleUploadedFile(
            "harbour.jpg", png_bytes(1400, 900, fmt="JPEG"), content_type="image/jpeg"
        ),
        title="Harbour at dawn",
        alt_text="Fishing boats moored in a harbour at dawn",
        caption="The harbour before the storm.",
        credit="Photo: Newsroom",
    )
    problems = watch(page)
    log_in(page, live_server, user)

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    editor = page.locator(".body-editor__content")
    editor.wait_for()
    page.fill("#id_headline", "Storm reaches the coast")
    page.fill("#id_standfirst", "Fishermen brought their boats in early.")
    page.select_option("#id_section", str(section.pk))
    page.select_option("#id_status", "published")
    # The byline's author field is a select2 autocomplete: give it its option.
    page.evaluate(
        """([id, name]) => {
            const select = document.querySelector('#id_bylines-0-author');
            select.add(new Option(name, id, true, true));
            select.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        [str(author.pk), author.name],
    )
    # Publication needs a lead image (Article.missing_for_review): the same picture.
    page.evaluate(
        """([id, name]) => {
            const select = document.querySelector('#id_lead_image');
            select.add(new Option(name, id, true, true));
            select.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        [str(image.pk), image.title],
    )

    editor.click()
    page.keyboard.type("## What happened")
    page.keyboard.press("Enter")
    page.keyboard.type("The wind rose to ")
    page.keyboard.press("Control+b")
    page.keyboard.type("120 km/h")
    page.keyboard.press("Control+b")
    page.keyboard.type(" before noon.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Ferries cancelled")
    page.keyboard.press("Enter")
    page.keyboard.type("Schools closed")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.click(".prose-menubar button[aria-label='blockquote']")
    page.keyboard.type("We have never seen ")
    page.keyboard.press("Control+i")
    page.keyboard.type("anything")
    page.keyboard.press("Control+i")
    page.keyboard.type(" like it.")
    page.keyboard.press("Enter")
    page.click(".prose-menubar button[aria-label='blockquote']")  # out of the quote
    # A link: the editor turns a typed address into one.
    page.keyboard.type("Read the forecast at https://weather.example/forecast ")
    page.locator(".body-editor__content a[href='https://weather.example/forecast']").wait_for()
    page.keyboard.press("Enter")

    page.click(".prose-menubar button[aria-label='Image from the library']")
    picker = page.get_by_role("dialog", name="Insert an image from the library")
    picker.get_by_label("Search the library").fill("harbour")
    picker.get_by_role("button", name=re.compile("Harbour at dawn")).click()
    expect_figure = page.locator(".body-editor figure.inline-image img")
    expect_figure.wait_for()
    assert page.locator(".body-editor__content a").count() == 1

    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))

    article = Article.objects.get(headline="Storm reaches the coast")
    body = BeautifulSoup(article.body, "html.parser")
    assert body.find("h2").get_text() == "What happened"
    assert body.find("strong").get_text() == "120 km/h"
    assert [li.get_text() for li in body.select("ul > li")] == [
        "Ferries cancelled",
        "Schools closed",
    ]
    quote = body.find("blockquote")
    assert quote.get_text() == "We have never seen anything like it."
    assert quote.find("em").get_text() == "anything"
    assert "forecast" not in quote.get_text()
    link = body.find("a")
    assert link["href"] == "https://weather.example/forecast"
    assert link.get_text() == "https://weather.example/forecast"
    figure = body.select_one(f"figure.inline-image[data-image-id='{image.pk}']")
    assert figure is not None
    assert figure.select_one("picture source[type='image/webp']")["srcset"]

    # The reader's page shows it all, the image in its renditions.
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    story = page.locator(".article__body")
    assert story.locator("h2").inner_text() == "What happened"
    assert story.locator("strong").inner_text() == "120 km/h"
    assert story.locator("ul li").count() == 2
    assert story.locator("blockquote em").inner_text() == "anything"
    assert story.locator("a[href='https://weather.example/forecast']").count() == 1
    img = story.locator("figure.inline-image picture img")
    assert img.get_attribute("alt") == image.alt_text
    assert "Photo: Newsroom" in story.locator("figure.inline-image figcaption").inner_text()
    img.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.article__body figure.inline-image img').complete"
    )
    # The browser picked a WebP rendition and it loaded from our media.
    current = page.evaluate(
        "document.querySelector('.article__body figure.inline-image img').currentSrc"
    )
    assert "/media/images/renditions/" in current and current.endswith(".webp")
    assert (
        page.evaluate(
            "document.querySelector('.article__body figure.inline-image img').naturalWidth"
        )
        > 0
    )
    path = current.split("/media/", 1)[1]
    assert (Path(settings.MEDIA_ROOT) / path).is_file()

    assert csp_violations(page, problems) == []


def test_admin_article_form_has_no_csp_violations(page, live_server):
    user = make_user(superuser=True)
    problems = watch(page)
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator(".body-editor__content").wait_for()
    # Open and close each of our dialogs: they must not need anything inline.
    page.click(".prose-menubar button[aria-label='Image from the library']")
    picker = page.get_by_role("dialog", name="Insert an image from the library")
    picker.get_by_role("status").filter(has_text="No image matches").wait_for()
    picker.get_by_role("button", name="Cancel").click()
    page.click(".prose-menubar button[aria-label='Embed a video (YouTube or Vimeo)']")
    embed = page.locator("dialog.prose-editor-dialog")
    embed.get_by_label("Video address (YouTube or Vimeo)").fill(
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    embed.get_by_label("Title: what the video shows, for screen readers").fill("The storm")
    embed.get_by_role("button", name="Embed").click()
    page.locator(".body-editor .embed-placeholder").wait_for()
    value = page.input_value("#id_body")
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in value
    assert csp_violations(page, problems) == []
