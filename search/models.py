from django.db import models

from articles import visibility
from articles.models import Article, Section
from editions.models import default_edition


class SearchDocument(models.Model):
    """What search reads for one article: its text, tag names and author names.

    Tags and bylines live in other tables; this denormalised row keeps them next
    to the text so one full-text index covers everything. The text is stored as
    written (highlights show it); what is indexed is that text normalised by
    search.normalise, in the language of the story's edition (search.languages).
    The index itself is backend-specific and created by this app's migrations
    (search/backends.py has the live definitions):

    * PostgreSQL: three stored tsvector columns, `title_vector` (headline),
      `summary_vector` (headline A, standfirst/tags/authors B: small, kept in
      the row, what ranking reads) and `search_vector` (the same plus the body
      as C: what matching reads), GIN indexes on the first and the last; the
      table keeps only short columns in its rows (toast_tuple_target), so
      checking a match's filters reads little;
    * SQLite: an FTS5 table `search_fts` over the normalised text (the view
      `search_fts_source`), kept in step with this table by triggers.

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
    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        default=default_edition,
        related_name="+",
        db_index=False,
        help_text="The story's edition: what readers of it search, and its language.",
    )
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
                fields=["article", "edition", "status", "publish_at", "section"],
                name="search_doc_filters_idx",
            ),
            # Newest visible first, per edition: lets PostgreSQL pick the newest
            # matches of a very common word without sorting all of them.
            models.Index(
                fields=["edition", "-publish_at"],
                condition=models.Q(status=visibility.PUBLISHED),
                name="search_doc_live_idx",
            ),
            # The same per section: the section filter's newest window and its
            # bitmap AND with the word index (search.backends.WINDOWS).
            models.Index(
                fields=["edition", "section", "-publish_at"],
                condition=models.Q(status=visibility.PUBLISHED),
                name="search_doc_section_live_idx",
            ),
        ]

    def __str__(self):
        return self.headline
