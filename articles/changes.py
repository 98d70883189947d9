"""What changed that readers may see: one event, with its kinds named.

`content_changed` is sent whenever something readers see may have changed.
Its receivers decide what that means for them: the page cache's invalidation
(reader/invalidation.py), the search index (search/signals.py), the feeds'
change stamp (syndication/freshness.py) and the breaking banner
(reader/breaking.py). Keyword arguments:

- `change`: a `Change` (required): what kind of change;
- `article`: the story it is about (an Article), or None for site-wide changes;
- `before`: with Change.STORY, a `StoryState` of the story as the database had
  it before the save (None for a new story);
- `stories`: ids of the stories a change touches (Change.NAMES, Change.IMAGE);
- `subject`: the Author, topic (taggit's Tag), Section or Image that changed;
- `slugs`: with Change.NAMES, BYLINE and TOPICS, the slugs of the authors or
  topics concerned (for a rename, before and after);
- with Change.ARRANGEMENT, `subject` is the Section whose page was arranged,
  None for the front page;
- with Change.PAGE, `subject` is the publication page (pages.Page), `before`
  and `after` what readers saw of it (pages.changes.PageState, None when it
  did not exist).

This module turns the model signals of stories, bylines, topics, authors and
sections into these events, and works out once which stories an author or a
topic touches, for every receiver.
"""

import enum
from dataclasses import dataclass
from datetime import datetime

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal, receiver
from taggit.models import Tag

from articles.models import Article, Author, Byline, Section, TaggedArticle

content_changed = Signal()


class Change(enum.Enum):
    STORY = "story"  # saved: text, status, time, section, lead image...
    STORY_DELETED = "story-deleted"
    CORRECTION = "correction"  # a correction or update appended (or removed)
    COMMENTS = "comments"  # its approved comments (a moderator's decision)
    BYLINE = "byline"  # an author added to or removed from its byline
    TOPICS = "topics"  # topics added to or removed from it
    NAMES = "names"  # an author or a topic edited, renamed or deleted
    IMAGE = "image"  # a library image it shows changed or was deleted
    SECTIONS = "sections"  # a section added, renamed or removed: site-wide
    BREAKING = "breaking"  # the breaking-news banner: site-wide
    PAGE = "page"  # a publication page (about, contact...) saved or deleted
    ARRANGEMENT = "arrangement"  # an editor arranged the top of the front or a section page


@dataclass(frozen=True)
class StoryState:
    """What a story was before a save, as far as pages depend on it."""

    status: str
    publish_at: datetime | None
    slug: str
    section_slug: str | None
    breaking_until: datetime | None


def send(change, *, sender, article=None, **details):
    """content_changed.send(), with `change` checked to be a Change."""
    if not isinstance(change, Change):
        raise TypeError(f"{change!r} is not a Change")
    return content_changed.send(sender=sender, change=change, article=article, **details)


def stories_naming(subject):
    """Ids of the stories whose byline names an Author, or tagged with a Tag."""
    if isinstance(subject, Author):
        return list(Byline.objects.filter(author_id=subject.pk).article_ids())
    return list(TaggedArticle.objects.filter(tag_id=subject.pk).article_ids())


# --- Stories -------------------------------------------------------------------

_BEFORE = "_content_changed_before"  # set by pre_save for post_save, here only


@receiver(pre_save, sender=Article)
def _remember_story(sender, instance, raw=False, **kwargs):
    before = None
    if not raw and instance.pk is not None:
        row = (
            Article.objects.filter(pk=instance.pk)
            .values_list("status", "publish_at", "slug", "section__slug", "breaking_until")
            .first()
        )
        before = StoryState(*row) if row else None
    setattr(instance, _BEFORE, before)


@receiver(post_save, sender=Article)
def _story_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    send(Change.STORY, sender=Article, article=instance, before=getattr(instance, _BEFORE, None))


_LINKS = "_content_changed_links"


@receiver(pre_delete, sender=Article)
def _remember_links(sender, instance, **kwargs):
    # Its byline and topic rows go with it: note their slugs now.
    setattr(
        instance,
        _LINKS,
        (
            list(
                TaggedArticle.objects.filter(content_object_id=instance.pk).values_list(
                    "tag__slug", flat=True
                )
            ),
            list(
                Author.objects.filter(bylines__article_id=instance.pk).values_list(
                    "slug", flat=True
                )
            ),
        ),
    )


@receiver(post_delete, sender=Article)
def _story_deleted(sender, instance, **kwargs):
    topics, authors = getattr(instance, _LINKS, ((), ()))
    send(
        Change.STORY_DELETED,
        sender=Article,
        article=instance,
        slugs={"topics": topics, "authors": authors},
    )


# --- Bylines and topics ----------------------------------------------------------


@receiver([post_save, post_delete], sender=Byline)
def _byline_changed(sender, instance, raw=False, origin=None, **kwargs):
    # When the story itself is being deleted, its deletion says it all.
    if raw or isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    article = Article.objects.filter(pk=instance.article_id).first()
    if article is None:
        return
    slugs = list(Author.objects.filter(pk=instance.author_id).values_list("slug", flat=True))
    send(Change.BYLINE, sender=Byline, article=article, slugs={"authors": slugs})


_CLEARED = "_content_changed_cleared"


@receiver(m2m_changed, sender=TaggedArticle)
def _topics_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action == "pre_clear":
        if not reverse:
            setattr(instance, _CLEARED, list(instance.tags.values_list("slug", flat=True)))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        # tag.<articles>.add(...): the topic's stories, named by id.
        send(
            Change.NAMES,
            sender=Tag,
            subject=instance,
            stories=sorted(pk_set or ()),
            slugs={"topics": [instance.slug]},
        )
        return
    if action == "post_clear":
        slugs = getattr(instance, _CLEARED, [])
    else:
        slugs = list(Tag.objects.filter(pk__in=pk_set or ()).values_list("slug", flat=True))
    send(Change.TOPICS, sender=TaggedArticle, article=instance, slugs={"topics": slugs})


# --- Authors, topics and sections themselves --------------------------------------

_NAMED = "_content_changed_named"


def _remember_named(sender, instance, raw=False, **kwargs):
    """pre_save/pre_delete of an Author or a Tag: its slug before the change,
    and the stories naming it (gone after a delete cascades)."""
    named = (None, [])
    if not raw and instance.pk is not None:
        old_slug = type(instance).objects.filter(pk=instance.pk).values_list("slug", flat=True)
        named = (old_slug.first(), stories_naming(instance))
    setattr(instance, _NAMED, named)


def _named_changed(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return  # a new author or topic is on no page yet
    old_slug, stories = getattr(instance, _NAMED, (None, []))
    kind = "authors" if isinstance(instance, Author) else "topics"
    slugs = sorted({instance.slug, old_slug} - {None})
    send(Change.NAMES, sender=sender, subject=instance, stories=stories, slugs={kind: slugs})


for _model in (Author, Tag):
    _uid = _model.__name__.lower()
    pre_save.connect(_remember_named, sender=_model, dispatch_uid=f"changes-{_uid}-pre-save")
    pre_delete.connect(_remember_named, sender=_model, dispatch_uid=f"changes-{_uid}-pre-delete")
    post_save.connect(_named_changed, sender=_model, dispatch_uid=f"changes-{_uid}-saved")
    post_delete.connect(_named_changed, sender=_model, dispatch_uid=f"changes-{_uid}-deleted")


@receiver([post_save, post_delete], sender=Section)
def _sections_changed(sender, instance, **kwargs):
    # Site-wide: the masthead of every page lists the sections.
    send(Change.SECTIONS, sender=Section, subject=instance)
