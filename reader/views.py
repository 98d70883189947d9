import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.models import Author, Section
from pagecache.store import memo
from pages.models import Page
from reader import editions, queries, tags
from reader.arrangement import arrange, next_change, placed
from reader.cards import newest_per_section
from reader.comments import approved_comments
from reader.context_processors import sections as all_sections
from reader.editions import DEFAULT as DEFAULT_EDITION
from reader.editions import current_code
from reader.latest import latest_stories
from reader.pagination import PARAMS, Redirect, paginate_stories
from reader.shared import SIDEBAR_LENGTH, shared

log = logging.getLogger(__name__)

FRONT_SECTION_STORIES = 4
# Seconds a reader (or a crawler) is asked to wait when the database is down.
RETRY_AFTER = 30


def list_page(request, filters, template, context, *page_tags):
    """A paginated list of visible stories (newest first), narrowed by
    `filters` (reader.cards.cards), cached under `tags`."""
    try:
        page = paginate_stories(request, **filters)
    except Redirect as elsewhere:
        return redirect(elsewhere.url, permanent=elsewhere.permanent)
    tags.tag_page(request, *page_tags, params=PARAMS)
    return render(request, template, {**context, "page": page})


def front(request):
    # The editors' placements in the top slots, the rest by time.
    placements = placed()
    latest = arrange(placements, latest_stories(limit=13, request=request), length=13)
    top, rest = (latest[0], latest[1:]) if latest else (None, [])
    sections = all_sections(request)
    stories = newest_per_section(
        sections, per_section=FRONT_SECTION_STORIES, exclude=[story.pk for story in latest]
    )
    # Any change to a story readers see bumps LATEST: that covers the
    # section blocks too. A pin that ends changes the page by itself.
    tags.tag_page(request, tags.LATEST, tags.arranged(), until=next_change(placements))
    by_section = {section.pk: [] for section in sections}
    for story in stories:
        by_section[story.section_id].append(story)
    for group in by_section.values():
        group.sort(key=lambda story: (story.publish_at, story.pk), reverse=True)
    return render(
        request,
        "reader/front.html",
        {
            "top_story": top,
            "latest": rest,
            "sections_with_stories": [
                (section, by_section[section.pk]) for section in sections if by_section[section.pk]
            ],
        },
    )


def article_detail(request, slug):
    page = queries.published_article(slug)
    if page is None:
        raise Http404("No story at this address.")
    article = page.article
    closes = article.comments_close_at
    # Few tags, so a cache hit reads few keys: renaming an author or a topic
    # bumps `article:<pk>` of each of their stories instead. Not LATEST: The
    # Latest beside the story is a fragment cached apart (latest_fragment),
    # so a story published elsewhere leaves this page cached. Nor its section
    # or topics: its related stories are those nearest to it in time, which
    # a story published now joins only on the few pages next to it
    # (queries.may_show, refreshed by reader.invalidation); a related story
    # edited or withdrawn refreshes this page by its `related` tag.
    tags.tag_page(
        request,
        tags.article(article.pk),
        *(tags.related(card.pk) for card in page.related),
        # Comments close by themselves at this time: the form gives way to a notice.
        until=closes if closes and closes > timezone.now() else None,
    )
    comments = approved_comments(article, first=page.first_comments, total=page.comment_count)
    return render_article(
        request, article, comments=comments, related=page.related, translations=page.translations
    )


def render_article(
    request,
    article,
    extra_context=None,
    *,
    comments=None,
    related=None,
    topics=None,
    translations=(),
):
    """The reader's article page; also used by previews of unpublished stories
    and to show a posted comment form's errors. `comments`: the first page
    of its approved comments (reader.comments.CommentPage), `related`: its
    related stories (reader.cards.Card), `topics` its topics; each looked up
    when not given. `translations`: its visible translations, (edition code,
    slug) each, for the alternates and the language switcher."""
    context = {
        "article": article,
        "comments": comments if comments is not None else approved_comments(article),
        "related": related if related is not None else queries.related_stories(article),
        "tags": topics if topics is not None else list(article.tags.all()),
        "translations": list(translations),
        "latest_arg": latest_arg(article),
        "posted_comment_form": None,  # the reader's form, when it has errors
    }
    if extra_context:
        context.update(extra_context)
    return render(request, "reader/article_detail.html", context)


def sidebar(article_pk, request=None):
    """The Latest beside an article: the ten newest stories other than this one.

    The same for every article but the newest ten, and kept with the site's
    shared parts (reader/shared.py); each of the newest ten gets its own,
    without itself."""
    shown, html = shared(request)["sidebar"]
    if article_pk in shown:

        def render_sidebar():
            stories = latest_stories(limit=SIDEBAR_LENGTH + 1, request=request)
            stories = [story for story in stories if story.pk != article_pk][:SIDEBAR_LENGTH]
            return render_to_string("reader/includes/the_latest.html", {"latest": stories})

        html = memo(
            f"article-sidebar-{article_pk}:{get_language()}",
            [tags.LATEST],
            render_sidebar,
            local=True,
        )
    return mark_safe(html)


