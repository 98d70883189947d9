"""The comments part of the article page: the approved comments and the form."""

from django.conf import settings
from django.db.models import Q
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from markupsafe import Markup, escape

from comments.forms import CommentForm
from comments.models import Comment
from pagecache.memos import Memo, render_context
from reader import editions
from reader import sql as reads
from reader.formats import iso, linebreaks, local_date
from reader.pagination import cursor
from reader.sql import Select

COMMENT = Select(Comment, "c", fields=("name", "body", "created_at", "article"))


class CommentPage:
    """One page of a story's approved comments, oldest first.

    `items` are the comments, `total` how many the story has, `first` the
    number of the first one shown (1-based); `earlier_url` and `later_url`
    link to the pages before and after, or are None."""

    def __init__(self, items, *, total, first=1, earlier_url=None, later_url=None):
        self.items, self.total, self.first = items, total, first
        self.earlier_url, self.later_url = earlier_url, later_url

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)

    @property
    def last(self):
        return self.first + len(self.items) - 1


def approved_comments(article, *, first=None, total=None):
    """The first page of the article's approved comments, for the article
    page; with more than COMMENTS_PER_PAGE, a link to the next page of them.

    The article page's own query brings them (`first`) and their `total`
    along (reader.queries.ArticlePage); previews of unpublished stories and
    a posted form's page query them here."""
    items = first
    if items is None:
        items = _fetch(article, limit=settings.COMMENTS_PER_PAGE)
        total = Comment.objects.approved().filter(article=article).count()
    later = None
    if total > len(items) and items:
        later = _page_url(article, after=items[-1])
    return CommentPage(items, total=total, later_url=later)


def comment_page(article, *, after=None, before=None):
    """The page of approved comments after or before a (created_at, pk)
    position, with links on either side. Three queries on the story's
    approved-comments index (the page, the total, the comments before it):
    no OFFSET, whatever the page."""
    per_page = settings.COMMENTS_PER_PAGE
    if after is not None:
        items = _fetch(article, after=after, limit=per_page)
    else:
        items = _fetch(article, before=before, limit=per_page)[::-1]
    if not items:
        return None
    approved = Comment.objects.approved().filter(article=article)
    total = approved.count()
    head = items[0]
    earlier = (
        approved.filter(created_at__lte=head.created_at)
        .filter(Q(created_at__lt=head.created_at) | Q(pk__lt=head.pk))
        .count()
    )
    return CommentPage(
        items,
        total=total,
        first=earlier + 1,
        earlier_url=_page_url(article, before=head) if earlier else None,
        later_url=_page_url(article, after=items[-1]) if earlier + len(items) < total else None,
    )


def _page_url(article, **position):
    """The comments page before or after `comment`: _page_url(article, after=comment)."""
    ((side, comment),) = position.items()
    address = reverse("reader:comments", args=[article.slug])
    return f"{address}?{side}={cursor(comment.created_at, comment.pk)}"


def _fetch(article, *, after=None, before=None, limit):
    """Approved comments in created order from a position (exclusive): up to
    `limit` after it, or before it (those newest first)."""
    column = {
        name: reads.column(Comment, name) for name in ("article", "status", "created_at", "id")
    }
    created, pk = f"c.{column['created_at']}", f"c.{column['id']}"
    # The status written as a literal: with a parameter, PostgreSQL's generic
    # plan could not use the partial index of approved comments and read
    # every comment of the story (5.5 ms for one with 3,000).
    where = [
        f"c.{column['article']} = %s",
        f"c.{column['status']} = '{Comment.Status.APPROVED.value}'",
    ]
    params = [article.pk]
    order = "ASC"
    for position, sign in ((after, ">"), (before, "<")):
        if position is not None:
            when, key = position
            when = reads.datetime_param(when)
            # A row comparison bounds the index range (see reader.cards).
            where.append(f"({created}, {pk}) {sign} (%s, %s)")
            params += [when, int(key)]
            order = "ASC" if sign == ">" else "DESC"
    return COMMENT.fetch(
        reads.reads_db(),
        f"WHERE {' AND '.join(where)} ORDER BY {created} {order}, {pk} {order} LIMIT {int(limit)}",
        params,
    )


def comment_items(comments):
    """The <li> of each approved comment: name, time and text (the text's
    paragraphs and line breaks kept, everything escaped).

    Written here rather than as a template loop: an article can carry
    hundreds of comments, and this costs less than half as much per comment."""
    zone = timezone.get_current_timezone()
    edition = editions.current()
    language, digits = edition.code, edition.digits
    # The report page's address, with a marker for the comment's id (one reverse()).
    report = reverse("reader:report-comment", args=[0]).replace("/0/", "/{}/")
    # The link's visible word first, the rest for screen readers (WCAG 2.5.3).
    report_label = gettext('Report<span class="visually-hidden"> the comment by %(name)s</span>')
    return Markup(
        "".join(
            f'<li class="comment" id="comment-{int(comment.pk)}">\n'
            # Readers write in any script: each name and text is isolated
            # (a Latin name in a Sorani thread keeps the line in order).
            f'<p class="comment__meta"><bdi class="comment__name">{escape(comment.name)}</bdi>'
            f' <time datetime="{iso(comment.created_at)}">'
            f"{local_date(comment.created_at.astimezone(zone), language=language, digits=digits)}"
            "</time></p>\n"
            f'<div class="comment__body" dir="auto">{linebreaks(comment.body)}</div>\n'
            f'<p class="comment__report"><a href="{report.format(int(comment.pk))}" '
            f'rel="nofollow">{report_label % {"name": escape(comment.name)}}</a></p>\n</li>\n'
            for comment in comments
        )
    )


def comment_form(request, article, posted=None):
    """The form the reader posted (with its errors), or a fresh one."""
    if posted is not None and posted.article.pk == article.pk:
        return posted
    form = CommentForm(article=article)
    if getattr(request, "pagecache", None) is not None:
        # A page that may be stored, here and in shared caches, is the same
        # for every reader: no token in it. The form's script fetches one
        # (reader:comment-token); without script the post asks for one more
        # press of the button (comments.forms.CONFIRM_MESSAGE).
        form.initial["ts"] = form.fresh_ts = ""
    return form


_unbound = Memo("empty comment form parts", size=64)


def form_fields(form):
    """The form's fields (reader/comments/includes/form_fields.html). An empty
    form's are the same on every article page, so each process renders them
    once per language; a posted form's (with its errors) every time."""
    template = get_template("reader/comments/includes/form_fields.html")
    if form.is_bound:
        return Markup(template.render({"form": form}))
    return _unbound.get(
        (type(form), render_context()), lambda: Markup(template.render({"form": form}))
    )


def widget(field):
    """A comment form field's input. An empty form's inputs are the same on
    every article page, so each worker renders them once (per language)."""
    if field.form.is_bound:
        return Markup(str(field))
    return _unbound.get(
        (type(field.form), field.name, render_context()), lambda: Markup(str(field))
    )
