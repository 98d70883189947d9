"""The editorial workflow inside the article admin.

`WorkflowAdminMixin` goes on ArticleAdmin: it limits each role to what it may
do (queryset, read-only fields, status choices, actions), routes status changes
through editorial.services, keeps a revision of every save, and adds the
preview, share-link and revision pages.
"""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article, Byline
from editorial import permissions, services
from editorial.models import Correction, ShareLink, Transition
from editorial.revisions import compare, compare_images, restore, snapshot, versions_of

Status = Article.Status

SHARE_LIFETIMES = [
    (24, "1 day"),
    (72, "3 days"),
    (24 * 7, "1 week"),
    (24 * 14, "2 weeks"),
]


def share_lifetimes():
    """The choices, with the configured default (PREVIEW_LINK_HOURS) among them."""
    default = settings.PREVIEW_LINK_HOURS
    if default in dict(SHARE_LIFETIMES) or not 1 <= default <= 24 * 30:
        return SHARE_LIFETIMES
    return sorted([*SHARE_LIFETIMES, (default, f"{default} hours")])


class WorkflowStateFilter(admin.SimpleListFilter):
    title = "workflow"
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Drafts"),
            ("review", "Waiting for review"),
            ("scheduled", "Scheduled"),
            ("live", "Published and live"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "draft":
                return queryset.filter(status=Status.DRAFT)
            case "review":
                return queryset.filter(status=Status.REVIEW)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published(at=now)
            case "unpublished":
                return queryset.filter(status=Status.UNPUBLISHED)
        return queryset


def person_link(person, viewer):
    """Who did something in a story's record, linked where `viewer` may go:
    their author page in the admin, or (for those who may see users) their
    account; otherwise just the name. Django's own link goes to the user
    admin, which journalists and editors may not open."""
    if person is None:
        return "–"
    author = getattr(person, "author", None)
    name = author.name if author else (person.get_full_name() or person.get_username())
    if viewer.has_perm("auth.view_user"):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:auth_user_change", args=[person.pk]), name
        )
    if author and viewer.has_perm("articles.view_author"):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_author_change", args=[author.pk]), name
        )
    return name


class ArticleRecordInline:
    """Rows kept on an article's record: never changed or deleted, and seen
    by whoever may see the article."""

    def get_formset(self, request, obj=None, **kwargs):
        # Inline admins are made for each request: the viewer is this
        # request's, for the links of person_link.
        self.viewer = request.user
        return super().get_formset(request, obj, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the article sees its history (the inline's own
        # queryset is asked without the article).
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return permissions.can_view(request.user, obj)


class TransitionInline(ArticleRecordInline, admin.TabularInline):
    """The article's workflow history, newest first. Read-only for everyone."""

    model = Transition
    fields = ["at", "by_whom", "from_status", "to_status", "publish_at", "note"]
    readonly_fields = fields
    ordering = ["-at", "-pk"]
    extra = 0
    can_delete = False
    verbose_name = "workflow step"
    verbose_name_plural = "Workflow history"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by__author")

    @admin.display(description="by")
    def by_whom(self, obj):
        return person_link(obj.by, self.viewer)

    def has_add_permission(self, request, obj=None):
        return False


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class CorrectionInline(ArticleRecordInline, admin.StackedInline):
    """Corrections and updates are appended in the open: never edited or deleted."""

    model = Correction
    form = CorrectionForm
    fields = ["kind", "text", "created_at", "written_by"]
    extra = 0
    can_delete = False
    verbose_name = "correction or update"
    verbose_name_plural = "Corrections and updates (shown to readers under the story)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author__author")

    def get_readonly_fields(self, request, obj=None):
        return ["created_at", "written_by"]

    @admin.display(description="author")
    def written_by(self, obj):
        return person_link(obj.author, self.viewer)

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.status == Status.PUBLISHED
            and request.user.has_perm("editorial.add_correction")
        )


# Form fields that are the workflow's, not the story's: a change of them is
# a move (recorded by editorial.services), not an edit.
WORKFLOW_FIELDS = {"status", "publish_at", "transition_note"}


def _changed_fields(form):
    return [name for name in form.changed_data if name not in WORKFLOW_FIELDS]


