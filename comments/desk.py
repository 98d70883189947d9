"""The moderation screen: one page per queue, decided from the keyboard.

A custom view inside the comment admin (CommentAdmin mixes this in), so it
keeps the admin's look, login and permissions: anyone who may view comments
sees the queues, only `comments.can_moderate` may decide. Every decision is a
plain form POST to `decide_view`, which calls the same `decide()` (or
`keep_reported()`) as the rest of the admin; the screen's script
(comments/static/comments/desk.js) sends the same forms with fetch and asks
for JSON, so nothing needs JavaScript and nothing reloads with it.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from comments import queues as queue_rules
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
from comments.queues import (
    QUEUES,
    commenter_history,
    in_editions,
    in_queue,
    queue_counts,
    shown_count,
)
from editions.models import Edition
from editorial.permissions import editions_of

PER_PAGE = 50
# The commenter's own list: every comment from one email, any status.
COMMENTER = "commenter"


def numbered(choices):
    """Reasons as the screen offers them: "1 Profanity…", so that a key
    chooses one (r, then its number)."""
    return [(value, f"{n} {label}") for n, (value, label) in enumerate(choices, start=1)]


def edition_label(edition):
    """A story's edition as moderators see it beside a comment: its name in
    its own script, then its direction ("کوردی · right to left")."""
    direction = "right to left" if edition.is_rtl else "left to right"
    return format_html(
        '<span class="comment-edition"><span lang="{}">{}</span> · {}</span>',
        edition.pk,
        edition.name,
        direction,
    )


@dataclass
class Scope:
    """Which editions' comments the screen shows: those the moderator works
    in (editorial.permissions.editions_of), narrowed to one by `?edition=`."""

    offered: list  # the editions the moderator may choose among
    limited: bool = False  # the moderator works in some editions only
    chosen: object = None  # the Edition chosen, or None for all offered
    problem: str = ""  # why `?edition=` was not followed

    @property
    def codes(self):
        """The edition codes shown, or None for every edition."""
        if self.chosen is not None:
            return {self.chosen.pk}
        if self.limited:
            return {e.pk for e in self.offered}
        return None

    @property
    def all_label(self):
        return "All your editions" if self.limited else "All editions"

    def query(self, **extra):
        """The query string that keeps the choice (plus `extra`)."""
        params = {k: v for k, v in extra.items() if v}
        if self.chosen is not None:
            params["edition"] = self.chosen.pk
        return f"?{urlencode(params)}" if params else ""


def desk_scope(user, code):
    """The Scope for `user` asked for the edition `code` ("" for all)."""
    allowed = editions_of(user)
    offered = [e for e in Edition.objects.all() if allowed is None or e.pk in allowed]
    scope = Scope(offered=offered, limited=allowed is not None)
    if len(offered) == 1 and scope.limited:
        scope.chosen = offered[0]
    if code:
        found = next((e for e in offered if e.pk == code), None)
        if found is None:
            scope.problem = (
                f"No edition “{code[:20]}” among yours: showing {scope.all_label.lower()}."
            )
        else:
            scope.chosen = found
    return scope


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
        scope = desk_scope(request.user, request.GET.get("edition", "").strip())
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
        comments = in_editions(comments, scope.codes)
        counts = queue_counts(scope.codes)
        comments = comments.select_related("article__edition").prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.open(), to_attr="open_reports")
        )
        paginator = Paginator(comments, PER_PAGE)
        if queue in counts:
            # Counted already, for the tabs; a capped queue pages through
            # its latest COUNT_CAP comments (the list's filters reach the rest).
            paginator.count = min(counts[queue], queue_rules.COUNT_CAP)
        page = paginator.get_page(request.GET.get("page"))
        rows = list(page.object_list)
        histories = commenter_history({c.email for c in rows})
        for comment in rows:
            comment.history = histories.get(normalise_email(comment.email))
            comment.story = self.story_link(comment)
            comment.edition_label = edition_label(comment.article.edition)
        # The edition choice: links to this queue, one per edition (and one
        # for all of them), so that it works without JavaScript.
        edition_links = []
        if len(scope.offered) > 1:
            everything = f"?{urlencode({'email': email})}" if email else ""
            edition_links.append(
                {"edition": None, "url": request.path + everything, "current": not scope.chosen}
            )
        for edition in scope.offered if edition_links else ():
            params = {"email": email, "edition": edition.pk} if email else {"edition": edition.pk}
            edition_links.append(
                {
                    "edition": edition,
                    "url": f"{request.path}?{urlencode(params)}",
                    "current": edition == scope.chosen,
                }
            )
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
                "queues": [(q, shown_count(q.key, counts[q.key])) for q in QUEUES.values()],
                "queue_total": shown_count(queue, counts[queue]) if queue in counts else None,
                "scope": scope,
                "edition_query": scope.query(),
                "page_query": scope.query(email=email),
                "page_params": scope.query(email=email).lstrip("?"),
                "edition_links": edition_links,
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
        # The counts the screen shows back: those of its edition choice.
        codes = desk_scope(request.user, request.POST.get("edition", "").strip()).codes
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
                        "counts": shown_counts(queue_counts(codes)),
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
                    "counts": shown_counts(queue_counts(codes)),
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


def shown_counts(counts):
    return {key: shown_count(key, n) for key, n in counts.items()}


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")
