"""The admin of sections and authors. Stories, topics and library images are
edited under the editorial workflow's rules: editorial/admin/."""

from django.contrib import admin
from django.db import models
from django.utils.functional import lazy

from articles.models import Author, Section
from images.forms import LibraryImageField, upload_help_text


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "slug", "order"]
    list_editable = ["order"]
    list_filter = ["edition"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "social_handle", "user"]
    list_filter = ["edition"]
    search_fields = ["name", "social_handle", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    # The photo is checked and cleaned as library images are (images.uploads).
    formfield_overrides = {
        models.ImageField: {
            "form_class": LibraryImageField,
            "help_text": lazy(upload_help_text, str)(),
        }
    }

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The story form's byline asks for the authors of the story's
        # edition (its autocomplete address carries ?edition=).
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            if edition := request.GET.get("edition", "").strip():
                queryset = queryset.filter(edition_id=edition)
        return queryset, may_have_duplicates
