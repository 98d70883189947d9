"""The journalists' and editors' story form: the Article admin, with the
workflow's rules (editorial.admin.workflow)."""

import unicodedata
from functools import reduce
from operator import or_

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from articles.editor import BodyEditorWidget
from articles.models import Article, Byline, Section
from articles.richtext import sanitize_html
from articles.widgets import TagNamesField
from editions.models import Edition
from editorial import permissions
from editorial.admin.desk import AUTOSAVED, WritingDeskMixin
from editorial.admin.topics import visible_topics
from editorial.admin.translations import TranslationViewsMixin
from editorial.admin.workflow import WorkflowAdminMixin, WorkflowStateFilter

# The story's own text, written in its edition's language and direction.
EDITION_TEXT_FIELDS = ["headline", "standfirst", "dateline", "body", "lead_image_caption"]


class EditionOptionsSelect(forms.Select):
    """A select whose options say their edition (data-edition) and, for the
    edition select itself, its direction (data-direction): the story form's
    script shows the sections of the chosen edition and turns the text
    fields and the body editor to its direction."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if isinstance(instance, Edition):
            option["attrs"].update(
                {"data-edition": instance.pk, "data-direction": instance.direction}
            )
        elif instance is not None and hasattr(instance, "edition_id"):
            option["attrs"]["data-edition"] = instance.edition_id
        return option


class EditionAutocompleteSelect(AutocompleteSelect):
    """The byline's author box: it asks for the authors of the story's
    edition (articles.admin.AuthorAdmin reads ?edition=; the form's script
    changes it with the edition select)."""

    edition = None

    def get_url(self):
        url = super().get_url()
        return f"{url}?{urlencode({'edition': self.edition})}" if self.edition else url

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-edition-autocomplete"] = ""
        return attrs


class BylineForm(forms.ModelForm):
    def has_changed(self):
        # A new row filled in for the user (their own name) counts as given.
        return super().has_changed() or (
            self.instance.pk is None and bool(self.initial.get("author"))
        )


class BylineFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        # One row is offered, but a draft may leave it empty: review and
        # publication ask for an author (Article.missing_for_review).
        if i >= self.initial_form_count():
            kwargs["empty_permitted"] = True
        return super()._construct_form(i, **kwargs)

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
    form = BylineForm
    extra = 0
    # One row to fill (a journalist's own name is filled in), which a draft
    # may leave empty: review and publication need an author
    # (Article.missing_for_review).
    min_num = 1
    validate_min = False
    verbose_name = "author"
    verbose_name_plural = "Byline (authors in order: move them up and down, or drag them)"

    def get_formset(self, request, obj=None, **kwargs):
        # The edition whose authors the byline offers: the story's, or the
        # one a new story starts in.
        self.edition = obj.edition_id if obj is not None and obj.pk else None
        self.edition = self.edition or ArticleAdmin.initial_edition(request)
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            widget = EditionAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            widget.edition = getattr(self, "edition", None)
            kwargs["widget"] = widget
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


def version_of(updated_at):
    return updated_at.isoformat() if updated_at else ""


def last_saved_by(article):
    """Who saved the story's latest version, as far as its history says."""
    from reversion.models import Version

    from editorial.admin.desk import person_name

    version = Version.objects.get_for_object(article).select_related("revision__user").first()
    user = version.revision.user if version else None
    return person_name(user) if user else "Someone else"


