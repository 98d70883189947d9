from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import make_comment

pytestmark = pytest.mark.django_db


def decided(days_ago, status="approved"):
    return make_comment(
        status=status,
        decided_at=timezone.now() - timedelta(days=days_ago),
        ip_address="203.0.113.4",
        user_agent="Browser/1.0",
        body=f"Kept words {days_ago} {status}",
    )


def purge(*args):
    out = StringIO()
    call_command("purge_comment_personal_data", *args, stdout=out)
    return out.getvalue()


def test_purge_erases_ip_and_agent_of_comments_decided_before_the_retention_period(settings):
    settings.COMMENTS_PERSONAL_DATA_RETENTION_DAYS = 90
    old_approved, old_rejected = decided(91), decided(120, "rejected")
    recent = decided(10)
    pending = make_comment(
        ip_address="203.0.113.5", user_agent="B", created_at=timezone.now() - timedelta(days=400)
    )
    output = purge()
    assert "erased from 2 comments" in output
    for comment in (old_approved, old_rejected):
        stored = Comment.objects.get(pk=comment.pk)
        assert stored.ip_address is None and stored.user_agent == ""
        assert stored.body == comment.body and stored.email == comment.email
    for comment in (recent, pending):
        stored = Comment.objects.get(pk=comment.pk)
        assert stored.ip_address is not None and stored.user_agent


def test_purge_dry_run_changes_nothing():
    comment = decided(200)
    assert "would be erased from 1 comment " in purge("--dry-run")
    assert Comment.objects.get(pk=comment.pk).ip_address == "203.0.113.4"


def test_purge_days_option_and_idempotence():
    decided(5)
    assert "erased from 0 comments" in purge()
    assert "erased from 1 comment " in purge("--days", "3")
    assert "erased from 0 comments" in purge("--days", "3")
