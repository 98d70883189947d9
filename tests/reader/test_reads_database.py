"""On PostgreSQL the reader pages' SQL runs on its own connection, `reads`,
with prepared statements (newsroom/settings.py says why). The rest of the
suite runs those queries on the default connection, inside each test's
transaction; here they run where production runs them."""

import pytest
from django.conf import settings
from django.db import connections

from reader import queries
from reader.cards import cards
from tests.factories import make_article, make_author

pytestmark = [
    pytest.mark.skipif(
        "reads" not in settings.DATABASES,
        reason="PostgreSQL only: SQLite plans a query in no time and has no such connection",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "reads"]),
]


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
    reads = connections["reads"]
    with reads.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Ferry timetable changes" in response.content.decode()
    with reads.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
