from django.shortcuts import redirect, render

from articles.models import Article
from reader.editions import current_code
from reader.pagination import Redirect, page_number, with_page
from search.backends import COUNT_LIMIT, MAX_QUERY_CHARS, MAX_TERMS, backend, parse_query
from search.forms import SearchForm

RESULTS_PER_PAGE = 20
MAX_PAGE = 50


def search(request):
    """Search page: full text over published stories, filters, highlighted snippets.

    Queries: sections for the filter (1), the count (1), the ranked page of
    hits with snippets (1) and the cards of those stories (1), however many
    results there are.
    """
    try:
        # One address per page, as for lists of stories (reader.pagination).
        requested = page_number(request, limit=MAX_PAGE)
    except Redirect as elsewhere:
        return redirect(elsewhere.url, permanent=elsewhere.permanent)
    form = SearchForm(request.GET or None)
    if not form.is_valid() and form.is_bound:
        # Show the message, not the bad value (a date input cannot hold it).
        form.data = form.data.copy()
        for name in ("since", "until", "section"):
            if name in form.errors:
                form.data[name] = ""
    query = parse_query(form.cleaned_data.get("q", "") if form.is_bound else "")
    context = {
        "form": form,
        "query": query,
        "max_query_chars": MAX_QUERY_CHARS,
        "max_terms": MAX_TERMS,
        "results": [],
        "total": 0,
        "searched": False,
    }
    if query:
        engine = backend()
        filters = form.filters()
        total = engine.count(query, **filters)
        num_pages = max(1, -(-total // RESULTS_PER_PAGE))
        # Fewer results than when the link was made: their last page.
        number = min(requested, num_pages)
        hits = (
            engine.search(
                query, offset=(number - 1) * RESULTS_PER_PAGE, limit=RESULTS_PER_PAGE, **filters
            )
            if total
            else []
        )
        # published() has the last word: a hit whose story is not visible is dropped.
        # Only the current edition's stories (until the engines take the
        # edition themselves, the count may include other editions' hits).
        stories = (
            Article.objects.published()
            .in_edition(current_code())
            .for_cards()
            .in_bulk([hit.article_id for hit in hits])
        )
        context.update(
            searched=True,
            total=min(total, COUNT_LIMIT),
            more_than=total > COUNT_LIMIT,
            results=[(stories[hit.article_id], hit) for hit in hits if hit.article_id in stories],
            page_number=number,
            num_pages=min(num_pages, MAX_PAGE),
            previous_url=with_page(request, "page", number - 1) if number > 1 else None,
            next_url=(
                with_page(request, "page", number + 1)
                if number < min(num_pages, MAX_PAGE)
                else None
            ),
        )
    response = render(request, "search/search.html", context)
    # Results pages are thin, endless and personal to a query: keep them out of indexes.
    response["X-Robots-Tag"] = "noindex"
    return response
