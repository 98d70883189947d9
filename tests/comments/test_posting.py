"""The reader's side: the form, its defences, and what the article page shows."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from reader.commenting import AWAITING_MODERATION
from tests.comments.helpers import form_data, make_comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def post_url(article):
    return reverse("reader:comment", args=[article.slug])


def test_posting_stores_a_pending_comment_and_redirects_with_the_message(client):
    article = make_article()
    data = form_data(article, name="Layla", email="Layla@Example.net", body="Good report.")
    response = client.post(
        post_url(article), data, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Test browser"
    )
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url() + "#comment-posted"
    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.body) == (
        "Layla",
        "layla@example.net",
        "Good report.",
    )
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "203.0.113.9"
    assert comment.user_agent == "Test browser"

    page = client.get(response["Location"]).content.decode()
    assert "awaits moderation" in page
    assert AWAITING_MODERATION in page
    assert "Good report." not in page  # not published until approved
    assert 'Comments <span class="comments__count">(0)</span>' in page


def test_article_page_shows_approved_comments_oldest_first_without_email(client):
    article = make_article()
    now = timezone.now()
    make_comment(
        article,
        status="approved",
        name="Second",
        body="Later words",
        email="second@example.net",
        created_at=now - timedelta(minutes=5),
    )
    make_comment(
        article,
        status="approved",
        name="First",
        body="Earlier words",
        email="first@example.net",
        created_at=now - timedelta(hours=2),
    )
    make_comment(article, status="pending", body="Waiting words", email="p@example.net")
    make_comment(article, status="rejected", body="Rejected words", email="r@example.net")

    page = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="comments__count">(2)</span>' in page
    assert page.index("Earlier words") < page.index("Later words")
    assert "Waiting words" not in page and "Rejected words" not in page
    assert "@example.net" not in page  # no email, approved or not
    assert re.search(r'<bdi class="comment__name">First</bdi> <time datetime="[^"]+">', page)


def test_form_fields_are_labelled_and_marked_required(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    for field_id, label in [
        ("comment-name", "Name"),
        ("comment-email", "Email"),
        ("comment-body", "Comment"),
    ]:
        assert (
            f'<label for="{field_id}">{label} <span class="required">Required</span></label>'
            in page
        )
        tag = re.search(rf'<(?:input|textarea)[^>]*id="{field_id}"[^>]*>', page).group(0)
        assert " required" in tag
    assert "Post a comment" in page
    assert "Community guidelines" in page
    assert reverse("reader:guidelines") in page


def test_required_fields_report_errors_next_to_fields_and_keep_the_input(client):
    article = make_article()
    data = form_data(article, name="", email="not-an-email", body="My long thought & more")
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert '<ul class="errorlist" id="comment-name_error"><li>Enter your name.</li></ul>' in page
    assert "Enter an email address like name@example.com." in page
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="comment-name"[^>]*>', page).group(0)
    assert re.search(
        r'<input[^>]*aria-describedby="comment-email_helptext comment-email_error"', page
    )
    assert 'value="not-an-email"' in page
    assert "My long thought &amp; more</textarea>" in page
    assert Comment.objects.count() == 0


def test_empty_form_says_what_is_missing(client):
    article = make_article()
    response = client.post(post_url(article), form_data(article, name="", email="", body=""))
    page = response.content.decode()
    assert response.status_code == 400
    for message in ("Enter your name.", "Enter your email address.", "Write your comment."):
        assert message in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
    ],
)
def test_script_and_html_payloads_are_inert_on_the_page(client, payload):
    article = make_article()
    comment = make_comment(article, status="approved", name=payload, body=f"Hi {payload}")
    page = client.get(article.get_absolute_url()).content.decode()
    assert payload not in page
    assert "&lt;" in page[page.index(f'id="comment-{comment.pk}"') :]
    assert "<script>alert" not in page and "<img src=x" not in page
    # And when the form comes back with an error, the typed text is inert too.
    response = client.post(post_url(article), form_data(article, name=payload, email="bad"))
    assert payload not in response.content.decode()


def test_honeypot_is_rejected_and_nothing_stored(client):
    article = make_article()
    response = client.post(post_url(article), form_data(article, website="http://spam.example"))
    assert response.status_code == 400
    assert "must be left empty" in response.content.decode()
    assert not Comment.objects.exists()


def test_honeypot_is_hidden_by_class_labelled_and_out_of_the_tab_order(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<div class="field comments__trap">' in page
    assert '<label for="comment-website">Leave this field empty</label>' in page
    field = re.search(r'<input[^>]*name="website"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field
    assert "style=" not in field


def test_too_fast_form_is_rejected_with_text_kept(client):
    article = make_article()
    data = form_data(article, seconds_ago=1, body="Typed in a flash")
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "That was very quick" in page
    assert "Typed in a flash</textarea>" in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "ts",
    ["garbage", "eyJhIjoxLCJ0IjoxfQ:1vAAAA:forgedsignature"],
)
def test_tampered_timestamp_is_rejected_and_nothing_stored(client, ts):
    article = make_article()
    response = client.post(post_url(article), form_data(article, ts=ts))
    assert response.status_code == 400
    assert "form was changed or incomplete" in response.content.decode()
    assert not Comment.objects.exists()


def test_without_javascript_a_reader_posts_in_two_steps(client, settings):
    """No token in the page (it is the same for every reader) and no script to
    fetch one: the post shows the form again with the text and a token, and
    pressing the button again posts the comment."""
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    article = make_article()
    data = form_data(article, ts="", body="Written without script")
    response = client.post(post_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "One more step" in page and "Written without script</textarea>" in page
    assert not Comment.objects.exists()
    token = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    assert client.post(post_url(article), {**data, "ts": token}).status_code == 302
    assert Comment.objects.get().body == "Written without script"


def test_the_two_step_post_still_traps_a_bot_that_answers_at_once(client, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 3
    article = make_article()
    data = form_data(article, ts="")
    page = client.post(post_url(article), data).content.decode()
    token = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    response = client.post(post_url(article), {**data, "ts": token})
    assert response.status_code == 400
    assert "That was very quick" in response.content.decode()
    assert not Comment.objects.exists()


def test_timestamp_from_another_article_is_rejected(client):
    article, other = make_article(), make_article()
    data = form_data(other)
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_form_served_hours_ago_from_a_cached_page_still_posts(client):
    article = make_article()
    response = client.post(post_url(article), form_data(article, seconds_ago=5 * 3600))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_expired_form_asks_to_post_again_and_keeps_the_text(client):
    article = make_article()
    data = form_data(article, seconds_ago=25 * 3600, body="Written yesterday")
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "has expired" in page and "Written yesterday</textarea>" in page
    # The form shown again carries a fresh timestamp: posting it works.
    fresh = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    assert fresh != data["ts"]
    assert not Comment.objects.exists()


def test_identical_resubmission_stores_one_comment(client):
    article = make_article()
    data = form_data(article, body="Same words")
    first = client.post(post_url(article), data)
    again = client.post(post_url(article), {**data, "body": "  Same   words \r\n"})
    assert first.status_code == again.status_code == 302
    assert Comment.objects.count() == 1
    page = client.get(again["Location"]).content.decode()
    assert AWAITING_MODERATION in page
    # Different words are a different comment, from a form of their own.
    client.post(post_url(article), form_data(article, email=data["email"], body="Other words"))
    assert Comment.objects.count() == 2


def test_rate_limit_per_ip_answers_429_with_a_readable_page(client, settings):
    settings.COMMENTS_RATE_PER_IP = 3
    article = make_article()
    for _ in range(3):
        assert (
            client.post(
                post_url(article), form_data(article), REMOTE_ADDR="198.51.100.7"
            ).status_code
            == 302
        )
    response = client.post(
        post_url(article), form_data(article, body="Fourth thought"), REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Too many comments in a short time" in page
    assert "Fourth thought</textarea>" in page
    assert '<link rel="stylesheet"' in page  # the site's design
    assert Comment.objects.count() == 3
    # Another address is not affected.
    assert (
        client.post(post_url(article), form_data(article), REMOTE_ADDR="198.51.100.8").status_code
        == 302
    )


def test_rate_limit_per_email(client, settings):
    settings.COMMENTS_RATE_PER_EMAIL = 2
    article = make_article()
    for n in range(2):
        client.post(
            post_url(article),
            form_data(article, email="same@example.net"),
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        )
    response = client.post(
        post_url(article), form_data(article, email="same@example.net"), REMOTE_ADDR="192.0.2.99"
    )
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_moderators_are_exempt_from_the_rate_limit(client, settings):
    from tests.comments.helpers import make_moderator

    settings.COMMENTS_RATE_PER_IP = 1
    client.force_login(make_moderator())
    article = make_article()
    for _ in range(3):
        assert client.post(post_url(article), form_data(article)).status_code == 302
    assert Comment.objects.count() == 3


@pytest.mark.parametrize(
    "make",
    [
        lambda: make_article(status=Article.Status.DRAFT, publish_at=None),
        lambda: make_article(ago=-timedelta(days=1)),  # scheduled
        lambda: make_article(status=Article.Status.UNPUBLISHED, publish_at=None),
    ],
    ids=["draft", "future", "unpublished"],
)
def test_posting_to_an_article_readers_cannot_see_is_refused(client, make):
    article = make()
    response = client.post(post_url(article), form_data(article))
    assert response.status_code == 404
    assert "not open for comments" in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_to_a_missing_article_is_refused(client):
    article = make_article()
    response = client.post(reverse("reader:comment", args=["no-such-story"]), form_data(article))
    assert response.status_code == 404
    assert "not open for comments" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_closed_by_hand_show_a_notice_and_refuse_posts(client):
    article = make_article(comments_open=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed on this story." in page
    assert 'name="body"' not in page
    response = client.post(post_url(article), form_data(article))
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_set_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = make_article(ago=timedelta(days=31))
    recent = make_article(ago=timedelta(days=29))
    assert "Comments are closed" in client.get(old.get_absolute_url()).content.decode()
    assert client.post(post_url(old), form_data(old)).status_code == 403
    assert client.post(post_url(recent), form_data(recent)).status_code == 302
    assert Comment.objects.get().article == recent


def test_get_on_the_post_address_goes_back_to_the_article(client):
    article = make_article()
    response = client.get(post_url(article))
    assert response.status_code == 302
    assert response["Location"].startswith(article.get_absolute_url())


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://ads.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},  # a browser without Fetch Metadata
        {"HTTP_ORIGIN": "null"},  # a sandboxed frame
    ],
)
def test_a_post_from_another_site_is_refused_and_the_text_given_back(client, headers):
    """Cross-site request forgery, refused from the browser's own headers
    (throttle.origins): the page holds no per-reader token."""
    from django.test import Client

    article = make_article()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(post_url(article), form_data(article, body="Words <kept>"), **headers)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Please reload the page and try again" in page
    assert "Words &lt;kept&gt;</textarea>" in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://www.example.com"},
        {},  # no browser page: the time trap and the rate limits still apply
    ],
)
def test_a_post_from_our_own_pages_is_taken_without_a_csrf_token(client, settings, headers):
    from django.test import Client

    settings.CSRF_TRUSTED_ORIGINS = ["https://www.example.com"]
    article = make_article()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(post_url(article), form_data(article), **headers).status_code == 302
    assert Comment.objects.count() == 1
    assert "csrftoken" not in strict.cookies


def test_client_address_comes_from_the_trusted_proxy_header_only_when_configured(client, settings):
    article = make_article()
    headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.20"}
    client.post(post_url(article), form_data(article), **headers)
    settings.TRUSTED_PROXY_COUNT = 1  # throttle.clients.client_ip, as for logins
    client.post(post_url(article), form_data(article), **headers)
    assert list(Comment.objects.values_list("ip_address", flat=True)) == [
        "10.0.0.1",
        "198.51.100.20",
    ]


def test_guidelines_have_a_page_of_their_own(client):
    response = client.get(reverse("reader:guidelines"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 id="guidelines-heading">Community guidelines</h1>' in page
    assert "xenophobia" in page and "never edit a comment" in page


def test_article_page_comment_queries_do_not_grow_with_comments(
    client, django_assert_max_num_queries, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Rendering is measured, with the site's shared parts kept: on a slow run
    # the page cache could otherwise keep the page of one comment (the
    # comments below are made without the moderation's change event), or
    # the shared parts be computed again (their tags younger than the skew).
    settings.PAGECACHE_ENABLED = False
    settings.PAGECACHE_CLOCK_SKEW = 0
    article = make_article()
    make_comment(article, status="approved")
    client.get(article.get_absolute_url())  # warm the navigation cache
    with CaptureQueriesContext(connection) as one:
        assert client.get(article.get_absolute_url()).status_code == 200
    for _ in range(49):
        make_comment(article, status="approved")
    with CaptureQueriesContext(connection) as fifty:
        page = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="comments__count">(50)</span>' in page
    assert len(fifty) == len(one)
    comment_queries = [q for q in fifty.captured_queries if "comments_comment" in q["sql"]]
    assert len(comment_queries) == 1


def test_twin_post_arriving_while_the_first_is_being_stored_stores_nothing(client):
    from django.core.cache import cache

    from comments.models import content_hash

    article = make_article()
    data = form_data(article, email="twin@example.net", body="Clicked twice")
    # The first of two simultaneous posts has claimed the fingerprint.
    cache.add(
        "reader:commenting:"
        + content_hash(article_id=article.pk, email="twin@example.net", body="Clicked twice"),
        1,
        60,
    )
    response = client.post(post_url(article), data)
    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert AWAITING_MODERATION in client.get(response["Location"]).content.decode()


def test_a_failed_store_releases_the_claim_so_the_reader_can_post_again(client, monkeypatch):
    from comments import moderation

    article = make_article()
    data = form_data(article)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(moderation, "_store", broken)
    with pytest.raises(RuntimeError):
        client.post(post_url(article), data)
    monkeypatch.undo()
    assert client.post(post_url(article), data).status_code == 302
    assert Comment.objects.count() == 1


def test_a_form_posts_one_comment_only(client):
    article = make_article()
    data = form_data(article, body="My first thought")
    assert client.post(post_url(article), data).status_code == 302
    # The same form (the back button, or a bot reusing one token) with other words.
    again = {**data, "body": "A second thought & more"}
    response = client.post(post_url(article), again)
    assert response.status_code == 400
    page = response.content.decode()
    assert "This form has already been used to post a comment" in page
    assert "A second thought &amp; more</textarea>" in page
    assert 'role="alert"' in page
    # The form shown again has a fresh token: posting it works.
    fresh = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    assert fresh != data["ts"]
    assert Comment.objects.count() == 1
    again["ts"] = form_data(article)["ts"]
    assert client.post(post_url(article), again).status_code == 302
    assert Comment.objects.count() == 2


def test_a_used_form_is_refused_with_another_email_too(client):
    article = make_article()
    data = form_data(article)
    client.post(post_url(article), data)
    response = client.post(post_url(article), {**data, "email": "someone.else@example.net"})
    assert response.status_code == 400
    assert Comment.objects.count() == 1


class _CacheDown:
    """A cache whose every call fails, as Redis does when it is down."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_a_used_form_is_refused_with_the_cache_down(monkeypatch):
    from comments import moderation
    from comments.forms import CommentForm

    article = make_article()
    data = form_data(article, body="First words")
    form = CommentForm(data, article=article)
    assert form.is_valid()
    moderation.submit_comment(
        article=article,
        name=data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        form_nonce=form.nonce,
    )
    # The check is in the database: a cache that fails changes nothing.
    monkeypatch.setattr(moderation, "cache", _CacheDown())
    replay = CommentForm({**data, "body": "Other words"}, article=article)
    assert not replay.is_valid()
    assert replay.refusal == "used"
    assert "already been used" in replay.non_field_errors()[0]


