"""Which pages each change refreshes.

`articles.signals.content_changed` is the main event (sent on article save and
delete, section changes, and by other apps on corrections and comment
decisions). Bylines, tags, authors and images have their own signals here.
Drafts and stories in review are seen by no reader: saving them refreshes
nothing.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Byline, TaggedArticle
from articles.signals import content_changed
from images.models import Image
from pagecache.api import invalidate

# Reasons that touch only the article's own page (its comments).
OWN_PAGE_ONLY = {"comment-decision", "comment", "comments"}


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _listing_urls():
    return [u for u in (_url("articles:front"), _url("articles:latest")) if u]


def _visible_or_due(status, publish_at):
    """Shown to readers now, or will be by itself (scheduled)."""
    return status == Article.Status.PUBLISHED and publish_at is not None


# --- articles ------------------------------------------------------------------


@receiver(pre_save, sender=Article)
def remember_article(sender, instance, raw=False, **kwargs):
    instance._pagecache_before = None
    if raw or instance.pk is None:
        return
    instance._pagecache_before = (
        Article.objects.filter(pk=instance.pk)
        .values("status", "publish_at", "breaking_until", "slug", "section__slug")
        .first()
    )


@receiver(pre_delete, sender=Article)
def remember_deleted_article(sender, instance, **kwargs):
    instance._pagecache_links = _article_links(instance)


def _article_links(article):
    """Slugs of the article's tags and authors."""
    tags = list(
        TaggedArticle.objects.filter(content_object_id=article.pk).values_list(
            "tag__slug", flat=True
        )
    )
    authors = list(
        Author.objects.filter(bylines__article_id=article.pk).values_list("slug", flat=True)
    )
    return tags, authors


def _breaking_matters(*values):
    now = timezone.now()
    return any(v is not None and v > now for v in values)


@receiver(content_changed)
def on_content_changed(sender, article=None, reason="", **kwargs):
    if article is None:
        # Site-wide (a section renamed, added or removed: the navigation).
        invalidate(["site"], urls=_listing_urls())
        return
    if reason in OWN_PAGE_ONLY:
        invalidate([f"article:{article.pk}"], urls=[article.get_absolute_url()])
        return

    before = getattr(article, "_pagecache_before", None)
    deleted = reason == "article-deleted"
    now_shown = not deleted and _visible_or_due(article.status, article.publish_at)
    if deleted:
        was_shown = _visible_or_due(article.status, article.publish_at)
    else:
        was_shown = before is not None and _visible_or_due(before["status"], before["publish_at"])
    if reason in ("article-saved", "article-deleted") and not (now_shown or was_shown):
        return  # a draft or a story in review, before and after: no reader sees it

    if deleted:
        tag_slugs, author_slugs = getattr(article, "_pagecache_links", ((), ()))
    else:
        tag_slugs, author_slugs = _article_links(article)
    section_slugs = set()
    if article.section_id:
        section_slugs.add(article.section.slug)
    slugs = {article.slug}
    breaking = [article.breaking_until]
    if before:
        section_slugs.add(before["section__slug"])
        slugs.add(before["slug"])
        breaking.append(before["breaking_until"])

    tags = {f"article:{article.pk}", "latest"}
    tags |= {f"section:{s}" for s in section_slugs}
    tags |= {f"tag:{s}" for s in tag_slugs}
    tags |= {f"author:{s}" for s in author_slugs}
    if _breaking_matters(*breaking):
        tags.add("site")  # the banner is on every page
    urls = [_url("articles:detail", s) for s in slugs]
    urls += [_url("articles:section", s) for s in section_slugs]
    urls += [_url("articles:tag", s) for s in tag_slugs]
    urls += [_url("articles:author", s) for s in author_slugs]
    invalidate(tags, urls=[u for u in urls + _listing_urls() if u])


def _article_is_shown(article_id):
    return Article.objects.filter(
        pk=article_id, status=Article.Status.PUBLISHED, publish_at__isnull=False
    ).exists()


