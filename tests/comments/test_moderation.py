"""Decisions, the append-only log, and the guards on a comment's words."""

import pytest
from django.db import DatabaseError, models, transaction

from articles.changes import Change, content_changed
from comments.models import Comment, ModerationDecision
from comments.moderation import DecisionError, decide
from tests.comments.helpers import make_comment, make_moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_every_decision_and_reversal_adds_a_log_row():
    moderator = make_moderator()
    comment = make_comment()
    assert decide(comment=comment, to_status="approved", moderator=moderator)
    assert decide(comment=comment, to_status="rejected", moderator=moderator, reason="off-topic")
    assert decide(comment=comment, to_status="approved", moderator=moderator)
    rows = list(comment.decisions.values_list("from_status", "to_status", "reason"))
    assert rows == [
        ("pending", "approved", ""),
        ("approved", "rejected", "off-topic"),
        ("rejected", "approved", ""),
    ]
    assert all(d.moderator == moderator for d in comment.decisions.all())
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.decided_by == moderator


def test_deciding_the_same_status_again_changes_nothing_and_logs_nothing():
    comment = make_comment()
    moderator = make_moderator()
    decide(comment=comment, to_status="approved", moderator=moderator)
    assert not decide(comment=comment, to_status="approved", moderator=moderator)
    assert comment.decisions.count() == 1


def test_rejection_needs_a_reason_and_other_needs_a_note():
    comment = make_comment()
    moderator = make_moderator()
    with pytest.raises(DecisionError):
        decide(comment=comment, to_status="rejected", moderator=moderator)
    with pytest.raises(DecisionError):
        decide(comment=comment, to_status="rejected", moderator=moderator, reason="other")
    assert decide(
        comment=comment, to_status="rejected", moderator=moderator, reason="other", note="Why"
    )
    assert comment.decisions.get().note == "Why"


def test_decisions_tell_the_caches(django_capture_on_commit_callbacks):
    received = []

    def listener(sender, change, article, **kwargs):
        received.append((article.pk, change))

    comment = make_comment()
    moderator = make_moderator()
    content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            decide(comment=comment, to_status="approved", moderator=moderator)
    finally:
        content_changed.disconnect(listener)
    assert received == [(comment.article_id, Change.COMMENTS)]


def test_approved_comment_shows_at_once_with_its_count(client):
    article = make_article()
    comment = make_comment(article, body="Worth reading")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Worth reading" not in page
    decide(comment=comment, to_status="approved", moderator=make_moderator())
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Worth reading" in page and '<span class="comments__count">(1)</span>' in page


def test_log_rows_cannot_be_changed_or_deleted():
    comment = make_comment()
    decide(comment=comment, to_status="approved", moderator=make_moderator())
    decision = ModerationDecision.objects.get()
    decision.note = "rewritten"
    with pytest.raises(TypeError):
        decision.save()
    with pytest.raises(TypeError):
        decision.delete()
    with pytest.raises(TypeError):
        ModerationDecision.objects.filter(pk=decision.pk).update(note="rewritten")


def test_database_refuses_to_update_the_log():
    comment = make_comment()
    decide(comment=comment, to_status="approved", moderator=make_moderator())
    decision = ModerationDecision.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        # Past the model's own refusals, straight to the database.
        models.QuerySet(ModerationDecision).filter(pk=decision.pk).update(note="rewritten")
    assert ModerationDecision.objects.get().note == ""


def test_database_refuses_to_change_a_comments_words():
    comment = make_comment(body="Original words", name="Ann", email="ann@example.net")
    for field, value in [("body", "Other words"), ("name", "Bob"), ("email", "b@example.net")]:
        with pytest.raises(DatabaseError), transaction.atomic():
            Comment.objects.filter(pk=comment.pk).update(**{field: value})
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.body, stored.name, stored.email) == ("Original words", "Ann", "ann@example.net")
    # The status and the retention fields may change.
    Comment.objects.filter(pk=comment.pk).update(status="approved", ip_address=None)


def test_saving_a_loaded_comment_never_writes_its_words():
    comment = make_comment(body="Original words")
    comment.body = "Edited words"
    comment.save()
    assert Comment.objects.get(pk=comment.pk).body == "Original words"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        comment.save(update_fields=["body"])


def test_deleting_a_moderator_who_decided_is_refused():
    from django.db.models import ProtectedError

    moderator = make_moderator()
    decide(comment=make_comment(), to_status="approved", moderator=moderator)
    with pytest.raises(ProtectedError):
        moderator.delete()
