"""The pages a publication owes its readers: about, contact, corrections
policy, privacy, terms, community guidelines. Editors write them in the
admin; readers find them in every page's footer and in the sitemap.

`Page.objects.published()` is the one query readers' surfaces use (the page
itself, the footer, the sitemap): editions will narrow it there."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation

from articles.links import slug_url
from articles.models import SLUG_HELP, SlugFromName
from articles.richtext import sanitize_html


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages readers may see, in footer order."""
        return self.filter(published=True).order_by("order", "title", "pk")


class Page(SlugFromName, models.Model):
    # The address the comment form's "community guidelines" link leads to
    # when editors have written them as a page (reader.commenting.guidelines).
    GUIDELINES = "community-guidelines"

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, allow_unicode=True, blank=True, help_text=SLUG_HELP
    )
    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text="One or two sentences under the title; also the page's description "
        "for search engines.",
    )
    body = models.TextField(help_text="Scripts and unsafe markup are removed on save.")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Pages are listed in this order in the footer, lowest first."
    )
    in_footer = models.BooleanField(
        "shown in footer", default=True, help_text="Link to it from the foot of every page."
    )
    published = models.BooleanField(
        default=False, help_text="Readers see the page only once this is ticked."
    )
    updated_at = models.DateTimeField("last updated", auto_now=True)

    objects = PageQuerySet.as_manager()

    slug_source = "title"
    slug_fallback = "page"

    class Meta:
        ordering = ["order", "title"]
        indexes = [
            models.Index(
                fields=["order", "title"], condition=Q(published=True), name="page_published_idx"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Written once, in the default edition: its address has no prefix
        # whichever edition's page links to it (reader.editions).
        with translation.override(settings.SITE_LANGUAGE):
            return slug_url("reader:page", self.slug)
