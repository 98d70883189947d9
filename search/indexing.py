"""Keeping the search documents in step with the articles.

`reindex()` is what the signals call for a handful of articles; `rebuild()` is
the bulk path behind `manage.py rebuild_search_index`, used after imports that
skip signals (e.g. `generate_scale`).
"""

import re
from html import unescape

from django.db import connection, transaction
from django.utils.html import strip_tags

from articles.models import Article, Byline, TaggedArticle
from search.models import SearchDocument

BATCH_SIZE = 2000
# The snippet markers the search queries use; never allowed in indexed text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

DOCUMENT_FIELDS = [
    "edition",
    "status",
    "publish_at",
    "section",
    "headline",
    "standfirst",
    "tags",
    "authors",
    "body",
]


def clean_text(value):
    """Plain text with control characters removed and spaces folded."""
    return " ".join(_CONTROL.sub(" ", value or "").split())


def plain_text(html):
    """Readable text of stored HTML: tags removed, entities decoded, spaces folded."""
    # A space before every tag keeps "</p><p>" from gluing two words together.
    return clean_text(unescape(strip_tags((html or "").replace("<", " <"))))


def build_documents(article_ids):
    """Unsaved SearchDocuments for the given articles, in three queries."""
    article_ids = list(article_ids)
    if not article_ids:
        return []
    tags, authors = {}, {}
    for article_id, name in TaggedArticle.objects.filter(
        content_object_id__in=article_ids
    ).values_list("content_object_id", "tag__name"):
        tags.setdefault(article_id, []).append(name)
    for article_id, name in (
        Byline.objects.filter(article_id__in=article_ids)
        .order_by("order", "pk")
        .values_list("article_id", "author__name")
    ):
        authors.setdefault(article_id, []).append(name)
    return [
        SearchDocument(
            article_id=pk,
            edition_id=edition_id,
            status=status,
            publish_at=publish_at,
            section_id=section_id,
            headline=clean_text(headline),
            standfirst=clean_text(standfirst),
            tags=clean_text(" ".join(tags.get(pk, []))),
            authors=clean_text(" ".join(authors.get(pk, []))),
            body=plain_text(body),
        )
        for pk, edition_id, headline, standfirst, body, status, publish_at, section_id in (
            Article.objects.filter(pk__in=article_ids).values_list(
                "pk",
                "edition_id",
                "headline",
                "standfirst",
                "body",
                "status",
                "publish_at",
                "section_id",
            )
        )
    ]


def reindex(article_ids):
    """Bring the documents of these articles up to date (insert or update)."""
    article_ids = set(article_ids)
    if not article_ids:
        return
    documents = build_documents(article_ids)
    gone = article_ids - {doc.article_id for doc in documents}
    if gone:
        SearchDocument.objects.filter(article_id__in=gone).delete()
    if documents:
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=[*DOCUMENT_FIELDS, "indexed_at"],
        )


def reindex_in_batches(article_ids):
    article_ids = list(article_ids)
    for start in range(0, len(article_ids), BATCH_SIZE):
        reindex(article_ids[start : start + BATCH_SIZE])


def rebuild(*, batch_size=BATCH_SIZE, progress=None):
    """Rebuild every document from scratch; returns how many were written.

    On SQLite the per-row FTS triggers are swapped for one bulk 'rebuild' of
    the FTS5 index, which is many times faster for large imports.
    """
    from search.backends import backend

    written = 0
    with transaction.atomic():
        with backend().bulk_loading():
            SearchDocument.objects.all().delete()
            last_pk = 0
            while True:
                ids = list(
                    Article.objects.filter(pk__gt=last_pk)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:batch_size]
                )
                if not ids:
                    break
                documents = build_documents(ids)
                SearchDocument.objects.bulk_create(documents, batch_size=500)
                written += len(documents)
                last_pk = ids[-1]
                if progress:
                    progress(written)
    with connection.cursor() as cursor:
        # Fresh statistics, so the planner uses the visibility index.
        cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
    return written
