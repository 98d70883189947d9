"""Readers report a published comment: reason from a short list, optional
note, no account. The page is the same for every reader (no CSRF token in
it): a cross-site post is refused from the browser's own headers
(throttle.origins), and reports are rate-limited per client address."""

from django.core.exceptions import BadRequest
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from comments.forms import ReportForm
from comments.models import Comment, CommentReport
from reader.commenting import allow_methods, refuse, require_utf8
from throttle.clients import client_ip
from throttle.limits import Limit
from throttle.origins import is_cross_site

# Reports from one address: a reader who reports a whole thread is still
# heard; a script is not.
REPORT_LIMIT = Limit("comment-report-ip", limit=10, period=3600)
# The largest id a database row can have (a bigint): anything beyond names no comment.
MAX_ID = 2**63 - 1


def reportable(pk):
    """The comment, if readers can see it: approved, on a published story."""
    if pk > MAX_ID:
        return None
    comment = Comment.objects.select_related("article").filter(pk=pk).first()
    if comment is None or comment.status != Comment.Status.APPROVED:
        return None
    if not comment.article.is_published:
        return None
    return comment


@csrf_exempt
@allow_methods("GET", "HEAD", "POST")
def report_comment(request, pk):
    comment = reportable(pk)
    if comment is None:
        return refuse(
            request,
            None,
            status=404,
            title=_("This comment cannot be reported"),
            message=_(
                "We can’t find a published comment at this address: it may have been "
                "removed already."
            ),
        )
    article = comment.article
    if request.method != "POST":
        sent = request.GET.get("sent") == "1"
        return render_form(request, comment, ReportForm(auto_id="report-%s"), sent=sent)
    if is_cross_site(request):
        return refuse(
            request,
            article,
            status=403,
            title=_("Report not sent"),
            message=_(
                "This report did not come from our own page, so it was not sent. "
                "Please use the Report link under the comment."
            ),
        )
    require_utf8(request)
    form = ReportForm(request.POST, auto_id="report-%s")
    if not form.is_valid():
        return render_form(request, comment, form, status=400)
    if not REPORT_LIMIT.allow(client_ip(request)):
        response = refuse(
            request,
            article,
            status=429,
            title=_("Too many reports in a short time"),
            message=_(
                "We limit how many reports can come from one address in an hour, to keep "
                "out abuse. Your report was not sent: please try again later."
            ),
        )
        response["Retry-After"] = str(REPORT_LIMIT.retry_after())
        return response
    with transaction.atomic():
        CommentReport.objects.create(
            comment=comment, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
        )
    return redirect(request.path + "?sent=1")


def render_form(request, comment, form, *, status=200, sent=False):
    if form.is_bound and not isinstance(form.data.get("reason", ""), str):
        raise BadRequest("Malformed report.")
    response = render(
        request,
        "reader/comments/report.html",
        {"comment": comment, "article": comment.article, "form": form, "sent": sent},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response
