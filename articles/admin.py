"""The admin of sections and authors. Stories, topics and library images are
edited under the editorial workflow's rules: editorial/admin/."""

from django.contrib import admin
from django.db import models
from django.utils.functional import lazy

from articles.models import Author, Section
from images.forms import LibraryImageField, upload_help_text


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "social_handle", "user"]
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
