"""The moderation screen: one page per queue, decided from the keyboard.

A custom view inside the comment admin (CommentAdmin mixes this in), so it
keeps the admin's look, login and permissions: anyone who may view comments
sees the queues, only `comments.can_moderate` may decide. Every decision is a
plain form POST to `decide_view`, which calls the same `decide()` (or
`keep_reported()`) as the rest of the admin; the screen's script
(comments/static/comments/desk.js) sends the same forms with fetch and asks
for JSON, so nothing needs JavaScript and nothing reloads with it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse

from comments.models import (
    Comment,
    CommentReport,
    KeepReason,
    RejectionReason,
    normalise_email,
)
from comments.moderation import (
    DecidedMeanwhile,
    DecisionError,
    can_moderate,
    decide,
    keep_reported,
)
from comments.queues import QUEUES, commenter_history, in_queue, queue_counts

PER_PAGE = 50
# The commenter's own list: every comment from one email, any status.
COMMENTER = "commenter"


def numbered(choices):
    """Reasons as the screen offers them: "1 Profanity…", so that a key
    chooses one (r, then its number)."""
    return [(value, f"{n} {label}") for n, (value, label) in enumerate(choices, start=1)]


class ModerationDeskMixin:
    def desk_urls(self):
        view = self.admin_site.admin_view
        return [
            path("moderate/", view(self.desk_view), name="comments_comment_moderate"),
            path(
                "moderate/<path:object_id>/decide/",
                view(self.decide_view),
                name="comments_comment_decide",
            ),
            path("moderate/<slug:queue>/", view(self.desk_view), name="comments_comment_queue"),
        ]

    # The screen.
    def desk_view(self, request, queue="pending"):
        if not self.has_view_permission(request):
            raise PermissionDenied
        email = ""
        if queue == COMMENTER:
            email = normalise_email(request.GET.get("email", ""))
            if not email:
                raise Http404("Which commenter?")
            comments = self.get_queryset(request).filter(email=email).order_by("-created_at", "-pk")
            title = f"Comments from {email}"
        elif queue in QUEUES:
            comments = in_queue(self.get_queryset(request), queue)
            title = f"Moderation: {QUEUES[queue].label.lower()}"
        else:
            raise Http404("No such queue.")
        counts = queue_counts()
        comments = comments.select_related("article").prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.open(), to_attr="open_reports")
        )
        paginator = Paginator(comments, PER_PAGE)
        if queue in counts:
            paginator.count = counts[queue]  # counted already, for the tabs
        page = paginator.get_page(request.GET.get("page"))
        rows = list(page.object_list)
        histories = commenter_history({c.email for c in rows})
        for comment in rows:
            comment.history = histories.get(normalise_email(comment.email))
            comment.story = self.story_link(comment)
        return TemplateResponse(
            request,
            "admin/comments/desk.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "queue": queue,
                "queue_info": QUEUES.get(queue),
                "email": email,
                "queues": [(q, counts[q.key]) for q in QUEUES.values()],
                "page": page,
                "rows": rows,
                "can_moderate": can_moderate(request.user),
                "reject_reasons": numbered(RejectionReason.choices),
                "keep_reasons": numbered(KeepReason.choices),
                "here": request.get_full_path(),
                "commenter_url": reverse("admin:comments_comment_queue", args=[COMMENTER]),
                "list_url": reverse("admin:comments_comment_changelist"),
            },
        )

    def story_link(self, comment):
        """(headline, address) of the comment's story, or (None, None) where
        the user may not see it (comments.admin.UNSEEN_STORY)."""
        if not getattr(comment, "article_shown", False):
            return None, None
        article = comment.article
        if article.is_published:
            return article.headline, article.get_absolute_url()
        return article.headline, reverse("admin:articles_article_change", args=[article.pk])

    # A decision.
    def decide_view(self, request, object_id):
        # The same checks as the approve and reject URLs: POST, can_moderate,
        # an id that is no number is a 404.
        comment, refusal = self._decision_target(request, object_id)
        if refusal:
            return refusal
        action = request.POST.get("decision", "")
        reason = request.POST.get("reason", "")
        note = request.POST.get("note", "")[:500]
        name = comment.name
        # What the moderator saw: a colleague's decision since is not reversed.
        seen = request.POST.get("seen", "") or None
        try:
            if action == "approve":
                changed = decide(
                    comment=comment,
                    to_status=Comment.Status.APPROVED,
                    moderator=request.user,
                    seen_status=seen,
                )
                done = f"Approved the comment by {name}." if changed else "Already approved."
            elif action == "reject":
                changed = decide(
                    comment=comment,
                    to_status=Comment.Status.REJECTED,
                    moderator=request.user,
                    reason=reason,
                    note=note,
                    seen_status=seen,
                )
                label = RejectionReason(reason).label
                done = (
                    f"Rejected the comment by {name}: {label}." if changed else "Already rejected."
                )
            elif action == "keep":
                changed = keep_reported(
                    comment=comment, moderator=request.user, reason=reason, note=note
                )
                done = (
                    f"Kept the comment by {name}: {KeepReason(reason).label}."
                    if changed
                    else "Nothing to answer: no open report, or no longer published."
                )
            else:
                raise DecisionError("Approve, reject or keep?")
        except DecidedMeanwhile as error:
            # Gone from this queue: the screen drops the row and says so.
            if wants_json(request):
                return JsonResponse(
                    {
                        "ok": True,
                        "changed": False,
                        "message": f"Comment by {name}: {error}",
                        "status": error.comment.get_status_display(),
                        "counts": queue_counts(),
                    }
                )
            self.message_user(request, f"Comment by {name}: {error}", messages.WARNING)
            return self._back_to_desk(request)
        except DecisionError as error:
            if wants_json(request):
                return JsonResponse({"ok": False, "message": str(error)}, status=400)
            self.message_user(request, f"Comment by {name}: {error}", messages.ERROR)
            return self._back_to_desk(request)
        if wants_json(request):
            return JsonResponse(
                {
                    "ok": True,
                    "changed": changed,
                    "message": done,
                    "status": comment.get_status_display(),
                    "counts": queue_counts(),
                }
            )
        self.message_user(request, done, messages.SUCCESS if changed else messages.INFO)
        return self._back_to_desk(request)

    def _back_to_desk(self, request):
        target = request.POST.get("next", "")
        desk = reverse("admin:comments_comment_moderate")
        if target.startswith(desk) and "//" not in target and "\\" not in target:
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(desk)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")
