from django.db import models

from articles import visibility
from articles.models import Article, Section


class SearchDocument(models.Model):
    """What search reads for one article: its text, tag names and author names.

    Tags and bylines live in other tables; this denormalised row keeps them next
    to the text so one full-text index covers everything. The index itself is
    backend-specific and created by this app's migration: on PostgreSQL a stored
    `search_vector` column (weights A headline, B standfirst/tags/authors,
    C body) with a GIN index; on SQLite an FTS5 table `search_fts` that triggers
    keep in step with this table. Visibility is never stored here: every search
    joins the article and filters it through `Article.objects.published()`.

    `status`, `publish_at` and `section` are copies of the article's, kept so
    the engines can drop invisible matches without reading each article row
    (on SQLite, a covering index answers it). They only narrow the search: the
    stories shown are fetched through `Article.objects.published()` again, so
    a copy gone stale (say, after a bulk `update()`) can never show a story
    that is not visible.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # Columns read for every match come before the long text.
    status = models.CharField(max_length=12, choices=Article.Status.choices)
    publish_at = models.DateTimeField(null=True)
    section = models.ForeignKey(
        Section, null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    headline = models.CharField(max_length=200)
    standfirst = models.TextField(blank=True)
    tags = models.TextField(blank=True, help_text="Tag names, space separated.")
    authors = models.TextField(blank=True, help_text="Author names, space separated.")
    body = models.TextField(blank=True, help_text="The body as plain text.")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "search document"
        indexes = [
            models.Index(
                fields=["article", "status", "publish_at", "section"],
                name="search_doc_visibility_idx",
            ),
            # Newest visible first: lets PostgreSQL pick the newest matches of a
            # very common word without sorting all of them.
            models.Index(
                fields=["-publish_at"],
                condition=models.Q(status=visibility.PUBLISHED),
                name="search_doc_live_idx",
            ),
        ]

    def __str__(self):
        return self.headline
