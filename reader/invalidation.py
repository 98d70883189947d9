"""Which pages each change refreshes, and when pages change by themselves.

Every change readers may see arrives as one `content_changed` event
(articles.changes), naming what changed; this module turns it into the page
cache's tags (reader/tags.py) and the addresses a CDN should purge. Drafts and
stories in review are on no page: their saves refresh nothing.

`next_due` is the page cache's PAGECACHE_NEXT_DUE hook: the moment a page
changes with nobody saving anything (a scheduled story comes into view, a
breaking banner ends), at which stored pages expire.
"""

from datetime import UTC, datetime

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from articles import visibility
from articles.changes import Change, content_changed
from articles.models import Article, Author, TaggedArticle
from editions.models import Edition
from pagecache import invalidate
from reader import queries, tags
from reader.editions import current_code, in_edition


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _urls(name, slugs):
    return [url for url in (_url(name, slug) for slug in slugs) if url]


def _front_url():
    return [url for url in (_url("reader:front"),) if url]


def _listing_urls():
    return [url for url in (_url("reader:front"), _url("reader:latest")) if url]


def _on_a_page(story):
    """Shown to readers now, or will be by the clock alone (scheduled)."""
    return story is not None and visibility.matches(
        visibility.shown_or_due_q(timezone.now()), story
    )


def _breaking_matters(*values):
    now = timezone.now()
    return any(value is not None and value > now for value in values)


def _links(article_ids):
    """Slugs of the topics and authors of these stories."""
    topics = set(
        TaggedArticle.objects.filter(content_object_id__in=article_ids).values_list(
            "tag__slug", flat=True
        )
    )
    authors = set(
        Author.objects.filter(bylines__article_id__in=article_ids).values_list("slug", flat=True)
    )
    return topics, authors


@receiver(content_changed)
def refresh_pages(sender, change, article=None, **details):
    # Addresses in the story's own edition, whichever language the admin
    # runs in (reader.editions: the edition's prefix follows the language).
    code = article.__dict__.get("edition_id") if article is not None else None
    with in_edition(code or current_code()):
        _refresh_pages(change, article, **details)


def _refresh_pages(change, article=None, **details):
    if change in (Change.SECTIONS, Change.BREAKING):
        invalidate([tags.SITE], urls=_listing_urls())
    elif change is Change.COMMENTS:
        invalidate([tags.article(article.pk)], urls=[article.get_absolute_url()])
    elif change in (Change.BYLINE, Change.TOPICS):
        _story_lists_changed(article, **details)
    elif change is Change.NAMES:
        _names_changed(**details)
    elif change is Change.PAGE:
        _page_changed(**details)
    elif change is Change.ARRANGEMENT:
        section = details.get("subject")
        if section is None:
            invalidate([tags.arranged()], urls=_front_url())
        else:
            invalidate([tags.arranged(section.slug)], urls=_urls("reader:section", [section.slug]))
    elif change is Change.IMAGE:
        for story in Article.objects.filter(pk__in=details["stories"]).select_related("section"):
            _story_changed(story)
    else:  # STORY, STORY_DELETED, CORRECTION
        _story_changed(article, change=change, **details)


@receiver([post_save, post_delete], sender=Edition)
def edition_changed(sender, instance, **kwargs):
    """An edition switched on or off, renamed, its digits changed: every
    page shows the editions (the switcher, the alternates, the site name)."""
    invalidate([tags.SITE], urls=_listing_urls())


def _story_changed(article, *, change=None, before=None, slugs=None, **details):
    if not (_on_a_page(article) or _on_a_page(before)):
        return  # a draft or a story in review, before and after: no reader sees it
    if change is Change.STORY_DELETED:
        topic_slugs, author_slugs = (
            (slugs or {}).get("topics", ()),
            (slugs or {}).get("authors", ()),
        )
    else:
        topic_slugs, author_slugs = _links([article.pk])
    section_slugs = {article.section.slug} if article.section_id else set()
    story_slugs = {article.slug}
    breaking = [article.breaking_until]
    if before is not None:
        section_slugs.add(before.section_slug)
        story_slugs.add(before.slug)
        breaking.append(before.breaking_until)
    section_slugs.discard(None)
    bumped = {tags.article(article.pk), tags.related(article.pk), tags.LATEST}
    # Its translations' pages link to it (alternates, the switcher).
    bumped |= {tags.article(pk) for pk in _group(article)}
    # The stories whose related stories it may join where it stands now
    # (where it stood, those listing it carry its `related` tag): only when
    # it may stand somewhere new.
    neighbours = _neighbours(article) if _moved(change, article, before) else {}
    bumped |= {tags.article(pk) for pk in neighbours}
    bumped |= {tags.section(slug) for slug in section_slugs}
    bumped |= {tags.topic(slug) for slug in topic_slugs}
    bumped |= {tags.author(slug) for slug in author_slugs}
    if _breaking_matters(*breaking):
        bumped.add(tags.SITE)  # the banner is on every page
    urls = _urls("reader:article", story_slugs) + list(neighbours.values())
    urls += _urls("reader:section", section_slugs)
    urls += _urls("reader:topic", topic_slugs)
    urls += _urls("reader:author", author_slugs)
    invalidate(bumped, urls=urls + _listing_urls())


