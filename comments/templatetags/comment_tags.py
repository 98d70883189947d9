from django import template

from comments.forms import CommentForm
from comments.models import Comment

register = template.Library()


@register.simple_tag
def approved_comments(article):
    """The article's approved comments, oldest first, as a list: one query.

    The count shown in the heading is len() of this list, never a second query.
    """
    return list(Comment.objects.for_article_page(article))


@register.simple_tag(takes_context=True)
def comment_form(context, article):
    """The form the reader posted (with its errors), or a fresh one."""
    form = context.get("comment_form")
    if form is None or form.article.pk != article.pk:
        form = CommentForm(article=article)
    return form
