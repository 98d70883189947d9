import importlib

from search import backends


def test_the_migrations_build_the_index_the_backend_describes():
    """search/backends.py holds the live definition of PostgreSQL's vectors;
    the latest migration that builds them froze the same SQL."""
    latest = importlib.import_module("search.migrations.0005_index_plain_unaccented_text")
    assert latest.PG_SCHEMA == backends.PG_SCHEMA
