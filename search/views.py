import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from markupsafe import Markup
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from pagecache.memos import Memo, render_context
from reader import tags
from reader.cards import cards
from reader.context_processors import sections
from reader.pagination import Redirect, page_number, with_page
from search.backends import (
    COUNT_LIMIT,
    MAX_PAGE,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    RESULTS_PER_PAGE,
    SUGGESTIONS,
    SearchTimeout,
    backend,
    lower,
    parse_query,
)
from search.forms import SearchForm
from search.languages import DEFAULT_EDITION
from search.normalise import normalise
from search.slots import search_slot

# The query parameters a results page reads: any other keeps it out of the cache.
PAGE_PARAMS = ("q", "section", "since", "until", "page")


class SearchBusy(Exception):
    """Every search slot is taken (search/slots.py)."""


# The "busy" page is what a burst of searches gets, as fast as they come: it is
# rendered once per edition (and language) and kept BUSY_PAGE_SECONDS, the retry link filled in.
BUSY_PAGE_SECONDS = 10
RETRY_LINK = "\x00retry\x00"
_busy_pages = {}


def _busy(request, edition):
    now = time.monotonic()
    key = (edition, get_language())  # the page's words are in the reader's language
    kept = _busy_pages.get(key)
    if kept is None or kept[0] < now:
        form = search_form(request, None)
        html = render_to_string(
            "search/search.html",
            {
                "form": form,
                "filter_inputs": filter_inputs(form),
                "query": parse_query(""),
                "busy": True,
                "retry_url": RETRY_LINK,
                "max_query_chars": MAX_QUERY_CHARS,
            },
            request=request,
        )
        kept = _busy_pages[key] = (now + BUSY_PAGE_SECONDS, html)
    html = kept[1].replace(RETRY_LINK, escape(request.get_full_path()))
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "2"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response


def search_form(request, data):
    """The search form of the reader's edition: its sections are the masthead's
    (reader.shared, no query)."""
    return SearchForm(
        data,
        sections=[(section.pk, section.name, section.slug) for section in sections(request)],
    )


# The filters' inputs repeat from page to page (the same sections, few
# values): each process renders each once (Django's form renderer takes
# a few milliseconds for the section list).
_inputs = Memo("search filter inputs", size=512)


def filter_inputs(form):
    """[(bound field, its input's HTML)] of the form's filters (all but q)."""
    found = []
    for field in form:
        if field.name == "q":
            continue
        key = (
            field.name,
            str(field.value() or ""),
            bool(field.errors),
            tuple(field.field.choices) if field.name == "section" else (),
            render_context(),
        )
        found.append((field, _inputs.get(key, lambda field=field: Markup(str(field)))))
    return found


def request_edition(request):
    """The code of the edition the reader is in ("en" until editions have addresses)."""
    edition = getattr(request, "edition", None)
    return getattr(edition, "code", edition) or DEFAULT_EDITION


def _cache_for_a_while(request):
    # Results are not invalidated story by story: a short life, and a new
    # or withdrawn story (LATEST) refreshes them at once.
    seconds = settings.SEARCH_CACHE_SECONDS
    tags.tag_page(
        request,
        tags.LATEST,
        until=timezone.now() + timedelta(seconds=seconds),
        params=PAGE_PARAMS,
    )


