from django import template
from django.db.models import Count, Min

from comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/moderation_summary.html", takes_context=True)
def moderation_summary(context):
    """The admin index panel: how many comments wait, and since when (one query)."""
    user = context["request"].user
    if not (user.has_perm("comments.can_moderate") or user.has_perm("comments.view_comment")):
        return {"show": False}
    summary = Comment.objects.filter(status=Comment.Status.PENDING).aggregate(
        pending=Count("pk"), oldest=Min("created_at")
    )
    return {"show": True, **summary}
