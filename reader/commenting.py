from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt

from articles.links import absolute_url
from articles.models import Article
from comments.forms import CommentForm, sign_timestamp
from comments.models import Comment, canonical_email
from comments.moderation import FormAlreadyUsed, can_moderate, find_duplicate, submit_comment
from pages.models import Page
from reader import tags
from reader.comments import comment_page
from reader.editions import current_code
from reader.pagination import paging_param, parse_cursor
from reader.views import render_article
from throttle.clients import client_ip
from throttle.limits import Limit
from throttle.origins import is_cross_site

# Where the article page shows the confirmation (templates/reader/comments/comments.html).
POSTED_FRAGMENT = "#comment-posted"

# In English; shown in the reader's language (make messages extracts it).
AWAITING_MODERATION = gettext_noop(
    "Thank you. Your comment has been received and awaits moderation: it will appear "
    "under the story once a moderator has approved it."
)


def rate_limits():
    """The limits on posting comments: per client address and per email."""
    period = settings.COMMENTS_RATE_WINDOW
    return (
        Limit("comment-ip", settings.COMMENTS_RATE_PER_IP, period),
        Limit("comment-email", settings.COMMENTS_RATE_PER_EMAIL, period),
    )


def within_rate_limits(*, ip_address, email):
    """Count a submission against both limits (both, always). An email counts
    as the mailbox it reaches (pat+1@ and pat+2@ are one sender). Without the
    shared cache, the comments stored lately count instead."""
    by_ip, by_email = rate_limits()
    recent = Comment.objects.posted_since
    ip_ok = by_ip.allow(
        ip_address, recorded=lambda since: recent(since, ip_address=ip_address).count()
    )
    email_ok = by_email.allow(
        canonical_email(email), recorded=lambda since: recent(since, email=email).count()
    )
    return ip_ok and email_ok


def refuse(request, article, *, status, title, message):
    """A friendly refusal in the site's design; nothing is stored."""
    return render(
        request,
        "reader/comments/refused.html",
        {"article": article, "title": title, "message": message},
        status=status,
    )


