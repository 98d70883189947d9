from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from taggit.models import Tag

from articles.latest import latest_stories
from articles.models import Article, Author, Section
from articles.pagination import PARAMS, FirstPage, paginate_stories
from pagecache import tag_page

FRONT_SECTION_STORIES = 4


def list_page(request, queryset, template, context, *tags):
    """A paginated list of stories (newest first), cached under `tags`."""
    try:
        page = paginate_stories(request, queryset)
    except FirstPage as first:
        return redirect(first.url)
    tag_page(request, *tags, params=PARAMS)
    return render(request, template, {**context, "page": page})


def front(request):
    latest = latest_stories(limit=13)
    top, rest = (latest[0], latest[1:]) if latest else (None, [])
    sections = list(Section.objects.all())
    ids = Article.objects.published().newest_per_section(
        sections, per_section=FRONT_SECTION_STORIES, exclude=[story.pk for story in latest]
    )
    tag_page(request, "latest", *(f"section:{section.slug}" for section in sections))
    by_section = {section.pk: [] for section in sections}
    for story in Article.objects.for_cards().filter(pk__in=ids) if ids else []:
        by_section[story.section_id].append(story)
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
    article = get_object_or_404(
        Article.objects.published().for_listing().prefetch_related("tags"), slug=slug
    )
    closes = article.comments_close_at
    tag_page(
        request,
        f"article:{article.pk}",
        "latest",  # The Latest in the sidebar
        *(f"author:{author.slug}" for author in article.byline),
        *(f"tag:{tag.slug}" for tag in article.tags.all()),
        # Comments close by themselves at this time: the form gives way to a notice.
        until=closes if closes and closes > timezone.now() else None,
    )
    return render_article(request, article)


def render_article(request, article, extra_context=None):
    """The reader's article page; also used by previews of unpublished stories."""
    latest = [story for story in latest_stories(limit=11) if story.pk != article.pk][:10]
    context = {"article": article, "latest": latest}
    if extra_context:
        context.update(extra_context)
    return render(request, "articles/article_detail.html", context)


def latest(request):
    return list_page(
        request,
        Article.objects.published().for_cards(),
        "articles/article_list.html",
        {"title": "The Latest", "intro": "Every story, newest first."},
        "latest",
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    return list_page(
        request,
        Article.objects.published().for_cards().filter(section=section),
        "articles/article_list.html",
        {"title": section.name, "intro": section.description, "section": section},
        f"section:{section.slug}",
    )


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return list_page(
        request,
        Article.objects.published().for_cards().filter(tags=tag),
        "articles/article_list.html",
        {"title": tag.name, "intro": f"Stories tagged “{tag.name}”.", "tag": tag},
        f"tag:{tag.slug}",
    )


def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    return list_page(
        request,
        Article.objects.published().for_cards().filter(authors=author),
        "articles/author_detail.html",
        {"title": author.name, "author": author},
        f"author:{author.slug}",
    )
