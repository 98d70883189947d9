from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, Byline
from search.backends import backend, parse_query
from search.models import SearchDocument
from tests.factories import make_author, make_section

pytestmark = pytest.mark.django_db(transaction=True)


def index_objects():
    """The backend-specific full-text structures that exist right now."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchdocument' "
                "AND indexdef LIKE %s",
                ["%USING gin (search_vector)%"],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE %s "
                "AND type IN ('table', 'trigger') ORDER BY name",
                ["search_fts%"],
            )
        return {row[0] for row in cursor.fetchall()}


def test_migration_builds_the_index_for_this_database_and_indexes_existing_articles():
    if connection.vendor == "postgresql":
        assert index_objects() == {"search_document_vector_idx"}
    else:
        assert {"search_fts", "search_fts_ai", "search_fts_ad", "search_fts_au"} <= index_objects()
    try:
        call_command("migrate", "search", "zero", verbosity=0)
        assert index_objects() == set()
        # Articles from before search was installed (bulk: no signals).
        article = Article.objects.bulk_create(
            [
                Article(
                    headline="Orchard blossoms early",
                    slug="orchard",
                    standfirst="Spring.",
                    body="<p>Text.</p>",
                    section=make_section(),
                    status=Article.Status.PUBLISHED,
                    publish_at=timezone.now() - timedelta(hours=1),
                )
            ]
        )[0]
        Byline.objects.bulk_create([Byline(article=article, author=make_author("Rosa Pell"))])
    finally:
        call_command("migrate", "search", verbosity=0)
    assert SearchDocument.objects.count() == 1
    assert backend().count(parse_query("orchard pell")) == 1
