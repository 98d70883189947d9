"""Commenters who ask are told by email of the decision: after it commits, by
a task (django.tasks), with the house reason when rejected, never the note."""

import pytest
from django.core import mail
from django.utils.translation import get_language

from comments.models import Comment, CommentReport
from comments.moderation import decide, keep_reported
from comments.tasks import email_decision
from tests.comments.helpers import form_data, make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked():
    return make_comment(
        make_article(headline="Tram line opens"),
        name="Hana",
        email="hana@example.net",
        body="At last, a tram.",
        notify_by_email=True,
    )


def test_the_email_goes_out_only_after_the_decision_commits(
    asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decide(comment=asked, to_status="approved", moderator=make_moderator())
        assert mail.outbox == []
    assert mail.outbox == []  # not committed: nothing sent
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hana@example.net"]
    assert message.subject.startswith("Your comment has been published")
    assert "“Tram line opens”" in message.body and "At last, a tram." in message.body
    assert asked.article.get_absolute_url() in message.body


def test_a_rolled_back_decision_sends_nothing(asked, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                decide(comment=asked, to_status="approved", moderator=make_moderator())
                raise RuntimeError("the request failed after the decision")
        except RuntimeError:
            pass
    assert mail.outbox == []
    asked.refresh_from_db()
    assert asked.status == Comment.Status.PENDING


def test_a_rejection_gives_the_house_reason_and_never_the_note(
    asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            comment=asked,
            to_status="rejected",
            moderator=make_moderator(),
            reason="off-topic",
            note="Internal: third off-topic post today.",
        )
    (message,) = mail.outbox
    assert message.subject.startswith("Your comment was not published")
    assert "Off-topic" in message.body
    assert "/community-guidelines/" in message.body
    assert "Internal" not in message.body


def test_no_email_for_a_commenter_who_did_not_ask(django_capture_on_commit_callbacks):
    comment = make_comment()
    with django_capture_on_commit_callbacks(execute=True):
        decide(comment=comment, to_status="approved", moderator=make_moderator())
    assert mail.outbox == []


def test_a_decision_reversed_before_the_task_runs_is_not_sent(
    asked, django_capture_on_commit_callbacks
):
    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=False):
        decide(comment=asked, to_status="approved", moderator=moderator)
    first = asked.decisions.get()
    with django_capture_on_commit_callbacks(execute=True):
        decide(comment=asked, to_status="rejected", moderator=moderator, reason="spam")
    assert [m.subject.startswith("Your comment was not published") for m in mail.outbox] == [True]
    # The task for the approval, run late, sends nothing.
    assert email_decision.call(first.pk) is False
    assert len(mail.outbox) == 1


def test_keeping_a_reported_comment_sends_nothing(asked, django_capture_on_commit_callbacks):
    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        decide(comment=asked, to_status="approved", moderator=moderator)
    CommentReport.objects.create(comment=asked, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        keep_reported(comment=asked, moderator=moderator, reason="within-guidelines")
    assert len(mail.outbox) == 1  # the approval's only


def test_the_comment_form_offers_the_email_and_stores_the_wish(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Email me when a moderator has decided on my comment" in html
    client.post(f"/news/{article.slug}/comment/", form_data(article, notify="on"))
    client.post(f"/news/{article.slug}/comment/", form_data(article))
    assert list(Comment.objects.order_by("pk").values_list("notify_by_email", flat=True)) == [
        True,
        False,
    ]


def test_no_email_is_sent_in_the_request_when_the_worker_is_a_real_one(
    asked, settings, django_capture_on_commit_callbacks
):
    # With a worker backend (the dummy one stands in: it only stores the
    # task), the moderator's request enqueues and sends nothing itself.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        decide(comment=asked, to_status="approved", moderator=make_moderator())
    assert mail.outbox == []
    (result,) = default_task_backend.results
    assert result.task.name == "email_decision" and result.args == [asked.decisions.get().pk]


def test_the_email_is_written_in_the_language_of_the_storys_edition(
    django_capture_on_commit_callbacks,
):
    """A reader of the Sorani edition commented in Sorani: they are told in
    Sorani, whatever language the moderator's admin speaks."""
    comment = make_comment(
        make_article(headline="پردی شار دەکرێتەوە", edition_id="ckb"),
        name="Hana",
        email="hana@example.net",
        body="سوپاس بۆ ئەم هەواڵە.",
        notify_by_email=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            comment=comment, to_status="rejected", moderator=make_moderator(), reason="off-topic"
        )
    (message,) = mail.outbox
    # Named as the Sorani edition names the site.
    assert message.subject == "لێدوانەکەتان بڵاو نەکرایەوە – نیوزڕووم"
    assert message.body.rstrip().endswith("نیوزڕووم")
    assert message.body.startswith("بەڕێز Hana،\n\n")
    assert "«پردی شار دەکرێتەوە»" in message.body
    assert "\n    دەرەوەی بابەت\n" in message.body  # the house reason, in Sorani
    assert "/community-guidelines/" in message.body and "سوپاس بۆ ئەم هەواڵە." in message.body
    for english in ("Dear", "moderator", "Off-topic", "Your comment"):
        assert english not in message.body
    # The moderator's own language is back afterwards.
    assert get_language() == "en-gb"


def test_an_approval_in_turkish(django_capture_on_commit_callbacks):
    comment = make_comment(
        make_article(headline="Köprü yeniden açıldı", edition_id="tr"),
        name="Ayşe",
        notify_by_email=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(comment=comment, to_status="approved", moderator=make_moderator())
    (message,) = mail.outbox
    assert message.subject.startswith("Yorumunuz yayımlandı – ")
    assert message.body.startswith("Sayın Ayşe,\n\n")
    assert "“Köprü yeniden açıldı” haberine yaptığınız yorumu onayladı" in message.body
    assert comment.article.get_absolute_url() + "#comments" in message.body
