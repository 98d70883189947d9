from django import template
from django.db.models import Max, Prefetch, Q

from articles.models import Article, Byline
from editorial import permissions
from editorial.models import Transition

register = template.Library()


@register.inclusion_tag("admin/editorial/review_queue.html", takes_context=True)
def review_queue(context, limit=10):
    """Stories waiting for review, oldest first, on the admin index (editors only)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"show": False}
    if not permissions.can_review(user):
        return {"show": False, "returned": returned_to(user, limit)}
    waiting = permissions.in_editions(user, Article.objects.filter(status=Article.Status.REVIEW))
    queue = waiting.annotate(
        submitted_at=Max("transitions__at", filter=Q(transitions__to_status="review"))
    ).order_by("submitted_at", "pk")
    stories = list(
        queue.select_related("section").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )[:limit]
    )
    return {
        "show": True,
        "stories": stories,
        "count": waiting.count() if len(stories) == limit else len(stories),
    }


def returned_to(user, limit):
    """A journalist's stories the editors sent back, with the editor's note."""
    if not user.has_perm("articles.change_article"):
        return []
    returns = (
        Transition.objects.filter(
            from_status=Article.Status.REVIEW,
            to_status=Article.Status.DRAFT,
            article__status=Article.Status.DRAFT,
        )
        .filter(Q(article__created_by=user) | Q(article__bylines__author__user=user))
        .select_related("article", "by")
        .order_by("-at", "-pk")[: limit * 3]
    )
    seen, result = set(), []
    for transition in returns:
        if transition.article_id not in seen:
            seen.add(transition.article_id)
            result.append(transition)
    return result[:limit]
