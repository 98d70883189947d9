"""4xx pages: in the site's design, with a plain message, never a 500."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from comments.models import Comment
from tests.comments.helpers import form_data, make_comment, make_journalist
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article(headline="Harbour reopens")


def page_of(response, status):
    assert response.status_code == status
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".masthead"), "not in the site's design"
    assert page.select_one(".error-page__code").text == str(status)
    return page


@pytest.mark.parametrize("charset", ["nonsense", "latin-1", "utf8", ""])
def test_a_comment_in_another_charset_gets_the_400_page_and_is_not_stored(story, charset):
    """Our form is sent in UTF-8: a body that says otherwise is not what the
    reader wrote. (Django reads an unknown charset as UTF-8: the comment was
    stored; it refuses a known other one when CSRF reads the form.)"""
    client = Client(enforce_csrf_checks=True)
    body = urlencode(form_data(story))
    for _ in range(2):  # and the reader tries again
        response = client.generic(
            "POST",
            f"/news/{story.slug}/comment/",
            body.encode(),
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        page = page_of(response, 400)
        assert page.select_one("h1").text == "We couldn’t read that request"
    assert not Comment.objects.exists()


@pytest.mark.parametrize("charset", ["UTF-8", "utf-8", None])
def test_a_comment_in_utf8_is_taken_whichever_way_it_says_so(story, charset):
    client = Client(enforce_csrf_checks=True)
    content_type = "application/x-www-form-urlencoded"
    response = client.generic(
        "POST",
        f"/news/{story.slug}/comment/",
        urlencode(form_data(story)).encode(),
        content_type=content_type + (f"; charset={charset}" if charset else ""),
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_host_we_do_not_serve_gets_the_400_page(story):
    page = page_of(Client().get("/", HTTP_HOST="not-our-site.example"), 400)
    assert "not in a shape we understand" in page.text


def test_a_refused_staff_action_gets_the_403_page(client, story):
    client.force_login(make_journalist())
    comment = make_comment(story)
    response = client.post(f"/admin/comments/comment/{comment.pk}/approve/")
    page = page_of(response, 403)
    assert page.select_one("h1").text == "This page is not open to you"


def test_a_method_the_comment_address_does_not_take_gets_the_405_page(client, story):
    response = client.put(f"/news/{story.slug}/comment/")
    page = page_of(response, 405)
    assert response["Allow"] == "GET, HEAD, POST"
    assert "It takes a form sent from our pages" in page.text


@pytest.mark.parametrize("bad_id", ["abc", "9" * 30, "%00"])
def test_a_bad_comment_id_in_the_moderation_buttons_is_a_404(admin_client, bad_id):
    for action in ("approve", "reject"):
        response = admin_client.post(f"/admin/comments/comment/{bad_id}/{action}/")
        assert response.status_code == 404
