"""The moderation queue, the log, banned words and the blocklist.

Nobody can change a comment's name, email or text here: has_change_permission
is False for everyone, so the change page is read-only and a POST to it is
refused; moderation goes through the approve/reject URLs and actions, which
write only the status (comments.moderation.decide).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.timesince import timesince

from comments.desk import ModerationDeskMixin, edition_label
from comments.forms import DecisionForm
from comments.models import (
    BannedWord,
    BlocklistEntry,
    Comment,
    ModerationDecision,
    RejectionReason,
)
from comments.moderation import DecisionError, can_moderate, decide, decide_many
from editions.models import Edition
from editorial.permissions import editions_of, in_editions, visible_articles, works_in

# What stands for a story's headline where the user may not see the story
# (a moderator, and a comment on a draft, scheduled or unpublished story).
UNSEEN_STORY = "an unpublished story"


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on pending comments; "All" lists pending first."""

    title = "status"
    parameter_name = "status"
    default = Comment.Status.PENDING

    def lookups(self, request, model_admin):
        return [
            (Comment.Status.PENDING, "Pending (the queue)"),
            (Comment.Status.APPROVED, "Approved"),
            (Comment.Status.REJECTED, "Rejected"),
            ("all", "All"),
        ]

    def value(self):
        value = super().value()
        return value if value in {"pending", "approved", "rejected", "all"} else self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())


class FlagFilter(admin.SimpleListFilter):
    title = "flag"
    parameter_name = "flag"
    FLAGS = {
        "links": ("Many links", {"flag_links": True}),
        "banned-words": ("Banned words", {"flag_banned_words": True}),
        "first-time": ("First-time commenter", {"flag_first_time": True}),
        "blocklisted": ("Blocklisted", {"flag_blocklisted": True}),
        "none": (
            "No flags",
            {
                "flag_links": False,
                "flag_banned_words": False,
                "flag_first_time": False,
                "flag_blocklisted": False,
            },
        ),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.FLAGS.items()]

    def queryset(self, request, queryset):
        if self.value() in self.FLAGS:
            return queryset.filter(**self.FLAGS[self.value()][1])
        return queryset


class ArticleFilter(admin.SimpleListFilter):
    """Articles with comments waiting (bounded: a newsroom has many thousands),
    among those the user may see."""

    title = "article"
    parameter_name = "article"
    LIMIT = 30

    def lookups(self, request, model_admin):
        ids = list(
            Comment.objects.filter(status=Comment.Status.PENDING)
            .order_by()
            .values_list("article_id", flat=True)
            .distinct()[: self.LIMIT]
        )
        if self.value() and self.value().isdigit():
            ids.append(int(self.value()))
        articles = (
            visible_articles(request.user).filter(pk__in=ids).only("headline").order_by("headline")
        )
        return [(str(a.pk), Truncator(a.headline).chars(60)) for a in articles]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(article_id=int(self.value()))
        return queryset


class EditionFilter(admin.SimpleListFilter):
    """The queue of one edition: its stories' comments."""

    title = "edition"
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        return [(edition.pk, edition.english_name) for edition in Edition.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article__edition_id=self.value())
        return queryset


class ModeratorFilter(admin.SimpleListFilter):
    title = "moderator"
    parameter_name = "moderator"

    def lookups(self, request, model_admin):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(
            pk__in=ModerationDecision.objects.exclude(moderator=None)
            .order_by()
            .values("moderator")
            .distinct()
        )
        return [("system", "System (blocklist)")] + [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in users
        ]

    def queryset(self, request, queryset):
        if self.value() == "system":
            return queryset.filter(decisions__moderator=None).distinct()
        if self.value() and self.value().isdigit():
            return queryset.filter(decisions__moderator_id=int(self.value())).distinct()
        return queryset


