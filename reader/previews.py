"""Previews: how an unpublished story will look to readers, never cached or indexed."""

from types import SimpleNamespace

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from taggit.models import Tag

from articles.models import Article, Author
from articles.richtext import sanitize_html
from editorial import permissions
from editorial.models import ShareLink
from reader.comments import CommentPage
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


def preview_unsaved(request, article, *, topics, authors, **extra):
    """The story form as it stands, before it is saved (editorial.admin.desk):
    `article` an Article not to be saved, `topics` names, `authors` Authors in
    byline order. Nothing is written; the body is cleaned as a save would."""
    article.body = sanitize_html(article.body or "")
    article.slug = article.slug or slugify(article.headline, allow_unicode=True) or "story"
    now = timezone.now()
    if article.publish_at is None:
        article.publish_at = now
    article.updated_at = article.updated_at or now
    article.created_at = article.created_at or now
    article.__dict__["byline"] = list(authors)  # the byline as in the form
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=topics)}
    shown = [
        known.get(name) or SimpleNamespace(name=name, slug=slugify(name) or "topic")
        for name in topics
    ]
    context = {"preview": True, "noindex": True, "preview_unsaved": True, **extra}
    response = render_article(
        request, article, context, comments=CommentPage([], total=0), related=[], topics=shown
    )
    return no_index(response)


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


def _byline(data):
    """The authors of the form's byline rows, in the order they give."""
    rows = []
    try:
        total = min(int(data.get("bylines-TOTAL_FORMS", 0)), 100)
    except ValueError:
        total = 0
    for i in range(total):
        author, order = data.get(f"bylines-{i}-author"), data.get(f"bylines-{i}-order") or "0"
        if author and author.isdigit() and not data.get(f"bylines-{i}-DELETE"):
            rows.append((int(order) if order.isdigit() else 0, i, int(author)))
    found = Author.objects.in_bulk([author for _, _, author in rows])
    return [found[author] for _, _, author in sorted(rows) if author in found]


@never_cache
@staff_member_required
@require_POST
def unsaved_preview(request, pk=None):
    """The story form posted here (its "Preview unsaved changes" button, into
    a window of its own beside the form) shown as readers will see it. The
    form is read with the admin's own rules for this user; nothing is saved."""
    from django.contrib import admin

    model_admin = admin.site._registry[Article]
    story = None
    if pk is not None:
        story = Article.objects.filter(pk=pk).first()
        if story is None or not permissions.can_edit(request.user, story):
            raise Http404("No such story, or not one you may edit.")
    elif not model_admin.has_add_permission(request):
        raise Http404("You may not write stories.")
    form_class = model_admin.get_form(request, story, change=story is not None)
    form = form_class(request.POST, instance=story or Article())
    form.is_valid()  # what is valid is shown; errors are the form's business
    topics = [str(name) for name in (form.cleaned_data.get("tags") or [])]
    return preview_unsaved(request, form.instance, topics=topics, authors=_byline(request.POST))