def search(request):
    """Search page: full text over the edition's published stories, filters,
    highlighted snippets.

    Queries: sections for the filter (1), the count with the ranked page of
    hits and their snippets (1) and the cards of those stories (1), however
    many results there are; on PostgreSQL one more sets the statement time limit.
    """
    try:
        # One address per page, as for lists of stories (reader.pagination).
        requested = page_number(request, limit=MAX_PAGE)
    except Redirect as elsewhere:
        return redirect(elsewhere.url, permanent=elsewhere.permanent)
    edition = request_edition(request)
    form = search_form(request, request.GET or None)
    if not form.is_valid() and form.is_bound:
        # Show the message, not the bad value (a date input cannot hold it).
        form.data = form.data.copy()
        for name in ("since", "until", "section"):
            if name in form.errors:
                form.data[name] = ""
    query = parse_query(form.cleaned_data.get("q", "") if form.is_bound else "")
    context = {
        "form": form,
        "filter_inputs": filter_inputs(form),
        "query": query,
        "max_query_chars": MAX_QUERY_CHARS,
        "max_terms": MAX_TERMS,
        "results": [],
        "total": 0,
        "searched": False,
        "timed_out": False,
    }
    status = 200
    if query:
        engine = backend()
        filters = form.filters()
        try:
            with search_slot() as free, engine.time_limit(enabled=free):
                if not free:
                    raise SearchBusy
                # Fewer results than when the link was made: their last page.
                total, number, hits = engine.page(
                    query, number=requested, per_page=RESULTS_PER_PAGE, edition=edition, **filters
                )
                num_pages = max(1, -(-min(total, COUNT_LIMIT) // RESULTS_PER_PAGE))
        except SearchTimeout:
            context["timed_out"] = True
            status = 503
        except SearchBusy:
            return _busy(request, edition)
        else:
            # published() has the last word: a hit whose story is not visible is dropped.
            stories = {
                card.pk: card
                for card in cards(ids=[hit.article_id for hit in hits], edition=edition)
            }
            context.update(
                searched=True,
                total=min(total, COUNT_LIMIT),
                more_than=total > COUNT_LIMIT,
                results=[
                    (stories[hit.article_id], hit) for hit in hits if hit.article_id in stories
                ],
                page_number=number,
                num_pages=min(num_pages, MAX_PAGE),
                previous_url=with_page(request, "page", number - 1) if number > 1 else None,
                next_url=(
                    with_page(request, "page", number + 1)
                    if number < min(num_pages, MAX_PAGE)
                    else None
                ),
            )
    response = render(request, "search/search.html", context, status=status)
    # Results pages are thin, endless and personal to a query: keep them out of indexes.
    response["X-Robots-Tag"] = "noindex"
    if status == 503:
        response["Retry-After"] = "10"
    else:
        _cache_for_a_while(request)
    return response


def suggest(request):
    """Suggestions as the reader types: JSON {"stories": [...], "topics": [...]},
    each {"label", "url"}. Stories: the newest of the edition whose headline has
    every word typed, the last as a prefix (the search index's headline part).
    Topics: those of the edition's stories whose name starts with what was typed.

    Queries: the stories (1), their addresses through published() (1) and the
    topics (1); none for fewer than two letters.
    """
    text = request.GET.get("q", "")[:MAX_QUERY_CHARS]
    query = parse_query(text)
    edition = request_edition(request)
    stories, topics = [], []
    typed = lower(normalise(text.strip()))
    if query and len(typed) >= 2:
        engine = backend()
        try:
            with search_slot() as free, engine.time_limit(enabled=free, fresh_plans=True):
                # Busy: no suggestions this time; the reader can still search.
                found = engine.suggest(query, edition=edition) if free else []
        except SearchTimeout:
            found = []
        slugs = dict(
            Article.objects.published()
            .filter(pk__in=[pk for pk, _ in found])
            .values_list("pk", "slug")
        )
        urls = {pk: Article(pk=pk, slug=slug).get_absolute_url() for pk, slug in slugs.items()}
        stories = [{"label": h, "url": urls[pk]} for pk, h in found if pk in urls]
        # Per topic whose name fits, is one of its stories in this edition
        # visible (EXISTS, on the topic's index of visible stories)? Not the
        # list of every visible story's topics (100 ms on SQLite at 100,000).
        used = TaggedArticle.objects.published().filter(
            tag_id=OuterRef("pk"), content_object__edition_id=edition
        )
        topics = [
            {"label": name, "url": reverse("reader:topic", args=[slug])}
            for name, slug in Tag.objects.filter(Exists(used), name__istartswith=text.strip())
            .order_by("name")
            .values_list("name", "slug")[:SUGGESTIONS]
        ]
    response = JsonResponse({"query": text, "stories": stories, "topics": topics})
    response["X-Robots-Tag"] = "noindex"
    _cache_for_a_while(request)
    return response
