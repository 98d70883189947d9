from django import template

from comments.forms import CommentForm, sign_timestamp
from comments.models import Comment
from pagecache.late import placeholder

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
        # A page the page cache may store gets a placeholder, replaced with a
        # timestamp signed when each reader is served (fresh_timestamp below).
        late_ts = placeholder(context.get("request"), "comment_ts", article.pk)
        if late_ts:
            form.initial["ts"] = form.fresh_ts = late_ts
    return form


def fresh_timestamp(request, article_id):
    """PAGECACHE_LATE_VALUES["comment_ts"]: the form's signed "served at" time."""
    return sign_timestamp(int(article_id))
