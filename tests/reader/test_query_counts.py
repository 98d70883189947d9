"""The article page's SQL does not grow with its authors, tags or neighbours."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import forget_page, make_article, make_author, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _store_at_once(settings):
    # One process, one clock: the shared parts are kept right after a change,
    # however slow the machine (the pages compared are rendered: forget_page).
    settings.PAGECACHE_CLOCK_SKEW = 0


def queries_for(client, url):
    forget_page(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_article_page_queries_fixed_for_authors_and_tags(client):
    for _ in range(12):
        make_article(lead_image=make_image(), authors=[make_author(), make_author()])
    small = make_article(authors=[make_author()], tags=["one"], lead_image=make_image())
    large = make_article(
        authors=[make_author(), make_author(), make_author()],
        tags=[f"tag {i}" for i in range(10)],
        lead_image=make_image(),
    )
    client.get(small.get_absolute_url())  # warm the navigation cache
    assert queries_for(client, small.get_absolute_url()) == queries_for(
        client, large.get_absolute_url()
    )


def test_article_page_query_budget(client, django_assert_num_queries, settings):
    settings.PAGECACHE_CLOCK_SKEW = 0  # one process, one clock: keep shared parts at once
    story = make_article(authors=[make_author(), make_author()], tags=["a", "b"])
    client.get(story.get_absolute_url())  # warm the site's shared parts (reader/shared.py)
    forget_page(story.get_absolute_url())
    # the article, with its byline, tags and approved comments along.
    with django_assert_num_queries(1):
        client.get(story.get_absolute_url())
