from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from articles.latest import latest_page, latest_stories
from articles.models import Article, Author, Section

FRONT_SECTION_STORIES = 4


def paginate(request, queryset):
    """A page of the queryset; a missing, bad or out-of-range page is a 404."""
    paginator = Paginator(queryset, settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        raise Http404("No such page.") from None


def front(request):
    latest = latest_stories(limit=13)
    top, rest = (latest[0], latest[1:]) if latest else (None, [])
    sections = list(Section.objects.all())
    ids = Article.objects.published().newest_per_section(
        sections, per_section=FRONT_SECTION_STORIES, exclude=[story.pk for story in latest]
    )
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
    return render_article(request, article)


def render_article(request, article, extra_context=None):
    """The reader's article page; also used by previews of unpublished stories."""
    latest = latest_stories(exclude=article)
    context = {"article": article, "latest": latest}
    if extra_context:
        context.update(extra_context)
    return render(request, "articles/article_detail.html", context)


def latest(request):
    return render(
        request,
        "articles/latest.html",
        {
            "page": latest_page(request),
            "title": "The Latest",
            "intro": "Every story, newest first.",
        },
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, Article.objects.published().for_cards().filter(section=section))
    return render(
        request,
        "articles/article_list.html",
        {"page": page, "title": section.name, "intro": section.description, "section": section},
    )


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = paginate(request, Article.objects.published().for_cards().filter(tags=tag))
    return render(
        request,
        "articles/article_list.html",
        {"page": page, "title": tag.name, "intro": f"Stories tagged “{tag.name}”.", "tag": tag},
    )


def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = paginate(request, Article.objects.published().for_cards().filter(authors=author))
    return render(
        request,
        "articles/author_detail.html",
        {"page": page, "title": author.name, "author": author},
    )
