"""Work done after a moderator's decision has committed, by the task worker
(Django's tasks framework: `TASKS` in settings; the default ImmediateBackend
runs a task as it is enqueued, which the tests use)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from comments.models import Comment, ModerationDecision


@task
def email_decision(decision_id):
    """Tell a commenter who asked what became of their comment: approved, or
    rejected with the house reason. Nothing if the decision was reversed
    before the task ran (the later one sends its own email), or if the
    comment is gone. The moderator's note is never sent: it is for the desk.

    Written in the language of the story's edition (its code is the
    language's), the language the commenter read and wrote in."""
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
    with translation.override(comment.article.edition_id):
        subject, body = decision_email(comment, decision)
    send_mail(subject, body, None, [comment.email])  # from DEFAULT_FROM_EMAIL
    return True


def decision_email(comment, decision):
    """The email's subject and text, in the active language. The sentences
    are here (marked for translation); the template only lays them out."""
    article = comment.article
    published = article.is_published
    headline = article.headline if published else ""
    approved = decision.to_status == Comment.Status.APPROVED
    site = article.edition.shown_site_name  # the edition's, as its pages show
    if approved:
        subject = _("Your comment has been published – %(site)s") % {"site": site}
        if headline:
            verdict = _(
                "A moderator has approved your comment on “%(headline)s”: it is now published "
                "under the story."
            ) % {"headline": headline}
        else:
            verdict = _(
                "A moderator has approved your comment: it is now published under the story."
            )
    else:
        subject = _("Your comment was not published – %(site)s") % {"site": site}
        if headline:
            verdict = _(
                "A moderator has read your comment on “%(headline)s” and has not published it, "
                "because it breaks our community guidelines:"
            ) % {"headline": headline}
        else:
            verdict = _(
                "A moderator has read your comment and has not published it, because it breaks "
                "our community guidelines:"
            )
    context = {
        "greeting": _("Dear %(name)s,") % {"name": comment.name},
        "verdict": verdict,
        "approved": approved,
        "story_url": settings.SITE_URL + article.get_absolute_url() if published else "",
        "reason": str(decision.get_reason_display()) if not approved else "",
        "guidelines": _("Our guidelines, and how moderation works: %(url)s")
        % {"url": settings.SITE_URL + "/community-guidelines/"},
        "your_comment": _("Your comment:"),
        "body": comment.body,
        "why_this_email": _(
            "You asked to be told when your comment was decided; we send no other email about it."
        ),
        "site_name": site,
    }
    return subject, render_to_string("comments/email/decision.txt", context)
