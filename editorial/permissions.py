"""Who may do what to an article: the one place the roles' rules are written.

Journalists (group "Journalists") have `articles.change_article` but neither
`review_article` nor `publish_article`: they edit their own drafts and submit
them for review. Editors (group "Editors") also have `review_article` (edit
any article, return it to draft) and `publish_article` (publish, schedule,
unpublish, mark as breaking). The admin asks these functions what to offer, and
the services ask them again before changing anything.
"""

from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Byline

Status = Article.Status

# What each kind of move needs, by (from, to).
SUBMIT, PUBLISH, RETURN, UNPUBLISH = "submit", "publish", "return", "unpublish"
MOVES = {
    (Status.DRAFT, Status.REVIEW): SUBMIT,
    (Status.DRAFT, Status.PUBLISHED): PUBLISH,
    (Status.REVIEW, Status.PUBLISHED): PUBLISH,
    (Status.REVIEW, Status.DRAFT): RETURN,
    (Status.PUBLISHED, Status.PUBLISHED): PUBLISH,  # a new publish time: reschedule
    (Status.PUBLISHED, Status.UNPUBLISHED): UNPUBLISH,
    (Status.UNPUBLISHED, Status.PUBLISHED): PUBLISH,
    (Status.UNPUBLISHED, Status.DRAFT): RETURN,
}


def can_review(user):
    return user.is_active and user.has_perm("articles.review_article")


def can_publish(user):
    return user.is_active and user.has_perm("articles.publish_article")


def is_own(user, article):
    """The user created the article or is on its byline."""
    if article.pk is None or article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def _may_open_articles(user):
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("articles.view_article") or user.has_perm("articles.change_article")


def can_view(user, article):
    if not _may_open_articles(user):
        return False
    return can_review(user) or is_own(user, article)


def viewable_articles(user, queryset=None):
    """The articles `user` may open in the admin: can_view() for many."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not _may_open_articles(user):
        return queryset.none()
    if can_review(user):
        return queryset
    on_byline = Byline.objects.filter(article=OuterRef("pk"), author__user=user)
    return queryset.filter(Q(created_by=user) | Q(Exists(on_byline)))


def visible_articles(user):
    """The articles whose headline and content `user` may see anywhere in the
    admin (a comment's story, a topic's stories): those readers can see, and
    those the user may open. A moderator sees nothing of a draft, a scheduled
    or an unpublished story; a journalist nothing of another's draft."""
    return Article.objects.published() | viewable_articles(user)


def can_edit(user, article):
    """May change the article's content (headline, body, byline...)."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if can_review(user):
        return True
    return article.status == Status.DRAFT and is_own(user, article)


def stories_locking_image(user, image_pk):
    """The published (or scheduled) stories showing library image `image_pk`
    that `user` may not edit: while there are any, what readers see of the
    image (images.models.READER_FIELDS) is not theirs to change either."""
    published = Article.objects.using_image(image_pk).filter(status=Status.PUBLISHED)
    return [article for article in published if not can_edit(user, article)]


def may_move(user, article, to):
    """May move `article` from its current status to `to`."""
    move = MOVES.get((article.status, to))
    if move is None or not user.is_active:
        return False
    if move == SUBMIT:
        return can_edit(user, article)
    if move == RETURN:
        return can_review(user)
    # Publishing, scheduling and unpublishing.
    return can_publish(user)


def allowed_statuses(user, article):
    """The statuses the user may move the article to, its current one first."""
    return [article.status] + [
        status
        for status in Status.values
        if status != article.status and may_move(user, article, status)
    ]