def _moved(change, article, before):
    """Whether a story saved may now stand where it did not in the lists its
    neighbours' related stories are read from (reader.queries.may_show): it
    came into view, or its time or section changed. An edit in place, an
    image or a correction leaves it where it was: the pages listing it are
    refreshed by its `related` tag. (Its topics: _story_lists_changed.)"""
    if change is not Change.STORY:
        return False
    if before is None or not _on_a_page(before):
        return True
    section = article.section.slug if article.section_id else None
    return before.publish_at != article.publish_at or before.section_slug != section


def _neighbours(article):
    """The stories whose related stories may list `article` now, {id: their
    address} (reader.queries.may_show; a topic's may be of another edition)."""
    if not _on_a_page(article):
        return {}
    ids = queries.may_show(article)
    stories = Article.objects.filter(pk__in=ids).only("slug", "edition") if ids else ()
    return {story.pk: story.get_absolute_url() for story in stories}


def _group(article):
    """The other stories of the article's translation group (ids)."""
    original = article.translation_of_id or article.pk
    return (
        Article.objects.filter(Q(pk=original) | Q(translation_of_id=original))
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
    )


def _story_lists_changed(article, *, slugs, **details):
    """An author joined or left the byline, topics were added or removed."""
    if not _on_a_page(article):
        return
    topic_slugs, author_slugs = slugs.get("topics", ()), slugs.get("authors", ())
    neighbours = _neighbours(article)  # of its new topics among them
    # (Pages listing it: a topic gone may take it out of theirs.)
    bumped = [tags.article(article.pk), tags.related(article.pk), tags.LATEST]
    bumped += [tags.article(pk) for pk in neighbours]
    bumped += [tags.topic(slug) for slug in topic_slugs]
    bumped += [tags.author(slug) for slug in author_slugs]
    urls = _urls("reader:topic", topic_slugs) + _urls("reader:author", author_slugs)
    urls += list(neighbours.values())
    invalidate(bumped, urls=urls)


def _names_changed(*, stories, slugs, **details):
    """An author or a topic edited, renamed or deleted: names appear in
    bylines and topic lists (each story's page), on their own pages, and in
    feeds (everything listing recent stories)."""
    topic_slugs, author_slugs = slugs.get("topics", ()), slugs.get("authors", ())
    # (A topic deleted or merged moves its stories in others' related stories.)
    bumped = [tags.LATEST, *(tags.article(pk) for pk in stories)]
    bumped += [tags.related(pk) for pk in stories]
    bumped += [tags.topic(slug) for slug in topic_slugs]
    bumped += [tags.author(slug) for slug in author_slugs]
    urls = _urls("reader:topic", topic_slugs) + _urls("reader:author", author_slugs)
    invalidate(bumped, urls=urls)


def _page_changed(*, subject, before, after, **details):
    """A publication page saved or deleted: its own address; the sitemaps
    while readers may see it; every page when the footer's link to it
    changed. An unpublished page, before and after, is on no page."""
    states = [state for state in (before, after) if state is not None]
    if not any(state.published for state in states):
        return
    bumped = [tags.page(subject.pk), tags.PAGES]
    if (before and before.footer_entry) != (after and after.footer_entry):
        bumped.append(tags.SITE)
    urls = _urls("reader:page", {state.slug for state in states})
    invalidate(bumped, urls=urls)


def next_due(now):
    """The earliest future moment (a timestamp, 0.0 for none) a public page
    changes with no one saving anything: a scheduled story coming into view,
    a breaking banner ending."""
    at = datetime.fromtimestamp(now, tz=UTC)
    clock = visibility.CLOCK_FIELD
    candidates = []
    comes_due = (
        Article.objects.filter(visibility.scheduled_q(at))
        .order_by(clock)
        .values_list(clock, flat=True)
        .first()
    )
    if comes_due:
        candidates.append(comes_due.timestamp())
    banner_ends = (
        Article.objects.filter(breaking_until__gt=at)
        .order_by("breaking_until")
        .values_list("breaking_until", flat=True)
        .first()
    )
    if banner_ends:
        candidates.append(banner_ends.timestamp())
    return min(candidates) if candidates else 0.0
