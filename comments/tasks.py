"""Work done after a moderator's decision has committed, by the task worker
(Django's tasks framework: `TASKS` in settings; the default ImmediateBackend
runs a task as it is enqueued, which the tests use)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string

from comments.models import Comment, ModerationDecision


@task
def email_decision(decision_id):
    """Tell a commenter who asked what became of their comment: approved, or
    rejected with the house reason. Nothing if the decision was reversed
    before the task ran (the later one sends its own email), or if the
    comment is gone. The moderator's note is never sent: it is for the desk."""
    decision = (
        ModerationDecision.objects.select_related("comment__article")
        .filter(pk=decision_id, kind=ModerationDecision.Kind.STATUS)
        .first()
    )
    if decision is None:
        return False
    comment = decision.comment
    if comment.status != decision.to_status or not comment.notify_by_email:
        return False
    article = comment.article
    approved = decision.to_status == Comment.Status.APPROVED
    context = {
        "site_name": settings.SITE_NAME,
        "name": comment.name,
        "headline": article.headline if article.is_published else "",
        "story_url": settings.SITE_URL + article.get_absolute_url() if article.is_published else "",
        "guidelines_url": settings.SITE_URL + "/community-guidelines/",
        "approved": approved,
        "reason": decision.get_reason_display() if not approved else "",
        "body": comment.body,
    }
    subject = (
        f"Your comment has been published – {settings.SITE_NAME}"
        if approved
        else f"Your comment was not published – {settings.SITE_NAME}"
    )
    send_mail(
        subject,
        render_to_string("comments/email/decision.txt", context),
        None,  # DEFAULT_FROM_EMAIL
        [comment.email],
    )
    return True