def test_two_posts_racing_with_one_form_store_one_comment():
    """Both passed the form's check before either was stored: the database's
    unique form token refuses the second."""
    from comments.moderation import FormAlreadyUsed, submit_comment

    article = make_article()
    submit_comment(article=article, name="A", email="a@example.net", body="One", form_nonce="n0nce")
    with pytest.raises(FormAlreadyUsed):
        submit_comment(
            article=article, name="A", email="a@example.net", body="Two", form_nonce="n0nce"
        )
    # The same words twice (a double click) are the duplicate they are, not an error.
    comment, created = submit_comment(
        article=article, name="A", email="a@example.net", body="One", form_nonce="n0nce"
    )
    assert not created and comment.body == "One"
    assert Comment.objects.count() == 1


def test_each_served_form_has_its_own_token(client):
    """The page holds none; the form's script fetches one each time, never cached."""
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'name="ts" value=""', page)
    url = reverse("reader:comment-token", args=[article.slug])
    assert f'data-token-url="{url}"' in page
    responses = [client.get(url) for _ in range(3)]
    assert {r["Cache-Control"] for r in responses} == {"private, no-store"}
    assert len({r.json()["ts"] for r in responses}) == 3


def test_no_token_for_a_story_that_takes_no_comments(client):
    draft = make_article(status=Article.Status.DRAFT)
    closed = make_article(comments_open=False)
    for story in (draft, closed):
        response = client.get(reverse("reader:comment-token", args=[story.slug]))
        assert response.status_code == 404
        assert response["Cache-Control"] == "private, no-store"
