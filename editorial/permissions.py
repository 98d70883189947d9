"""Who may do what to an article: the one place the roles' rules are written.

Journalists (group "Journalists") have `articles.change_article` but neither
`review_article` nor `publish_article`: they edit their own drafts and submit
them for review. Editors (group "Editors") also have `review_article` (edit
any article, return it to draft) and `publish_article` (publish, schedule,
unpublish, mark as breaking). The admin asks these functions what to offer, and
the services ask them again before changing anything.

Editions: a journalist or an editor may be limited to some editions (their
StaffProfile); every check below applies `works_in` / `editions_of`, so a
story of another edition is neither listed, opened, edited nor moved.
"""

from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Byline
from editorial.models import StaffProfile

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


def editions_of(user):
    """The codes of the editions `user` works in, or None for all of them
    (superusers, and staff whose profile names none). Read once per user
    object: a request's user asks the database once."""
    try:
        return user._newsroom_editions
    except AttributeError:
        pass
    codes = None
    if user.is_authenticated and not user.is_superuser:
        through = StaffProfile.editions.through
        found = through.objects.filter(staffprofile__user=user).values_list("edition_id", flat=True)
        codes = frozenset(found) or None
    user._newsroom_editions = codes
    return codes


def works_in(user, edition_id):
    """May work on stories of the edition `edition_id`."""
    codes = editions_of(user)
    return codes is None or edition_id in codes


def in_editions(user, queryset, field="edition"):
    """`queryset` narrowed to the editions `user` works in."""
    codes = editions_of(user)
    return queryset if codes is None else queryset.filter(**{f"{field}__in": codes})


def can_review(user):
    return user.is_active and user.has_perm("articles.review_article")


def can_publish(user):
    return user.is_active and user.has_perm("articles.publish_article")


def is_own(user, article):
    """The user created the article or is on its byline."""
    if article.pk is None or article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def may_open_articles(user):
    if not (user.is_active and user.is_staff):
        return False
    return user.has_perm("articles.view_article") or user.has_perm("articles.change_article")


def can_view(user, article):
    if not may_open_articles(user) or not works_in(user, article.edition_id):
        return False
    return can_review(user) or is_own(user, article)


def viewable_articles(user, queryset=None):
    """The articles `user` may open in the admin: can_view() for many."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not may_open_articles(user):
        return queryset.none()
    queryset = in_editions(user, queryset)
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


def can_read(user, article):
    """May read the story's text in the admin (to translate it, say):
    visible_articles() for one."""
    return may_open_articles(user) and (article.is_published or can_view(user, article))


def can_edit(user, article):
    """May change the article's content (headline, body, byline...)."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if not works_in(user, article.edition_id):
        return False
    if can_review(user):
        return True
    return article.status == Status.DRAFT and is_own(user, article)


def may_translate_into(user, edition):
    """May start a story (a translation) in `edition`."""
    return user.is_active and user.has_perm("articles.add_article") and works_in(user, edition.pk)


def can_publish_story(user, article):
    """May publish, unpublish or mark as breaking this story."""
    return can_publish(user) and works_in(user, article.edition_id)


def stories_locking_image(user, image_pk):
    """The published (or scheduled) stories showing library image `image_pk`
    that `user` may not edit: while there are any, what readers see of the
    image (images.models.READER_FIELDS) is not theirs to change either."""
    published = Article.objects.using_image(image_pk).filter(status=Status.PUBLISHED)
    return [article for article in published if not can_edit(user, article)]


def may_move(user, article, to):
    """May move `article` from its current status to `to`."""
    move = MOVES.get((article.status, to))
    if move is None or not user.is_active or not works_in(user, article.edition_id):
        return False
    if move == SUBMIT:
        return can_edit(user, article)
    if move == RETURN:
        return can_review(user)
    # Publishing, scheduling and unpublishing.
    return can_publish_story(user, article)


def allowed_statuses(user, article):
    """The statuses the user may move the article to, its current one first."""
    return [article.status] + [
        status
        for status in Status.values
        if status != article.status and may_move(user, article, status)
    ]