def differences(stored, cleaned, fields):
    """(field, theirs, yours) for the story's fields where the stored story
    and the submitted form differ, as plain text."""
    found = []
    # The story's own fields, as an autosave keeps them; topics are a
    # relation, named apart by the comparison.
    for name in (name for name in AUTOSAVED if name != "tags"):
        if name not in fields or name not in cleaned:
            continue
        theirs, yours = getattr(stored, name), cleaned[name]
        if name == "body":
            theirs, yours = (
                sanitize_html(theirs or ""),
                sanitize_html((yours or "").replace("\r\n", "\n")),
            )
        if (theirs or "") != (yours or ""):
            as_text = strip_tags if name == "body" else str
            found.append((name, as_text(theirs or ""), as_text(yours or "")))
    return found


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
            "edition": EditionOptionsSelect(),
            "section": EditionOptionsSelect(),
        }
        field_classes = {"body": BodyFormField}

    # The version of the story this form was loaded at: saving over a newer
    # one is refused (check_version).
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    restored = None  # an autosave's fields, shown instead (WritingDeskMixin.get_form)

    class Media:
        # Accessible names for the form's select2 boxes (lead image, byline
        # authors, topics), after jQuery as Django sets it up; the edition's
        # sections, authors and direction; the desk's autosave, leave-page
        # warning, presence and counts.
        js = [
            "admin/js/jquery.init.js",
            "admin/newsroom/select2-names.js",
            "admin/newsroom/story-edition.js",
            "admin/editorial/story-form.js",
            "admin/editorial/byline-order.js",
        ]
        css = {"all": ["admin/editorial/story-form.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if "edition" in self.fields:
            # Left out (an older client, a script): the edition the form
            # started in, as a new story's default.
            self.fields["edition"].required = False
            self.fields["edition"].empty_label = None
        edition = self._edition()
        if edition is not None:
            # Without JavaScript too, the text is written in the edition's direction.
            for name in EDITION_TEXT_FIELDS:
                if name in self.fields:
                    attrs = self.fields[name].widget.attrs
                    attrs.update({"dir": edition.direction, "lang": edition.pk})
        if self.instance.pk:
            # Names, as the field gives them back: also on a bound form, to
            # tell whether the tags changed.
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]
            self.initial["loaded_version"] = version_of(self.instance.updated_at)
        if self.restored and not self.is_bound:
            # Shown, not saved: a save compares with the story as stored.
            self.initial.update({k: v for k, v in self.restored.items() if k in self.fields})

    def _edition(self):
        """The edition the form is written in: the one posted, the initial
        one of a new story, or the story's."""
        field = self.fields.get("edition")
        code = None
        if field is not None:
            code = self.data.get(self.add_prefix("edition")) if self.is_bound else None
            code = code or self.initial.get("edition")
        if isinstance(code, Edition):
            return code
        if code:
            return Edition.objects.filter(pk=code).first()
        return self.instance.edition if self.instance.edition_id else None

    def clean_edition(self):
        edition = self.cleaned_data.get("edition")
        if edition is None:
            code = self.initial.get("edition") or self.instance.edition_id
            edition = self.fields["edition"].queryset.filter(pk=code).first()
            if edition is None:
                raise forms.ValidationError("Choose the story's edition.")
        return edition

    def clean(self):
        cleaned = super().clean()
        self.check_version(cleaned)
        if "_publish" in self.data or "_schedule" in self.data:
            self.publish_button(cleaned)
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get("publish_at"):
            cleaned["publish_at"] = timezone.now()
        self.check_complete(cleaned)
        breaking_until = cleaned.get("breaking_until")
        if (
            "breaking_until" in self.changed_data
            and breaking_until
            and breaking_until <= timezone.now()
        ):
            self.add_error("breaking_until", "Choose a time in the future, or leave it empty.")
        return cleaned

    def check_version(self, cleaned):
        """Refuse to save over a version saved since this form was loaded:
        the form comes back with the user's text, what differs from the newer
        version side by side, and the newer version as its base, so that a
        second save (after merging by hand) goes through."""
        if not self.instance.pk or not cleaned.get("loaded_version"):
            return
        stored = Article.objects.filter(pk=self.instance.pk).first()
        if stored is None or version_of(stored.updated_at) == cleaned["loaded_version"]:
            return
        self.conflict = {
            "by": last_saved_by(stored),
            "at": stored.updated_at,
            "fields": [
                (self.fields[name].label or name, theirs, yours)
                for name, theirs, yours in differences(stored, cleaned, self.fields)
            ],
        }
        data = self.data.copy()
        data["loaded_version"] = version_of(stored.updated_at)
        self.data = data
        self.add_error(
            None,
            f"{self.conflict['by']} saved this story at "
            f"{timezone.localtime(stored.updated_at):%H:%M:%S}, after you opened it. "
            "Nothing of yours is saved yet. Compare the two versions below, bring their "
            "changes into the form where you want to keep them, then save again: your "
            "version will replace theirs.",
        )

    def publish_button(self, cleaned):
        """The Publish and Schedule buttons (editors): a move to published,
        now or at the publish time, which must then be in the future."""
        if "status" not in self.fields or Article.Status.PUBLISHED not in dict(
            self.fields["status"].choices
        ):
            self.add_error(None, "You may not publish this story.")
            return
        cleaned["status"] = Article.Status.PUBLISHED
        now = timezone.now()
        if "_publish" in self.data:
            cleaned["publish_at"] = now
        elif not cleaned.get("publish_at") or cleaned["publish_at"] <= now:
            zone = timezone.get_current_timezone_name()
            self.add_error(
                "publish_at" if "publish_at" in self.fields else None,
                f"To schedule the story, set a publish time in the future ({zone} time).",
            )

    def check_complete(self, cleaned):
        """A draft saves with just its headline; to go to review or be
        published (or stay there) a story needs what Article.missing_for_review
        lists, each named on its field and together at the top."""
        status = cleaned.get("status", self.instance.status)
        if status not in (Article.Status.REVIEW, Article.Status.PUBLISHED):
            return
        values = {
            name: cleaned[name] if name in cleaned else getattr(self.instance, name, None)
            for name in Article.REQUIRED_FOR_REVIEW
            if name != "byline"
        }
        missing = Article.missing_for_review(values, authors=self.byline_count())
        doing = "publish it" if status == Article.Status.PUBLISHED else "send it for review"
        if self.instance.pk and self.instance.status == status:
            # Already there: an edit may not take away what it had (a story
            # published before this rule keeps what it lacked then).
            had = set(self.instance.missing_for_publication())
            missing = [name for name in missing if name not in had]
            doing = "keep it " + (
                "published" if status == Article.Status.PUBLISHED else "in review"
            )
        if not missing:
            return
        self.add_error(None, Article.describe_missing(missing, doing))
        for name in missing:
            if name in self.fields:
                self.add_error(name, "Needed before review or publication.")

    def byline_count(self):
        """Authors the submitted byline keeps (the inline formset's rows)."""
        prefix = "bylines"
        try:
            total = min(int(self.data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
        except ValueError:
            return 0
        return sum(
            1
            for i in range(total)
            if self.data.get(f"{prefix}-{i}-author") and not self.data.get(f"{prefix}-{i}-DELETE")
        )

    # Not stored on the article: kept in its workflow history with the move.
    transition_note = forms.CharField(
        label="Note for the history",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional: why you are changing the status, e.g. what needs fixing.",
    )


class EditionFilter(admin.SimpleListFilter):
    """The editions the user works in (all of them for most)."""

    title = "edition"
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        editions = permissions.in_editions(request.user, Edition.objects.all(), field="pk")
        return [(edition.pk, edition.english_name) for edition in editions]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(edition_id=self.value())
        return queryset


def search_variants(term):
    """The forms of a search term a story may hold it in: as typed (in the
    composed form of Unicode), lower, upper and title case (SQLite compares
    only ASCII letters without case), with Turkish and Kurmanji's dotted
    and dotless i both ways."""
    term = unicodedata.normalize("NFC", term)
    variants = {term, term.lower(), term.upper(), term.title(), term.capitalize()}
    turkish = str.maketrans({"i": "İ", "ı": "I"})
    turkish_lower = str.maketrans({"İ": "i", "I": "ı"})
    variants |= {term.translate(turkish).upper(), term.translate(turkish_lower).lower()}
    return sorted(variants)


@admin.register(Article)
class ArticleAdmin(TranslationViewsMixin, WritingDeskMixin, WorkflowAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = [
        "headline",
        "edition_label",
        "status_label",
        "section",
        "author_names",
        "publish_at",
        "updated_at",
    ]
    list_filter = [
        WorkflowStateFilter,
        EditionFilter,
        "section",
        "publish_at",
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["section", "edition"]
    search_fields = ["headline", "standfirst", "body", "dateline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_image"]
    readonly_fields = [
        "lead_image_preview",
        "translation_group",
        "created_at",
        "updated_at",
        "content_updated_at",
        "body_as_readers_see",
    ]
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "edition",
                    "headline",
                    "slug",
                    "standfirst",
                    "dateline",
                    "body",
                    "loaded_version",
                ]
            },
        ),
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
        (
            "History",
            {
                "fields": ["created_at", "updated_at", "content_updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    @staticmethod
    def initial_edition(request):
        """A new story's edition: the one asked for (?edition=), else the
        user's first, else the site's default (English)."""
        editions = permissions.in_editions(request.user, Edition.objects.all(), field="pk")
        asked = request.GET.get("edition", "")
        codes = list(editions.values_list("pk", flat=True))
        if asked in codes:
            return asked
        default = Article._meta.get_field("edition").get_default()
        return default if default in codes or not codes else codes[0]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial["edition"] = self.initial_edition(request)
        return initial

    def _edition_fixed(self, request, obj):
        """A story changes edition only while it is a draft of the user's
        that no one has translated."""
        return (
            obj is not None
            and bool(obj.pk)
            and (
                obj.status != Article.Status.DRAFT
                or not self.has_change_permission(request, obj)
                or obj.translations.exists()
            )
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        fixed = self._edition_fixed(request, obj)
        for name, options in super().get_fieldsets(request, obj):
            fields = list(options.get("fields", []))
            if fixed:
                # Its name, not Django's link to the editions' settings page.
                fields = ["edition_name" if field == "edition" else field for field in fields]
            fieldsets.append((name, {**options, "fields": fields}))
        if obj is not None and obj.pk:
            fieldsets.insert(1, ("Translations", {"fields": ["translation_group"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self._edition_fixed(request, obj):
            readonly.append("edition_name")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = permissions.in_editions(
                request.user, Edition.objects.all(), field="pk"
            )
        elif db_field.name == "section":
            kwargs["queryset"] = permissions.in_editions(
                request.user, Section.objects.select_related("edition")
            ).order_by("edition__order", "order", "name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # Any script, any case: Django's search compares case only for ASCII
        # letters on SQLite (Kurmanji's Ş, Turkish İ), so each word is looked
        # for in its usual forms.
        words = search_term.split()
        if not words:
            return queryset, False
        for word in words:
            matches = [
                Q(**{f"{name}__icontains": variant})
                for variant in search_variants(word)
                for name in self.search_fields
            ]
            queryset = queryset.filter(reduce(or_, matches))
        return queryset, False

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

    @admin.display(description="Edition", ordering="edition__order")
    def edition_label(self, obj):
        return format_html('<span lang="{}">{}</span>', obj.edition_id, obj.edition.name)

    @admin.display(description="Edition")
    def edition_name(self, obj):
        return format_html(
            '{} (<span lang="{}">{}</span>)',
            obj.edition.english_name,
            obj.edition_id,
            obj.edition.name,
        )

    @admin.display(description="Translations")
    def translation_group(self, obj):
        return self.group_summary(obj)

    @admin.display(description="Authors")
    def author_names(self, obj):
        return ", ".join(b.author.name for b in obj.bylines.all())

    @admin.display(description="Body")
    def body_as_readers_see(self, obj):
        # Cleaned on save (articles.richtext): safe to show as readers see it.
        return mark_safe(f'<div class="story-body-readonly">{obj.body}</div>')

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