LANGUAGE_CODES = frozenset(code for code, _ in settings.LANGUAGES)


def latest_arg(article):
    """The Latest's fragment argument for `article`'s page: the edition and
    the story ("ckb_42"). The fragment is filled after the page is built (in
    the page cache, or by Varnish at /_include/latest/ckb_42/), where the
    edition of the request is no longer active: it travels in the argument.
    An unsaved story's preview (no id yet) gets 0: The Latest as any page."""
    return f"{current_code()}_{article.pk or 0}"


def latest_fragment(request, arg):
    """PAGECACHE_FRAGMENTS["latest"]: The Latest beside the story of `arg`
    (latest_arg), cached apart from the article pages (pagecache.fragments):
    in our page cache, spliced into each page as it is served; behind
    Varnish, an ESI include at /_include/latest/<arg>/. Tagged LATEST only.
    Not stored here: it is read from the shared parts' memo, without a
    query, and its addresses are as many as numbers (shared caches keep it,
    purged by tag)."""
    code, _, pk = arg.rpartition("_")
    code = code or DEFAULT_EDITION  # an include from before editions: "42"
    # A language the site has (settings, no query: this runs on every page
    # cache hit); the page that names it was served in that edition.
    if code not in LANGUAGE_CODES:
        raise LookupError(f"No edition {code!r}")
    with editions.in_edition(code):
        tags.tag_page(request, *latest_fragment.tags, store=False)
        return sidebar(int(pk), request)


# Its tags, named ahead for the pages including it (pagecache.fragments).
latest_fragment.tags = (tags.SITE, tags.LATEST)


def latest(request):
    return list_page(
        request,
        {},
        "reader/latest.html",
        {"title": _("The Latest"), "intro": _("Every story, newest first.")},
        tags.LATEST,
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug, edition_id=current_code())
    try:
        page = paginate_stories(request, section=section)
    except Redirect as elsewhere:
        return redirect(elsewhere.url, permanent=elsewhere.permanent)
    until = None
    if page.number == 1 and page.newer_url is None:
        # The first page opens with the stories editors placed at its top;
        # its links to older pages follow the time order as before.
        placements = placed(section)
        if placements:
            page.stories = arrange(placements, page.stories, length=len(page.stories) + 5)
            until = next_change(placements)
    tags.tag_page(
        request, tags.section(section.slug), tags.arranged(section.slug), until=until, params=PARAMS
    )
    return render(
        request,
        "reader/article_list.html",
        {"title": section.name, "intro": section.description, "section": section, "page": page},
    )


def topic(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return list_page(
        request,
        {"tag": tag},
        "reader/article_list.html",
        {
            "title": tag.name,
            "intro": _("Stories tagged “%(topic)s”.") % {"topic": tag.name},
            "tag": tag,
        },
        tags.topic(tag.slug),
    )


def author(request, slug):
    author = get_object_or_404(Author, slug=slug, edition_id=current_code())
    return list_page(
        request,
        {"author": author},
        "reader/author_detail.html",
        {"title": author.name, "author": author},
        tags.author(author.slug),
    )


def publication_page(request, slug):
    """A page of the publication's own: about, contact, policies. Written
    once, in the default edition: the other editions' address leads there."""
    page = get_object_or_404(Page.objects.published(), slug=slug)
    if current_code() != DEFAULT_EDITION:
        return redirect(page, permanent=True)
    tags.tag_page(request, tags.page(page.pk))
    return render(request, "reader/page.html", {"publication_page": page})


def bad_request(request, exception):
    # An unreadable body (a POST in a charset other than UTF-8), a malformed
    # header, a host we do not serve: a plain message in the site's design.
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    if database_unavailable(sys.exception()):
        return service_unavailable(request)
    # No context processors that might touch the database: whatever failed
    # may fail again.
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_unavailable(error):
    """Whether `error`, or an error it was raised from, says the database
    cannot be reached (connection refused or lost, timed out, locked)."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
    return False


def service_unavailable(request):
    """503 in the site's design, for a page that needs the database while it
    is down (pages in the page cache are still served, see pagecache)."""
    try:
        response = render(request, "503.html", {"noindex": True}, status=503)
    except Exception:  # the design needs something else that is down too
        log.exception("Could not render the 503 page in the site's design")
        response = HttpResponse(loader.get_template("500.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
