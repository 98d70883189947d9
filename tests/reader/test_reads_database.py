"""On PostgreSQL the reader pages' SQL runs on its own connection, `reads`,
with prepared statements (newsroom/settings.py says why). The rest of the
suite runs those queries on the default connection, inside each test's
transaction; here they run where production runs them."""

import pytest
from django.conf import settings
from django.db import connections

from reader import queries
from reader.cards import cards
from search.backends import backend, parse_query
from tests.factories import make_article, make_author

pytestmark = [
    pytest.mark.skipif(
        "reads" not in settings.DATABASES,
        reason="PostgreSQL only: SQLite plans a query in no time and has no such connection",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "reads"]),
]


def reads_backend_pid():
    with connections["reads"].cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def drop_reads_connection():
    """Have the server end the kept reads connection (as a restart would): its pid."""
    pid = reads_backend_pid()
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    return pid


def test_reader_pages_run_prepared_statements_on_their_own_connection(client, settings):
    settings.READS_DATABASE = "reads"
    settings.PAGECACHE_ENABLED = False
    story = make_article(headline="Bridge reopens", tags=["bridges"], authors=[make_author()])
    for _ in range(6):  # psycopg prepares a statement on its 5th run
        found = queries.published_article(story.slug).article
        listed = cards(limit=5)
    assert found.headline == "Bridge reopens" and [t.name for t in found.tags.all()] == ["bridges"]
    assert [card.pk for card in listed] == [story.pk]
    with connections["reads"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 2
    for url in (story.get_absolute_url(), "/", "/latest/", story.section.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Bridge reopens" in response.content.decode(), url


def test_a_reads_connection_the_server_dropped_is_replaced_without_an_error(client, settings):
    """`reads` skips Django's per-request health check (a round trip): when
    PostgreSQL drops the kept connection (a restart, a failover), the next
    reader still gets the page, from a fresh connection."""
    settings.READS_DATABASE = "reads"
    settings.PAGECACHE_ENABLED = False
    story = make_article(headline="Ferry timetable changes")
    assert queries.published_article(story.slug).article.headline == "Ferry timetable changes"
    pid = drop_reads_connection()
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Ferry timetable changes" in response.content.decode()
    assert reads_backend_pid() != pid


def test_searches_run_prepared_on_the_reads_connection_with_the_same_answers(client, settings):
    """Search reads where the reader pages do: its statement is prepared once
    and planned for any query (a generic plan); the answers are those of a
    statement planned for its values."""
    settings.READS_DATABASE = "reads"
    settings.PAGECACHE_ENABLED = False
    make_article(headline="Orchard harvest begins", body="<p>The orchard opens.</p>")
    make_article(headline="Market day", body="<p>Apples from the orchard.</p>")
    make_article(headline="Quiet day", body="<p>Nothing else.</p>")
    pages = [client.get("/search/", {"q": word}) for word in ["orchard"] * 6 + ["market"]]
    assert all(page.status_code == 200 for page in pages)
    first, last = pages[0].content.decode(), pages[5].content.decode()
    assert "2 stories found" in last and "<mark>Orchard</mark> harvest begins" in last
    assert last.index("Orchard</mark> harvest") < last.index("Market day")
    assert first == last
    assert "1 story found" in pages[6].content.decode()
    with connections["reads"].cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE '%%WITH q AS%%'"
        )
        assert max(row[0] for row in cursor.fetchall()) >= 1
    suggestions = client.get("/search/suggest/", {"q": "orch"}).json()
    assert [s["label"] for s in suggestions["stories"]] == ["Orchard harvest begins"]


def test_a_search_after_the_server_dropped_the_reads_connection_is_answered(client, settings):
    settings.READS_DATABASE = "reads"
    settings.PAGECACHE_ENABLED = False
    make_article(headline="Ferry timetable changes")
    assert "1 story found" in client.get("/search/", {"q": "ferry"}).content.decode()
    pid = drop_reads_connection()
    # The search's own first statement meets the dropped connection (no other
    # read of the page goes first here).
    engine = backend()
    with engine.time_limit():
        total, number, hits = engine.page(parse_query("ferry"), number=1, per_page=20)
    assert total == 1 and hits[0].headline_html == "<mark>Ferry</mark> timetable changes"
    assert reads_backend_pid() != pid
