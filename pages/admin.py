from django import forms
from django.contrib import admin

from articles.editor import BodyEditorWidget
from pages.models import Page


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = "__all__"
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": BodyEditorWidget(),
        }


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "published", "in_footer", "order", "updated_at"]
    list_editable = ["order"]
    list_filter = ["published", "in_footer"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("On the site", {"fields": ["published", "in_footer", "order", "updated_at"]}),
    ]
