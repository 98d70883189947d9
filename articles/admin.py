from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from taggit.models import Tag

from articles.editor import BodyEditorWidget
from articles.models import SLUG_HELP, Article, Author, Byline, Section, TaggedArticle
from articles.richtext import sanitize_html
from articles.topics import merge_tags
from articles.widgets import TagNamesField
from editorial.admin import WorkflowAdminMixin, WorkflowStateFilter
from editorial.permissions import can_review, visible_articles
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


# Topics ------------------------------------------------------------------------
# taggit's own TagAdmin lists generic tagged items (ours are TaggedArticle
# rows) and merges tags behind the caches' and the search index's back.
admin.site.unregister(Tag)


def visible_topics(user, queryset=None):
    """The topics whose names `user` may see: those of a story they may see
    (editors: all), and those on no story yet. A topic given only to another
    journalist's draft would tell what the draft is about."""
    queryset = Tag.objects.all() if queryset is None else queryset
    if can_review(user):
        return queryset
    rows = TaggedArticle.objects.filter(tag=OuterRef("pk"))
    seen = rows.filter(content_object__in=visible_articles(user))
    return queryset.filter(Exists(seen) | ~Exists(rows))


class MergeTopicsForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep this topic",
        help_text="Its stories keep it; the stories of the others get it, and the others are deleted.",
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = tags


class TopicForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {"slug": SLUG_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made from the name when left empty (articles.topics.topic_slug),
        # also for a name of only symbols or emoji, which has none of its own.
        # (A view-only form has no fields.)
        if "slug" in self.fields:
            self.fields["slug"].required = False


@admin.register(Tag)
class TopicAdmin(admin.ModelAdmin):
    form = TopicForm
    list_display = ["name", "slug", "story_count"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["newest_stories"]
    actions = ["merge_topics"]

    def get_queryset(self, request):
        user = request.user
        queryset = visible_topics(user, super().get_queryset(request))
        rows = "articles_taggedarticle_items"
        seen = None
        if not can_review(user):
            seen = Q(**{f"{rows}__content_object__in": visible_articles(user)})
        return queryset.annotate(stories=Count(rows, filter=seen))

    def get_object(self, request, object_id, from_field=None):
        topic = super().get_object(request, object_id, from_field)
        if topic is not None:
            # What newest_stories may list (a display method has no request).
            topic.stories_shown = visible_articles(request.user)
        return topic

    @admin.display(description="Stories", ordering="stories")
    def story_count(self, obj):
        return obj.stories

    @admin.display(description="Newest stories")
    def newest_stories(self, obj):
        if obj.pk is None:
            return "None yet."
        rows = (
            TaggedArticle.objects.filter(tag=obj, content_object__in=obj.stories_shown)
            .select_related("content_object")
            .order_by("-content_object__updated_at")[:20]
        )
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse("admin:articles_article_change", args=[row.content_object_id]),
                    row.content_object.headline,
                    row.content_object.get_status_display(),
                )
                for row in rows
            ),
        )
        if not items:
            return "No story has this topic."
        return format_html("<ul>{}</ul>", items)

    def has_merge_permission(self, request):
        # Merging changes one topic and deletes the others.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected topics into one", permissions=["merge"])
    def merge_topics(self, request, queryset):
        tags = queryset.order_by("name")
        if tags.count() < 2:
            self.message_user(request, "Select two topics or more to merge.", messages.WARNING)
            return None
        form = MergeTopicsForm(request.POST if "keep" in request.POST else None, tags=tags)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            others = [tag for tag in tags if tag.pk != keep.pk]
            added = merge_tags(keep=keep, others=others)
            self.message_user(
                request,
                f"Merged {len(others)} topic(s) into “{keep.name}”; "
                f"{added} stor{'y' if added == 1 else 'ies'} tagged with it anew.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/articles/merge_topics.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge topics",
                "opts": self.model._meta,
                "form": form,
                "tags": tags,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
