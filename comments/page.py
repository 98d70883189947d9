"""The comments part of the article page: the approved comments and the form."""

from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language
from markupsafe import Markup, escape

from comments.forms import CommentForm, sign_timestamp
from comments.models import Comment
from newsroom import reads
from newsroom.formats import iso, linebreaks, local_date
from newsroom.reads import Select
from pagecache.late import placeholder

COMMENT = Select(Comment, "c", fields=("name", "body", "created_at", "article"))


def approved_comments(article):
    """The article's approved comments, oldest first, as a list: one query on
    the (article, status, created_at) index, as Comment.objects.for_article_page().

    The count shown in the heading is len() of this list, never a second query.
    The article page's story comes with them already (articles.queries).
    """
    preloaded = getattr(article, "approved_comments", None)
    if preloaded is not None:
        return preloaded
    column = {
        name: reads.column(Comment, name) for name in ("article", "status", "created_at", "id")
    }
    return COMMENT.fetch(
        reads.reads_db(),
        f"WHERE c.{column['article']} = %s AND c.{column['status']} = %s"
        f" ORDER BY c.{column['created_at']}, c.{column['id']}",
        [article.pk, Comment.Status.APPROVED.value],
    )


def comment_items(comments):
    """The <li> of each approved comment: name, time and text (the text's
    paragraphs and line breaks kept, everything escaped).

    Written here rather than as a template loop: an article can carry
    hundreds of comments, and this costs less than half as much per comment."""
    zone = timezone.get_current_timezone()
    return Markup(
        "".join(
            f'<li class="comment" id="comment-{int(comment.pk)}">\n'
            f'<p class="comment__meta"><span class="comment__name">{escape(comment.name)}</span>'
            f' <time datetime="{iso(comment.created_at)}">'
            f"{local_date(comment.created_at.astimezone(zone))}</time></p>\n"
            f'<div class="comment__body">{linebreaks(comment.body)}</div>\n</li>\n'
            for comment in comments
        )
    )


def comment_form(request, article, posted=None):
    """The form the reader posted (with its errors), or a fresh one."""
    if posted is not None and posted.article.pk == article.pk:
        return posted
    form = CommentForm(article=article)
    # A page the page cache may store gets a placeholder, replaced with a
    # timestamp signed when each reader is served (fresh_timestamp below).
    late_ts = placeholder(request, "comment_ts", article.pk)
    if late_ts:
        form.initial["ts"] = form.fresh_ts = late_ts
    return form


_unbound_fields = {}


def form_fields(form):
    """The form's fields (comments/includes/form_fields.html). An empty
    form's are the same on every article page, so each process renders them
    once per language; a posted form's (with its errors) every time."""
    template = get_template("comments/includes/form_fields.html")
    if form.is_bound:
        return Markup(template.render({"form": form}))
    key = (type(form), get_language())
    html = _unbound_fields.get(key)
    if html is None:
        html = _unbound_fields[key] = Markup(template.render({"form": form}))
    return html


_unbound_widgets = {}


def widget(field):
    """A comment form field's input. An empty form's inputs are the same on
    every article page, so each worker renders them once (per language)."""
    if field.form.is_bound:
        return Markup(str(field))
    key = (type(field.form), field.name, get_language())
    html = _unbound_widgets.get(key)
    if html is None:
        html = _unbound_widgets[key] = Markup(str(field))
    return html


def fresh_timestamp(request, article_id):
    """PAGECACHE_LATE_VALUES["comment_ts"]: the form's signed "served at" time."""
    return sign_timestamp(int(article_id))
