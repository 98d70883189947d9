from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from taggit.models import Tag

from articles import queries
from articles.cards import newest_per_section
from articles.context_processors import sections as all_sections
from articles.latest import latest_stories
from articles.models import Author, Section
from articles.pagination import PARAMS, Redirect, paginate_stories
from newsroom.shared import SIDEBAR_LENGTH, shared
from pagecache import tag_page
from pagecache.store import memo

FRONT_SECTION_STORIES = 4


def list_page(request, filters, template, context, *tags):
    """A paginated list of visible stories (newest first), narrowed by
    `filters` (articles.cards.cards), cached under `tags`."""
    try:
        page = paginate_stories(request, **filters)
    except Redirect as elsewhere:
        return redirect(elsewhere.url, permanent=elsewhere.permanent)
    tag_page(request, *tags, params=PARAMS)
    return render(request, template, {**context, "page": page})


def front(request):
    latest = latest_stories(limit=13, request=request)
    top, rest = (latest[0], latest[1:]) if latest else (None, [])
    sections = all_sections(request)
    stories = newest_per_section(
        sections, per_section=FRONT_SECTION_STORIES, exclude=[story.pk for story in latest]
    )
    # Any change to a story readers see bumps `latest`: that covers the
    # section blocks too.
    tag_page(request, "latest")
    by_section = {section.pk: [] for section in sections}
    for story in stories:
        by_section[story.section_id].append(story)
    for group in by_section.values():
        group.sort(key=lambda story: (story.publish_at, story.pk), reverse=True)
    return render(
        request,
        "articles/front.html",
        {
            "top_story": top,
            "latest": rest,
            "sections_with_stories": [
                (section, by_section[section.pk]) for section in sections if by_section[section.pk]
            ],
        },
    )


def article_detail(request, slug):
    article = queries.published_article(slug)
    if article is None:
        raise Http404("No story at this address.")
    closes = article.comments_close_at
    # Few tags, so a cache hit reads few keys: renaming an author or a topic
    # bumps `article:<pk>` of each of their stories instead.
    tag_page(
        request,
        f"article:{article.pk}",
        "latest",  # The Latest in the sidebar
        # Comments close by themselves at this time: the form gives way to a notice.
        until=closes if closes and closes > timezone.now() else None,
    )
    return render_article(request, article)


def render_article(request, article, extra_context=None):
    """The reader's article page; also used by previews of unpublished stories."""
    context = {
        "article": article,
        "tags": list(article.tags.all()),
        "latest_html": sidebar(article, request),
        "posted_comment_form": None,  # the reader's form, when it has errors
    }
    if extra_context:
        context.update(extra_context)
    return render(request, "articles/article_detail.html", context)


def sidebar(article, request=None):
    """The Latest beside an article: the ten newest stories other than this one.

    The same for every article but the newest ten, and kept with the site's
    shared parts (newsroom/shared.py); each of the newest ten gets its own,
    without itself."""
    shown, html = shared(request)["sidebar"]
    if article.pk in shown:

        def render_sidebar():
            stories = latest_stories(limit=SIDEBAR_LENGTH, exclude=article, request=request)
            return render_to_string("articles/includes/the_latest.html", {"latest": stories})

        html = memo(f"article-sidebar-{article.pk}", ["latest"], render_sidebar, local=True)
    return mark_safe(html)


def latest(request):
    return list_page(
        request,
        {},
        "articles/latest.html",
        {"title": "The Latest", "intro": "Every story, newest first."},
        "latest",
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    return list_page(
        request,
        {"section": section},
        "articles/article_list.html",
        {"title": section.name, "intro": section.description, "section": section},
        f"section:{section.slug}",
    )


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return list_page(
        request,
        {"tag": tag},
        "articles/article_list.html",
        {"title": tag.name, "intro": f"Stories tagged “{tag.name}”.", "tag": tag},
        f"tag:{tag.slug}",
    )


def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    return list_page(
        request,
        {"author": author},
        "articles/author_detail.html",
        {"title": author.name, "author": author},
        f"author:{author.slug}",
    )
