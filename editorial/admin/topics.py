"""Topics in the admin: story counts, newest stories, merging; a journalist
sees only the topics of stories they may see."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from taggit.models import Tag

from articles.models import SLUG_HELP, TaggedArticle
from articles.topics import merge_tags
from editorial.permissions import can_review, visible_articles

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
