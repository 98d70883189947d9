"""The publication's pages (about, contact, policies): written in the admin,
shown at their address, linked from every page's footer and from the sitemap,
cached and refreshed exactly."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from pages.models import Page
from tests.factories import make_article, make_user
from tests.pagecache.conftest import _no_clock_skew, fetch  # noqa: F401

pytestmark = pytest.mark.django_db


def make_page(title="About us", **extra):
    extra.setdefault("body", f"<p>All about {title}.</p>")
    extra.setdefault("published", True)
    return Page.objects.create(title=title, **extra)


def footer_links(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [(a.text, a["href"]) for a in page.select(".site-footer__pages a")]


def test_a_published_page_is_shown_at_its_address(client):
    page = make_page("About us", summary="Who we are.", body="<p>We report.</p>")
    assert page.get_absolute_url() == "/info/about-us/"
    response = client.get(page.get_absolute_url())
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.text == "About us"
    assert html.select_one(".publication-page__summary").text == "Who we are."
    assert html.select_one(".article__body").decode_contents() == "<p>We report.</p>"
    assert html.select_one('meta[name="description"]')["content"] == "Who we are."


def test_an_unpublished_page_is_nowhere(client):
    draft = make_page("Terms", published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Terms" not in client.get("/").content.decode()
    assert draft.get_absolute_url() not in client.get("/sitemap-pages.xml").content.decode()


def test_the_footer_links_published_footer_pages_in_order(client):
    make_page("Privacy", order=20)
    make_page("About us", order=10)
    make_page("Hidden", published=False, order=5)
    make_page("Out of the footer", in_footer=False, order=1)
    for url in ("/", "/latest/", make_article().get_absolute_url(), "/no-such-page/"):
        assert footer_links(client.get(url)) == [
            ("About us", "/info/about-us/"),
            ("Privacy", "/info/privacy/"),
        ], url


def test_a_page_body_is_sanitised_on_save():
    page = make_page(body='<p onclick="x()">Hi</p><script>alert(1)</script>')
    page.refresh_from_db()
    assert page.body == "<p>Hi</p>"


def test_the_sitemap_lists_published_pages(client):
    make_page("About us")
    make_page("Contact us", published=False)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-pages.xml" in index
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "/info/about-us/</loc>" in pages
    assert "/info/contact-us/" not in pages


def test_the_guidelines_address_leads_to_the_page_editors_wrote(client):
    # Without a page, the site's own guidelines (their own test in tests/comments).
    assert client.get(reverse("reader:guidelines")).status_code == 200
    make_page("Community guidelines", slug=Page.GUIDELINES)
    response = client.get(reverse("reader:guidelines"))
    assert response.status_code == 302
    assert response["Location"] == "/info/community-guidelines/"


def test_a_page_is_cached_and_its_edit_shows_at_once(fetch):  # noqa: F811
    page = make_page("Contact us", body="<p>Call the desk.</p>")
    url = page.get_absolute_url()
    fetch(url)
    assert fetch(url).hit
    page.body = "<p>Write to the desk.</p>"
    page.save()
    response = fetch(url)
    assert not response.hit
    assert "Write to the desk." in response.text


def test_editing_a_pages_text_leaves_every_other_page_cached(fetch):  # noqa: F811
    page = make_page("Contact us")
    story = make_article()
    for url in ("/", story.get_absolute_url(), "/latest/"):
        fetch(url)
        assert fetch(url).hit, url
    page.body = "<p>New text.</p>"
    page.save()
    for url in ("/", story.get_absolute_url(), "/latest/"):
        assert fetch(url).hit, url
    # The sitemaps show its time of change: they are refreshed.
    fetch("/sitemap-pages.xml")
    page.save()
    assert not fetch("/sitemap-pages.xml").hit


ABOUT = ("About us", "/info/about-us/")


@pytest.mark.parametrize(
    "change, footer",
    [
        ({"title": "Get in touch"}, [ABOUT, ("Get in touch", "/info/contact-us/")]),
        ({"slug": "get-in-touch"}, [ABOUT, ("Contact us", "/info/get-in-touch/")]),
        ({"order": 1}, [("Contact us", "/info/contact-us/"), ABOUT]),
        ({"in_footer": False}, [ABOUT]),
        ({"published": False}, [ABOUT]),
    ],
)
def test_a_change_to_a_pages_footer_link_refreshes_every_page(fetch, change, footer):  # noqa: F811
    make_page("About us", order=10)
    page = make_page("Contact us", order=20)
    story = make_article()
    for url in ("/", story.get_absolute_url()):
        fetch(url)
        assert fetch(url).hit, url
    for field, value in change.items():
        setattr(page, field, value)
    page.save()
    for url in ("/", story.get_absolute_url()):
        response = fetch(url)
        assert not response.hit, url
        assert footer_links(response) == footer, url


def test_deleting_a_page_removes_it_from_the_footer_and_its_address(fetch):  # noqa: F811
    page = make_page("Contact us")
    url = page.get_absolute_url()
    fetch("/")
    fetch(url)
    page.delete()
    assert fetch(url).status_code == 404
    assert footer_links(fetch("/")) == []


def test_a_draft_page_refreshes_nothing(fetch):  # noqa: F811
    fetch("/")
    page = make_page("Draft", published=False)
    page.title = "Still a draft"
    page.save()
    assert fetch("/").hit


def test_editors_and_only_they_write_pages(client):
    from tests.editorial.helpers import member

    client.force_login(member("Journalists", "jo"))
    assert client.get(reverse("admin:pages_page_add")).status_code == 403
    client.force_login(member("Editors", "ed"))
    assert client.get(reverse("admin:pages_page_add")).status_code == 200


def test_editors_write_pages_in_the_admin_with_the_body_editor(client):
    client.force_login(make_user(superuser=True))
    form = client.get(reverse("admin:pages_page_add")).content.decode()
    assert "data-body-editor" in form
    response = client.post(
        reverse("admin:pages_page_add"),
        {
            "title": "Privacy",
            "slug": "",
            "summary": "What we keep.",
            "body": "<p>Little.</p><script>x()</script>",
            "order": 40,
            "in_footer": "on",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get()
    assert (page.slug, page.body) == ("privacy", "<p>Little.</p>")


def test_a_deploy_reads_none_of_the_old_codes_shared_parts(client):
    # What the code before the pages stored: the shared parts without them.
    from pagecache.store import memo
    from reader import shared, tags
    from reader.cards import Card, CardImage, CardSection

    make_page("About us")
    old = {name: value for name, value in shared.EMPTY.items() if name != "pages"}
    memo("shared", [tags.LATEST, tags.SITE], lambda: old, layout_of=(Card, CardSection, CardImage))
    response = client.get("/")
    assert response.status_code == 200
    assert footer_links(response) == [("About us", "/info/about-us/")]