# --- bylines and topics --------------------------------------------------------


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance, raw=False, **kwargs):
    if raw or not _article_is_shown(instance.article_id):
        return
    author_slug = Author.objects.filter(pk=instance.author_id).values_list("slug", flat=True)
    tags = [f"article:{instance.article_id}", "latest"]
    tags += [f"author:{s}" for s in author_slug]
    invalidate(tags, urls=[_url("articles:author", s) for s in author_slug])


@receiver(m2m_changed, sender=TaggedArticle)
def topics_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action == "pre_clear":
        if not reverse:
            instance._pagecache_cleared = list(instance.tags.values_list("slug", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # tag.<articles>.add(...): the tag's pages (the stories' carry "latest")
        invalidate([f"tag:{instance.slug}", "latest"])
        return
    if not isinstance(instance, Article) or not _article_is_shown(instance.pk):
        return
    if action == "post_clear":
        slugs = getattr(instance, "_pagecache_cleared", [])
    else:
        slugs = list(Tag.objects.filter(pk__in=pk_set or ()).values_list("slug", flat=True))
    tags = [f"article:{instance.pk}", "latest", *(f"tag:{s}" for s in slugs)]
    invalidate(tags, urls=[_url("articles:tag", s) for s in slugs if _url("articles:tag", s)])


# --- authors, tag names, images ------------------------------------------------


def _remember(model, stories):
    """pre_save/pre_delete: the slug before the change, and the stories that
    name the author or topic (gone after a delete cascades)."""

    def handler(sender, instance, raw=False, **kwargs):
        instance._pagecache_old_slug = None
        instance._pagecache_stories = []
        if not raw and instance.pk is not None:
            instance._pagecache_old_slug = (
                model.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
            )
            instance._pagecache_stories = list(stories(instance))

    return handler


def _stories_by(author):
    return Byline.objects.filter(author_id=author.pk).article_ids()


def _stories_tagged(tag):
    return TaggedArticle.objects.filter(tag_id=tag.pk).article_ids()


for _model, _stories, _uid in ((Author, _stories_by, "author"), (Tag, _stories_tagged, "tag")):
    _handler = _remember(_model, _stories)
    pre_save.connect(_handler, sender=_model, weak=False, dispatch_uid=f"pagecache-{_uid}-pre")
    pre_delete.connect(_handler, sender=_model, weak=False, dispatch_uid=f"pagecache-{_uid}-pd")


def _renamed(prefix, url_name):
    def handler(sender, instance, raw=False, created=False, **kwargs):
        if raw or created:
            return  # a new author or topic is on no page yet
        slugs = {instance.slug, getattr(instance, "_pagecache_old_slug", None)} - {None}
        stories = getattr(instance, "_pagecache_stories", [])
        # Names appear in bylines and topic lists (each story's page), on their
        # own pages, and in feeds (everything listing recent stories).
        invalidate(
            [
                *(f"{prefix}:{s}" for s in slugs),
                *(f"article:{pk}" for pk in stories),
                "latest",
            ],
            urls=[u for u in (_url(url_name, s) for s in slugs) if u],
        )

    return handler


author_changed = _renamed("author", "articles:author")
tag_changed = _renamed("tag", "articles:tag")
post_save.connect(author_changed, sender=Author, dispatch_uid="pagecache-author")
post_delete.connect(author_changed, sender=Author, dispatch_uid="pagecache-author-del")
post_save.connect(tag_changed, sender=Tag, dispatch_uid="pagecache-tag")
post_delete.connect(tag_changed, sender=Tag, dispatch_uid="pagecache-tag-del")


@receiver(post_save, sender=Image)
def image_changed(sender, instance, raw=False, created=False, **kwargs):
    """A new caption, credit or alt text shows wherever the image leads a story."""
    if raw or created:
        return
    ids = list(
        Article.objects.filter(lead_image=instance, status=Article.Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    if ids:
        invalidate(["latest", *(f"article:{pk}" for pk in ids)])
