"""Previews: how an unpublished story will look to readers, never cached or indexed."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from articles.models import Article
from editorial import permissions
from editorial.models import ShareLink
from reader.views import render_article


def no_index(response):
    """Headers every preview carries: not cached, not indexed, no leaking referrer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store, max-age=0"
    # The secret token is in the address: don't hand it to sites the draft links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


def preview_article(request, article, **extra):
    article = (
        Article.objects.for_listing().prefetch_related("tags", "corrections").get(pk=article.pk)
    )
    if article.publish_at is None:
        # Not saved: a draft shows the time it would carry if published now.
        article.publish_at = timezone.now()
    context = {"preview": True, "noindex": True, **extra}
    return no_index(render_article(request, article, context))


@never_cache
@staff_member_required
def staff_preview(request, pk):
    """A story as readers will see it, for the staff who may open it."""
    article = Article.objects.filter(pk=pk).first()
    if article is None or not permissions.can_view(request.user, article):
        raise Http404("No such story, or not one you may open.")
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    return preview_article(request, article, preview_admin_url=change_url)


@never_cache
def shared_preview(request, token):
    """A draft shown to someone without an account, through a share link."""
    link = ShareLink.objects.select_related("article").filter(token=token[:64]).first()
    if link is None:
        raise Http404("No such preview.")
    if not link.is_active:
        response = render(
            request,
            "reader/preview_gone.html",
            {"revoked": link.revoked_at is not None, "noindex": True},
            status=410,
        )
        return no_index(response)
    if link.article.is_published:
        # Published since the link was made: readers' page it is.
        return redirect(link.article)
    return preview_article(request, link.article, share_link=link)
