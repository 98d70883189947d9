"""The journalists' and editors' story form: the Article admin, with the
workflow's rules (editorial.admin.workflow)."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from articles.editor import BodyEditorWidget
from articles.models import Article, Byline
from articles.richtext import sanitize_html
from articles.widgets import TagNamesField
from editorial.admin.topics import visible_topics
from editorial.admin.workflow import WorkflowAdminMixin, WorkflowStateFilter


class BylineFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            # A table cell has no <label>: named after its column, "Delete?".
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete"


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    fields = ["author", "order"]
    extra = 0
    min_num = 1
    validate_min = True
    verbose_name = "author"
    verbose_name_plural = "Byline (authors in order, lowest number first)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and not field.widget.is_hidden:
            # A table cell has no <label>: named after its column's header.
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field


class BodyFormField(forms.CharField):
    """The body, changed only if its cleaned HTML is: a browser sends line
    ends as CRLF, and the cleaning on save (articles.richtext) may rewrite
    markup it was given as it stored it."""

    def has_changed(self, initial, data):
        def cleaned(html):
            return sanitize_html((html or "").replace("\r\n", "\n")).strip()

        return cleaned(initial) != cleaned(self.to_python(data))


class ArticleAdminForm(forms.ModelForm):
    tags = TagNamesField(
        required=False, help_text="Topics, people and places. New ones are created on save."
    )

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "body": BodyEditorWidget(),
        }
        field_classes = {"body": BodyFormField}

    class Media:
        # Accessible names for the form's select2 boxes (lead image, byline
        # authors, topics), after jQuery as Django sets it up.
        js = ["admin/js/jquery.init.js", "admin/newsroom/select2-names.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Names, as the field gives them back: also on a bound form, to
            # tell whether the tags changed.
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get("publish_at"):
            cleaned["publish_at"] = timezone.now()
        breaking_until = cleaned.get("breaking_until")
        if (
            "breaking_until" in self.changed_data
            and breaking_until
            and breaking_until <= timezone.now()
        ):
            self.add_error("breaking_until", "Choose a time in the future, or leave it empty.")
        return cleaned

    # Not stored on the article: kept in its workflow history with the move.
    transition_note = forms.CharField(
        label="Note for the history",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: why you are changing the status, e.g. what needs fixing.",
    )


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = [
        "headline",
        "status_label",
        "section",
        "author_names",
        "publish_at",
        "updated_at",
    ]
    list_filter = [
        WorkflowStateFilter,
        "section",
        "publish_at",
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "body", "dateline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_image"]
    readonly_fields = ["lead_image_preview", "created_at", "updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "dateline", "body"]}),
        ("Section and topics", {"fields": ["section", "tags"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_preview", "lead_image_caption"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "transition_note",
                    "publish_at",
                    "comments_open",
                    "breaking_until",
                ]
            },
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def get_urls(self):
        return [
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions),
                name="articles_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        term = request.GET.get("term", "").strip()[:100]
        tags = visible_topics(request.user).order_by("name")
        if term:
            tags = tags.filter(name__icontains=term)
        names = list(tags.values_list("name", flat=True)[:20])
        return JsonResponse({"results": [{"id": n, "text": n} for n in names]})

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html(
                "Scheduled for {}", timezone.localtime(obj.publish_at).strftime("%d %b %Y %H:%M")
            )
        return obj.get_status_display()

    @admin.display(description="Authors")
    def author_names(self, obj):
        return ", ".join(b.author.name for b in obj.bylines.all())

    @admin.display(description="Preview")
    def lead_image_preview(self, obj):
        image = obj.lead_image
        if not image:
            return "No lead image. Choose one from the library, or add one with the + button."
        return format_html(
            '<img src="{}" alt="{}" width="{}"><br>{}',
            image.file.url,
            image.alt_text,
            min(image.width or 320, 320),
            image.credit,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
