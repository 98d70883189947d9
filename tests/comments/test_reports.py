"""Readers report published comments; moderators keep or remove them, in the log."""

import pytest
from django.core.cache import cache
from django.test import Client

from comments.models import Comment, CommentReport, ModerationDecision
from comments.moderation import DecisionError, decide, keep_reported
from tests.comments.helpers import make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def published():
    return make_comment(
        make_article(headline="Bridge reopens"), status=Comment.Status.APPROVED, name="Pat"
    )


def report_url(comment):
    return f"/comments/{comment.pk}/report/"


def test_each_published_comment_links_its_report_page(client, published):
    html = client.get(published.article.get_absolute_url()).content.decode()
    assert f'href="{report_url(published)}"' in html
    assert 'Report<span class="visually-hidden"> the comment by Pat</span>' in html


def test_a_reader_reports_a_comment_without_an_account_or_a_token(published):
    client = Client(enforce_csrf_checks=True)
    page = client.get(report_url(published))
    assert page.status_code == 200
    html = page.content.decode()
    assert "csrfmiddlewaretoken" not in html and "Abuse, hate or a personal attack" in html
    assert page["Cache-Control"] == "private, no-store"
    response = client.post(
        report_url(published),
        {"reason": "abuse", "note": "Calls another reader names."},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )
    assert response.status_code == 302
    assert response["Location"] == report_url(published) + "?sent=1"
    report = CommentReport.objects.get()
    assert (report.comment, report.reason, report.note) == (
        published,
        "abuse",
        "Calls another reader names.",
    )
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your report" in thanks


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://sub.testserver"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
)
def test_a_report_posted_from_another_site_is_refused(published, headers):
    response = Client().post(report_url(published), {"reason": "spam"}, headers=headers)
    assert response.status_code == 403
    assert "did not come from our own page" in response.content.decode()
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Choose what is wrong with the comment."),
        ({"reason": "boring"}, "Choose one of the reasons listed."),
        ({"reason": "spam", "note": "x" * 501}, "500 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_500(published, data, message):
    response = Client().post(report_url(published), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_only_published_comments_can_be_reported(client, status):
    comment = make_comment(status=status)
    assert client.get(report_url(comment)).status_code == 404
    assert client.post(report_url(comment), {"reason": "spam"}).status_code == 404
    assert client.get("/comments/99999999999999999999999/report/").status_code == 404


def test_reports_are_rate_limited_per_address(published):
    client = Client()
    for _ in range(10):
        assert client.post(report_url(published), {"reason": "spam"}).status_code == 302
    response = client.post(report_url(published), {"reason": "spam"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert CommentReport.objects.count() == 10


def test_reported_comments_wait_in_the_reported_queue_with_their_reports(client, published):
    CommentReport.objects.create(comment=published, reason="abuse", note="Rude to Sam.")
    CommentReport.objects.create(comment=published, reason="threat")
    client.force_login(make_moderator())
    response = client.get("/admin/comments/comment/moderate/reported/")
    html = response.content.decode()
    assert [c.pk for c in response.context["rows"]] == [published.pk]
    assert "Reported 2 times" in html and "Rude to Sam." in html and "A threat" in html
    assert dict((q.key, n) for q, n in response.context["queues"])["reported"] == 1
    assert "Keep comment by Pat" in html and "Remove comment by Pat" in html


def test_keeping_a_reported_comment_is_logged_and_answers_its_reports(published):
    moderator = make_moderator()
    CommentReport.objects.create(comment=published, reason="abuse")
    with pytest.raises(DecisionError):
        keep_reported(comment=published, moderator=moderator, reason="keep-other")
    assert keep_reported(
        comment=published, moderator=moderator, reason="fair-criticism", note="Sharp, not abuse."
    )
    entry = ModerationDecision.objects.get()
    assert (entry.kind, entry.from_status, entry.to_status, entry.reason, entry.note) == (
        "kept",
        "approved",
        "approved",
        "fair-criticism",
        "Sharp, not abuse.",
    )
    assert not CommentReport.objects.open().exists()
    assert CommentReport.objects.get().resolution == entry
    published.refresh_from_db()
    assert published.status == "approved"
    # Nothing left to answer.
    assert not keep_reported(comment=published, moderator=moderator, reason="within-guidelines")


def test_removing_a_reported_comment_is_a_rejection_that_answers_its_reports(client, published):
    moderator = make_moderator()
    CommentReport.objects.create(comment=published, reason="abuse")
    client.force_login(moderator)
    response = client.post(
        f"/admin/comments/comment/moderate/{published.pk}/decide/",
        {"decision": "reject", "reason": "personal-attack"},
        headers={"Accept": "application/json"},
    )
    assert response.json()["counts"]["reported"] == 0
    entry = ModerationDecision.objects.get()
    assert (entry.from_status, entry.to_status, entry.reason) == (
        "approved",
        "rejected",
        "personal-attack",
    )
    assert CommentReport.objects.get().resolution == entry


def test_keep_through_the_screen(client, published):
    CommentReport.objects.create(comment=published, reason="spam")
    client.force_login(make_moderator())
    response = client.post(
        f"/admin/comments/comment/moderate/{published.pk}/decide/",
        {"decision": "keep", "reason": "within-guidelines"},
        headers={"Accept": "application/json"},
    )
    assert response.json()["message"] == "Kept the comment by Pat: Within the guidelines."


def test_a_kept_entry_is_append_only_too(published):
    CommentReport.objects.create(comment=published, reason="spam")
    keep_reported(comment=published, moderator=make_moderator(), reason="within-guidelines")
    entry = ModerationDecision.objects.get()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        ModerationDecision.objects.update(note="changed")


def test_the_guidelines_explain_reporting(client):
    html = client.get("/community-guidelines/").content.decode()
    assert "Reporting a comment" in html and "“Report” link" in html


def test_decide_answers_reports_whatever_the_screen(published):
    CommentReport.objects.create(comment=published, reason="spam")
    decide(comment=published, to_status="rejected", moderator=make_moderator(), reason="spam")
    assert not CommentReport.objects.open().exists()