class WorkflowAdminMixin:
    change_form_template = "admin/editorial/article_change_form.html"
    actions = [
        "submit_selected",
        "publish_selected",
        "unpublish_selected",
        "return_selected",
        "end_breaking_selected",
    ]

    def view_on_site(self, obj):
        # "View on site" of a story readers cannot see yet opens its preview.
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("reader:staff-preview", args=[obj.pk])

    # Permissions ---------------------------------------------------------

    def get_queryset(self, request):
        # Journalists see their own stories: those they created or are on
        # the byline of.
        return permissions.viewable_articles(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        if obj is not None and not permissions.can_view(request.user, obj):
            return False
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not permissions.can_edit(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not permissions.can_edit(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def has_review_permission(self, request):
        return permissions.can_review(request.user)

    # The form --------------------------------------------------------------

    def _status_choices(self, request, obj):
        return permissions.allowed_statuses(request.user, obj or Article())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not permissions.can_publish(request.user):
            readonly += ["publish_at", "breaking_until"]
        if len(self._status_choices(request, obj)) < 2:
            readonly.append("status")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        may_move = (obj is None or self.has_change_permission(request, obj)) and len(
            self._status_choices(request, obj)
        ) > 1
        read_only = obj is not None and not self.has_change_permission(request, obj)
        result = []
        for name, options in fieldsets:
            fields = list(options.get("fields", []))
            if not may_move and "transition_note" in fields:
                fields.remove("transition_note")
            if read_only:
                # Shown as readers will see it, not as HTML source.
                fields = [
                    "body_as_readers_see" if field == "body" else field
                    for field in fields
                    if field != "loaded_version"
                ]
            elif "body_as_readers_see" in fields:
                fields.remove("body_as_readers_see")
            result.append((name, {**options, "fields": fields}))
        return result

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "status" in form.base_fields:
            allowed = self._status_choices(request, obj)
            labels = dict(Status.choices)
            labels[Status.PUBLISHED] = "Published (scheduled if the publish time is in the future)"
            field = form.base_fields["status"]
            field.choices = [(value, labels[value]) for value in allowed]
            field.help_text = "Only the moves your role allows are offered."
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        author = getattr(request.user, "author", None)
        if isinstance(inline, admin.options.InlineModelAdmin) and inline.model is Byline:
            if obj.pk is None and author is not None and request.method != "POST":
                kwargs["initial"] = [{"author": author.pk}]
        return kwargs

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is None:
            return inlines
        if obj.status == Status.PUBLISHED or obj.has_corrections:
            inlines.append(CorrectionInline)
        return [*inlines, TransitionInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_change_permission(request, obj):
            notices = {
                Status.REVIEW: "This story is with the editors. You can edit it again if "
                "they return it to draft.",
                Status.PUBLISHED: "This story is published: only editors change it now. "
                "Ask an editor for a correction or an update.",
                Status.UNPUBLISHED: "This story is unpublished: only editors change it now.",
            }
            extra_context = {**(extra_context or {}), "workflow_notice": notices.get(obj.status)}
        return super().change_view(request, object_id, form_url, extra_context)

    # Saving ------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # Managed by hand: save_related adds the article (with its byline
        # and topic rows) only when something changed, so a save with no
        # change leaves no revision.
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # Save the content with the status it had; the move to the new status
        # goes through the workflow services once the byline and tags are
        # saved too (save_related).
        old_status, old_publish_at, old_breaking = Status.DRAFT, None, None
        if change:
            old_status, old_publish_at, old_breaking = Article.objects.values_list(
                "status", "publish_at", "breaking_until"
            ).get(pk=obj.pk)
            # A time the form did not change keeps its stored value: the
            # admin's widgets drop the microseconds, which is no reschedule.
            if "publish_at" not in form.changed_data and old_publish_at is not None:
                obj.publish_at = old_publish_at
            if "breaking_until" not in form.changed_data:
                obj.breaking_until = old_breaking
        target = obj.status
        request._workflow_move = None
        if target != old_status or (
            target == Status.PUBLISHED and obj.publish_at != old_publish_at
        ):
            request._workflow_move = (
                target,
                obj.publish_at,
                form.cleaned_data.get("transition_note", ""),
            )
            obj.status, obj.publish_at = old_status, old_publish_at
        request._article_saved = False
        if not change or request._workflow_move or _changed_fields(form):
            # Nothing changed, nothing saved: no "Updated" time for readers,
            # no revision. A change of the byline alone saves it in save_related.
            super().save_model(request, obj, form, change)
            request._article_saved = True
        if obj.breaking_until != old_breaking:
            services.breaking_changed(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        changed = _changed_fields(form) + [
            "byline" for formset in formsets if formset.model is Byline and formset.has_changed()
        ]
        if changed and not request._article_saved:
            article.save()
        comments = ["Created" if not change else "Changed " + ", ".join(changed)] if changed else []
        move = getattr(request, "_workflow_move", None)
        if move:
            target, publish_at, note = move
            at = publish_at if target == Status.PUBLISHED else None
            services.move_to(article, target, by=request.user, at=at, note=note)
            comments.append(reversion.get_comment())
        if changed or move or not change:
            reversion.set_comment("; ".join(comments) or "Created")
            reversion.add_to_revision(article)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.pk is None:
                services.append_correction(
                    form.instance, by=request.user, kind=correction.kind, text=correction.text
                )

    # Actions -----------------------------------------------------------------

    def _move_selected(self, request, queryset, status, done, **kwargs):
        moved, refused = 0, []
        for article in queryset:
            if not permissions.may_move(request.user, article, status):
                refused.append(article.headline)
                continue
            at = None
            if (
                status == Status.PUBLISHED
                and article.publish_at
                and article.publish_at > timezone.now()
            ):
                at = article.publish_at
            try:
                services.move_to(article, status, by=request.user, at=at, **kwargs)
            except services.IncompleteStory as incomplete:
                refused.append(f"{article.headline} ({incomplete.messages[0]})")
                continue
            moved += 1
        if moved:
            self.message_user(request, f"{moved} {'story' if moved == 1 else 'stories'} {done}.")
        if refused:
            self.message_user(
                request,
                f"Not changed (not allowed from their current state, or incomplete): "
                f"{'; '.join(refused)}.",
                messages.WARNING,
            )

    @admin.action(description="Submit selected drafts for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._move_selected(request, queryset, Status.REVIEW, "submitted for review")

    @admin.action(
        description="Publish selected stories (now, or at their future publish time)",
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        self._move_selected(request, queryset, Status.PUBLISHED, "published or scheduled")

    @admin.action(description="Unpublish selected stories", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._move_selected(request, queryset, Status.UNPUBLISHED, "unpublished")

    @admin.action(description="Return selected stories to draft", permissions=["review"])
    def return_selected(self, request, queryset):
        self._move_selected(request, queryset, Status.DRAFT, "returned to draft")

    @admin.action(
        description="End the breaking-news banner of selected stories", permissions=["publish"]
    )
    def end_breaking_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(breaking_until__isnull=False):
            services.clear_breaking(article, by=request.user)
            count += 1
        self.message_user(request, f"Breaking-news banner ended on {count} stories.")

    # Pages: preview, share links, revisions ------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/share/", view(self.share_view), name=f"{prefix}_share"),
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name=f"{prefix}_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def _get_viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such article, or not one of yours.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": title,
            "subtitle": str(obj),
            "has_view_permission": True,
            **extra,
        }

    def preview_view(self, request, object_id):
        """The article exactly as readers will see it: the reader pages' own
        preview (reader.previews.staff_preview), which checks who may see it."""
        obj = self._get_viewable(request, object_id)
        return HttpResponseRedirect(reverse("reader:staff-preview", args=[obj.pk]))

    def share_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        url = reverse("admin:articles_article_share", args=[obj.pk])
        if request.method == "POST":
            action = request.POST.get("action")
            try:
                if action == "create":
                    try:
                        hours = int(request.POST.get("hours", ""))
                    except ValueError:
                        hours = 0
                    if hours not in dict(share_lifetimes()):
                        raise ValidationError("Choose how long the link should work.")
                    link = services.create_share_link(obj, by=request.user, hours=hours)
                    self.message_user(
                        request,
                        f"New share link: {request.build_absolute_uri(link.get_absolute_url())}",
                    )
                elif action == "revoke":
                    link_id = request.POST.get("link", "")
                    if not link_id.isdigit():
                        raise Http404("No such link.")
                    link = get_object_or_404(ShareLink, pk=int(link_id), article=obj)
                    services.revoke_share_link(link, by=request.user)
                    self.message_user(request, "The link no longer works.")
                else:
                    raise ValidationError("Unknown request.")
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(url)
        links = list(obj.share_links.select_related("created_by", "revoked_by"))
        for link in links:
            link.full_url = request.build_absolute_uri(link.get_absolute_url())
        return TemplateResponse(
            request,
            "admin/editorial/share_links.html",
            self._context(
                request,
                obj,
                "Share a preview",
                links=links,
                lifetimes=share_lifetimes(),
                default_hours=settings.PREVIEW_LINK_HOURS,
                is_published=obj.is_published,
            ),
        )

    def revisions_view(self, request, object_id):
        obj = self._get_viewable(request, object_id)
        versions = list(versions_of(obj))
        by_id = {v.pk: v for v in versions}
        diffs, older, newer, error, between = None, None, None, "", []
        if "a" in request.GET or "b" in request.GET:
            try:
                a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
            except ValueError:
                a = b = None
            if a not in by_id or b not in by_id:
                error = "Choose two versions of this story to compare."
            else:
                older, newer = sorted([by_id[a], by_id[b]], key=lambda v: v.revision.date_created)
                old, new = snapshot(older), snapshot(newer)
                diffs = compare(old, new) + compare_images(old, new)
                # What the versions after the older one up to the newer one
                # record, for when their content is the same.
                between = [
                    v.revision.comment or "Saved"
                    for v in reversed(versions)
                    if older.revision.date_created
                    < v.revision.date_created
                    <= newer.revision.date_created
                ]
        return TemplateResponse(
            request,
            "admin/editorial/revisions.html",
            self._context(
                request,
                obj,
                "Revisions",
                versions=versions,
                diffs=diffs,
                content_changed=any(diff.changed for diff in diffs or []),
                between=between,
                older=older,
                newer=newer,
                error=error,
                can_restore=permissions.can_edit(request.user, obj),
                selected_a=older.pk if older else (versions[1].pk if len(versions) > 1 else None),
                selected_b=newer.pk if newer else (versions[0].pk if versions else None),
            ),
        )

    def restore_view(self, request, object_id, version_id):
        obj = self._get_viewable(request, object_id)
        versions = list(versions_of(obj)[:1])
        version = get_object_or_404(versions_of(obj), pk=version_id)
        if not permissions.can_edit(request.user, obj):
            raise PermissionDenied
        if request.method == "POST":
            restore(obj, version, by=request.user)
            self.message_user(
                request,
                "The version of "
                f"{timezone.localtime(version.revision.date_created):%d %b %Y %H:%M} is restored, "
                "as a new revision.",
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        current = versions[0] if versions else version
        return TemplateResponse(
            request,
            "admin/editorial/restore.html",
            self._context(
                request,
                obj,
                "Restore a version",
                version=version,
                diffs=compare(snapshot(current), snapshot(version)),
            ),
        )


class EditorsOnlyAdmin(admin.ModelAdmin):
    """Newsroom-wide records: editors read them, nobody edits them here."""

    def has_view_permission(self, request, obj=None):
        return permissions.can_review(request.user) and super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return permissions.can_review(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Transition)
class TransitionAdmin(EditorsOnlyAdmin):
    """Every workflow move in the newsroom, newest first."""

    list_display = ["at", "article", "from_status", "to_status", "publish_at", "by", "note"]
    list_filter = ["to_status", "from_status", ("by", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article", "by"]
    search_fields = ["article__headline", "note"]
    date_hierarchy = "at"


@admin.register(ShareLink)
class ShareLinkAdmin(EditorsOnlyAdmin):
    """Which unpublished stories are readable outside the newsroom, and until when."""

    list_display = ["article", "created_by", "created_at", "expires_at", "state"]
    list_filter = [("created_by", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__headline"]
    actions = ["revoke_selected"]

    @admin.display(description="State")
    def state(self, obj):
        if obj.revoked_at:
            return "Revoked"
        return "Expired" if obj.is_expired else "Active"

    @admin.action(description="Revoke selected links", permissions=["view"])
    def revoke_selected(self, request, queryset):
        count = 0
        for link in queryset.filter(revoked_at__isnull=True).select_related("article"):
            services.revoke_share_link(link, by=request.user)
            count += 1
        self.message_user(request, f"{count} link{'' if count == 1 else 's'} revoked.")