@admin.register(Comment)
class CommentAdmin(ModerationDeskMixin, admin.ModelAdmin):
    list_display = [
        "excerpt",
        "article_headline",
        "sender",
        "flag_list",
        "age",
        "status_label",
    ]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, EditionFilter, FlagFilter, ArticleFilter, ModeratorFilter]
    search_fields = ["name", "email", "body"]
    list_select_related = ["article__edition"]
    list_per_page = 50

    class Media:
        css = {"all": ["comments/moderation.css"]}

    show_full_result_count = False
    actions = ["approve_selected", "reject_selected", "block_senders"]
    fieldsets = [
        (None, {"fields": ["story", "sender_name", "email", "text", "created_at", "flag_details"]}),
        (
            "Sent from (erased after the retention period)",
            {"classes": ["collapse"], "fields": ["ip_address", "user_agent"]},
        ),
    ]
    readonly_fields = [
        "story",
        "sender_name",
        "email",
        "text",
        "created_at",
        "flag_details",
        "ip_address",
        "user_agent",
    ]

    # Read-only for everyone, superusers included: comments are never edited.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Only a superuser may erase a comment outright (e.g. a legal request).
        return request.user.is_superuser

    def has_moderate_permission(self, request):
        return can_moderate(request.user)

    def get_queryset(self, request):
        # Whether the user may see the comment's story: its headline shows
        # only then (a moderator sees nothing of unpublished stories).
        article_shown = Exists(visible_articles(request.user).filter(pk=OuterRef("article_id")))
        # A moderator limited to some editions sees their comments only, as
        # on the moderation desk (comments.desk).
        comments = in_editions(request.user, super().get_queryset(request), "article__edition")
        return comments.defer("user_agent").annotate(article_shown=article_shown)

    def get_ordering(self, request):
        # Pending first (only matters under "All"), then oldest first.
        if request.GET.get("status") == "all":
            pending_first = Case(
                When(status=Comment.Status.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
            return [pending_first.asc(), "created_at", "pk"]
        return ["created_at", "pk"]

    # Columns. Reader-typed text goes through format_html / plain strings,
    # which the admin escapes: nothing a reader types is ever HTML here.
    # Readers write in any script: each text keeps its own direction
    # (dir="auto"), so a Sorani comment in an English row reads right.
    @admin.display(description="Comment")
    def excerpt(self, obj):
        return format_html('<span dir="auto">{}</span>', Truncator(obj.body).chars(120))

    # No ordering by headline: sorting would place hidden headlines among
    # the others.
    # The story's edition and direction head the article's cell: a column
    # of its own would not fit the queue into a 1366 px screen.
    @admin.display(description="Edition, article")
    def article_headline(self, obj):
        shown = format_html("{}<br>", edition_label(obj.article.edition))
        if not getattr(obj, "article_shown", False):
            return format_html("{}{}", shown, capfirst(UNSEEN_STORY))
        headline = Truncator(obj.article.headline).chars(60)
        return format_html('{}<span dir="auto">{}</span>', shown, headline)

    @staticmethod
    def story_name(obj):
        """The story in a sentence: its headline in quotes, if the user may see it."""
        if not getattr(obj, "article_shown", False):
            return UNSEEN_STORY
        return f"“{Truncator(obj.article.headline).chars(60)}”"

    @admin.display(description="Article")
    def story(self, obj):
        """The story, linked where the user may open it: the public page of a
        published story (a moderator may not open the article admin), the
        article admin for an unpublished one the user may see."""
        article = obj.article
        if not getattr(obj, "article_shown", False):
            return f"{capfirst(UNSEEN_STORY)} (readers cannot see it, nor its headline here)."
        if article.is_published:
            return format_html(
                '<a href="{}">{}</a> (the public page)',
                article.get_absolute_url(),
                article.headline,
            )
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:articles_article_change", args=[article.pk]),
            article.headline,
            article.get_status_display().lower(),
        )

    # On the comment's page: the reader's name and text in their own direction.
    @admin.display(description="Name")
    def sender_name(self, obj):
        return format_html("<bdi>{}</bdi>", obj.name)

    @admin.display(description="Comment")
    def text(self, obj):
        return format_html('<div class="comment-body-text" dir="auto">{}</div>', obj.body)

    @admin.display(description="From", ordering="name")
    def sender(self, obj):
        # One column for both: the queue fits a 1366 px screen.
        return format_html(
            '<bdi>{}</bdi><br><span class="comment-sender-email" dir="ltr">{}</span>',
            obj.name,
            obj.email,
        )

    @admin.display(description="Flags")
    def flag_list(self, obj):
        flags = obj.flags
        if not flags:
            return "–"
        return format_html(
            '<span title="{}">{}</span>',
            obj.flag_details,
            format_html_join(
                " ", '<strong class="comment-flag">{}</strong>', ((f,) for f in flags)
            ),
        )

    @admin.display(description="Age", ordering="created_at")
    def age(self, obj):
        return timesince(obj.created_at, timezone.now(), depth=1)

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if request.GET.get("status", "pending") == "pending":
            columns.remove("status_label")  # the queue: all pending
        if can_moderate(request.user):
            # First, so it stays in view however narrow the screen.
            columns.insert(0, self._quick_approve_column(request.get_full_path()))
        return columns

    @staticmethod
    def _quick_approve_column(back_to):
        # A submit button of the changelist form (which carries the CSRF
        # token) posting to this comment's approve URL: one click per comment.
        @admin.display(description="Decide")
        def quick_approve(obj):
            if obj.status == Comment.Status.APPROVED:
                return ""
            return format_html(
                '<button type="submit" class="button" formaction="{}" name="next" value="{}" '
                'aria-label="Approve comment by {}">Approve</button>',
                reverse("admin:comments_comment_approve", args=[obj.pk]),
                back_to,
                obj.name,
            )

        return quick_approve

    # One comment at a time: buttons on its admin page.
    def get_urls(self):
        return (
            self.desk_urls()
            + [
                path(
                    "<path:object_id>/approve/",
                    self.admin_site.admin_view(self.approve_view),
                    name="comments_comment_approve",
                ),
                path(
                    "<path:object_id>/reject/",
                    self.admin_site.admin_view(self.reject_view),
                    name="comments_comment_reject",
                ),
            ]
            + super().get_urls()
        )

    def _decision_target(self, request, object_id):
        if request.method != "POST":
            return None, HttpResponseNotAllowed(["POST"])
        if not can_moderate(request.user):
            raise PermissionDenied
        try:
            # As the admin's own views read it: an id that is no number is a 404.
            pk = Comment._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("No such comment.") from None
        comment = get_object_or_404(Comment, pk=pk)
        # A moderator limited to some editions decides on those only (the
        # story is read only for them).
        limited = editions_of(request.user) is not None
        if limited and not works_in(request.user, comment.article.edition_id):
            raise PermissionDenied
        return comment, None

    def _back(self, request, comment):
        target = request.POST.get("next", "")
        admin_root = reverse("admin:index")
        if target.startswith(admin_root) and "//" not in target:
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[comment.pk]))

    def approve_view(self, request, object_id):
        comment, refusal = self._decision_target(request, object_id)
        if refusal:
            return refusal
        was = comment.get_status_display().lower()
        if decide(comment=comment, to_status=Comment.Status.APPROVED, moderator=request.user):
            self.message_user(
                request, f"Approved the comment by {comment.name} (was {was}).", messages.SUCCESS
            )
        else:
            self.message_user(request, "That comment was already approved.", messages.INFO)
        return self._back(request, comment)

    def reject_view(self, request, object_id):
        comment, refusal = self._decision_target(request, object_id)
        if refusal:
            return refusal
        form = DecisionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:comments_comment_change", args=[comment.pk]))
        was = comment.get_status_display().lower()
        changed = decide(
            comment=comment,
            to_status=Comment.Status.REJECTED,
            moderator=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        if changed:
            self.message_user(
                request, f"Rejected the comment by {comment.name} (was {was}).", messages.SUCCESS
            )
        else:
            self.message_user(request, "That comment was already rejected.", messages.INFO)
        return self._back(request, comment)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        comment = self.get_object(request, object_id)
        if comment is not None:
            extra_context.update(
                can_moderate=can_moderate(request.user),
                decisions=comment.decisions.select_related("moderator").order_by(
                    "-decided_at", "-pk"
                ),
                decision_form=DecisionForm(auto_id="reject-%s"),
                queue_url=reverse("admin:comments_comment_changelist"),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # In bulk: admin actions, gated by the can_moderate permission.
    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve_selected(self, request, queryset):
        comments = list(queryset.order_by("created_at", "pk"))
        changed = decide_many(comments, to_status=Comment.Status.APPROVED, moderator=request.user)
        self._report(request, comments, changed, "approved")

    @admin.action(description="Reject selected comments…", permissions=["moderate"])
    def reject_selected(self, request, queryset):
        form = DecisionForm(request.POST if "apply" in request.POST else None, auto_id="reject-%s")
        if "apply" in request.POST and form.is_valid():
            comments = list(queryset.order_by("created_at", "pk"))
            try:
                changed = decide_many(
                    comments,
                    to_status=Comment.Status.REJECTED,
                    moderator=request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except DecisionError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self._report(request, comments, changed, "rejected")
            return None
        comments = queryset.select_related("article")
        return TemplateResponse(
            request,
            "admin/comments/comment/reject_selected.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reject comments",
                "opts": self.model._meta,
                "queryset": comments,
                "rows": [(comment, self.story_name(comment)) for comment in comments],
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "media": self.media + forms.Media(),
            },
        )

    @admin.action(
        description="Reject as spam and blocklist the senders’ emails",
        permissions=["moderate"],
    )
    def block_senders(self, request, queryset):
        comments = list(queryset.order_by("created_at", "pk"))
        emails = sorted({comment.email.casefold() for comment in comments})
        for email in emails:
            BlocklistEntry.objects.get_or_create(
                kind=BlocklistEntry.Kind.EMAIL,
                value=email,
                defaults={"note": f"Blocked from the queue by {request.user.get_username()}."},
            )
        changed = decide_many(
            comments,
            to_status=Comment.Status.REJECTED,
            moderator=request.user,
            reason=RejectionReason.SPAM,
            note="Sender added to the blocklist.",
        )
        self._report(request, comments, changed, "rejected")
        self.message_user(
            request,
            f"{len(emails)} email address{'es' if len(emails) != 1 else ''} on the blocklist.",
            messages.SUCCESS,
        )

    def _report(self, request, comments, changed, verb):
        """Say what the action did to the comments it was given (counted
        before deciding: afterwards the queue's filter no longer finds them),
        and to those selected that had left the list meanwhile."""
        noun = "comment" if changed == 1 else "comments"
        text = f"{changed} {noun} {verb}."
        if len(comments) - changed:
            text += f" {len(comments) - changed} already {verb}, unchanged."
        if not request.POST.get("select_across") == "1":
            selected = {pk for pk in request.POST.getlist(ACTION_CHECKBOX_NAME) if pk.isdigit()}
            gone = len(selected) - len(comments)
            if gone > 0:
                text += f" {gone} no longer in this list (decided meanwhile), unchanged."
        self.message_user(request, text, messages.SUCCESS if changed else messages.INFO)


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    """The log, read-only: nothing here adds, changes or deletes a decision."""

    list_display = [
        "decided_at",
        "comment_link",
        "decision",
        "reason",
        "note",
        "who",
    ]
    list_filter = [
        "to_status",
        "kind",
        "reason",
        ("moderator", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["comment", "moderator"]
    search_fields = ["note", "comment__body", "comment__name"]
    # Newest first: what a moderator or an editor looks for is what just happened.
    ordering = ["-decided_at", "-pk"]
    date_hierarchy = "decided_at"
    show_full_result_count = False
    # "who", not the moderator field: that would link to the user admin,
    # which moderators may not open.
    fields = [
        "comment",
        "who",
        "decided_at",
        "kind",
        "from_status",
        "to_status",
        "reason",
        "note",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A decision goes only with its comment: a superuser erasing a comment
        # or a story (which the admin checks here) takes its log along. No
        # decision is ever deleted on its own (see delete_view, get_actions).
        return request.user.is_superuser

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="Comment")
    def comment_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[obj.comment_id]),
            Truncator(obj.comment.body).chars(60),
        )

    @admin.display(description="Decision")
    def decision(self, obj):
        return str(obj)

    @admin.display(description="Moderator", ordering="moderator")
    def who(self, obj):
        return obj.moderator or "System"


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]


class BlocklistEntryForm(forms.ModelForm):
    class Meta:
        model = BlocklistEntry
        fields = ["kind", "value", "note"]


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    form = BlocklistEntryForm
    list_display = ["value", "kind", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "note"]