def allow_methods(*methods):
    """Django's require_http_methods, answered with the site's 405 page."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if request.method in methods:
                return view(request, *args, **kwargs)
            response = render(request, "405.html", {"allowed": methods}, status=405)
            response["Allow"] = ", ".join(methods)
            return response

        return checked

    return decorator


def require_utf8(request):
    """Our forms are sent in UTF-8. A body declared in any other charset is
    not what the reader wrote: BadRequest, the site's 400 page. (Django's own
    rule for form bodies, which it applies to the charsets it knows when the
    form is read; an unknown one, "charset=nonsense", it reads as UTF-8.)"""
    charset = request.content_params.get("charset")
    if charset is not None and charset.lower() != "utf-8":
        raise BadRequest("The form was not sent in UTF-8.")


def show_form_again(request, article, form, *, status=400):
    """The story again, as the reader saw it, with the form's errors and
    everything typed (HTTP 400), and a fresh time-trap token."""
    article = Article.objects.for_listing().prefetch_related("tags").get(pk=article.pk)
    form.article = article
    response = render_article(request, article, {"posted_comment_form": form})
    response.status_code = status
    return response


# No CSRF token in the page (it is the same for every reader, and shared
# caches keep it): where the POST comes from is checked instead, from the
# browser's own headers (throttle.origins).
@csrf_exempt
@allow_methods("GET", "HEAD", "POST")
def post_comment(request, slug):
    if request.method == "POST" and is_cross_site(request):
        return csrf_failure(request, "cross-site POST (Sec-Fetch-Site / Origin)")
    article = Article.objects.filter(slug=slug).for_listing().prefetch_related("tags").first()
    if article is None or not article.is_published or article.edition_id != current_code():
        # Drafts and scheduled stories are as absent as missing ones.
        return refuse(
            request,
            None,
            status=404,
            title=_("This story is not open for comments"),
            message=_(
                "We can’t find a published story at this address, so your comment was not posted."
            ),
        )
    if request.method != "POST":
        return redirect(article.get_absolute_url() + "#comments")
    require_utf8(request)
    if not article.accepts_comments:
        return refuse(
            request,
            article,
            status=403,
            title=_("Comments are closed on this story"),
            message=_("This story no longer accepts comments, so your comment was not posted."),
        )

    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        # Posted without a token (no JavaScript): the form again, with one.
        status = 200 if form.refusal == "confirm" and len(form.errors) == 1 else 400
        return show_form_again(request, article, form, status=status)

    data = form.cleaned_data
    ip_address = client_ip(request)
    is_duplicate = find_duplicate(article=article, email=data["email"], body=data["body"])
    if not is_duplicate and not can_moderate(request.user):
        if not within_rate_limits(ip_address=ip_address, email=data["email"]):
            response = render(
                request,
                "reader/comments/rate_limited.html",
                {"article": article, "form": form},
                status=429,
            )
            response["Retry-After"] = str(rate_limits()[0].retry_after())
            return response
    try:
        submit_comment(
            article=article,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            ip_address=ip_address,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            form_nonce=form.nonce,
            notify_by_email=data.get("notify", False),
        )
    except FormAlreadyUsed:
        form.refuse_used()
        return show_form_again(request, article, form)
    messages.success(request, _(AWAITING_MODERATION))
    return redirect(article.get_absolute_url() + POSTED_FRAGMENT)


@allow_methods("GET", "HEAD")
def comment_token(request, slug):
    """A fresh time-trap token for a story's comment form, fetched by the
    form's script when the reader comes to it (static/js/reader.js): the
    article page itself holds none, so every reader gets the same page.
    Never kept by any cache."""
    article = Article.objects.filter(slug=slug).first()
    if article is None or not article.is_published or not article.accepts_comments:
        response = JsonResponse({"error": "This story does not accept comments."}, status=404)
    else:
        response = JsonResponse({"ts": sign_timestamp(article.pk)})
    response["Cache-Control"] = "private, no-store"
    return response


def comment_pages(request, slug):
    """A story's approved comments past the first page (which is under the
    story), COMMENTS_PER_PAGE at a time: ?after= and ?before= carry the
    position of a comment (reader.pagination cursors)."""
    article = get_object_or_404(
        Article.objects.published()
        .in_edition(current_code())
        .select_related("section")
        .only(
            "edition",
            "headline",
            "slug",
            "status",
            "publish_at",
            "comments_open",
            "section__name",
            "section__slug",
        ),
        slug=slug,
    )
    # One position, spelt as cursor() spells it: one address per page.
    side, value = paging_param(request, ("after", "before"))
    if side is None:
        return redirect(article.get_absolute_url() + "#comments")
    page = comment_page(article, **{side: parse_cursor(value)})
    if page is None:
        raise Http404("No comments on this page.")
    # Comment decisions refresh the story's pages, these included.
    tags.tag_page(request, tags.article(article.pk), params=("after", "before"))
    canonical = absolute_url(f"{escape_uri_path(request.path)}?{side}={value}")
    return render(
        request,
        "reader/comments/comment_page.html",
        {"article": article, "page": page, "canonical": canonical},
    )


def guidelines(request):
    """The community guidelines: the publication page of that name once
    editors have written one, else the site's own."""
    written = Page.objects.published().filter(slug=Page.GUIDELINES).first()
    if written is not None:
        return redirect(written)
    return render(
        request,
        "reader/comments/guidelines.html",
        {
            "close_after_days": settings.COMMENTS_CLOSE_AFTER_DAYS,
            "retention_days": settings.COMMENTS_PERSONAL_DATA_RETENTION_DAYS,
        },
    )


def csrf_failure(request, reason=""):
    """The security check failed (an old page, or cookies blocked): say so in
    the site's design, and give a reader back the comment they wrote."""
    body = ""
    match = getattr(request, "resolver_match", None)
    if request.method == "POST" and (match is None or match.view_name == "reader:comment"):
        body = request.POST.get("body", "")[:3000]
    return render(
        request,
        "reader/comments/csrf_failure.html",
        {"body": body, "back": request.META.get("HTTP_REFERER", "")},
        status=403,
    )
