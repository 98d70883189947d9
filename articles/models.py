import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Now
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from articles import visibility
from articles.links import slug_url
from articles.richtext import image_ids, image_marker, sanitize_html
from editions.models import default_edition
from images.validators import validate_image_file


def slug_for(name):
    """The slug of a name: ASCII where the name is written in Latin letters
    ("Türkiye" -> "turkiye"), its own script where it has no Latin form
    ("کوردستان" -> "کوردستان"), and empty where nothing of it can be part of an
    address (only symbols or emoji: unique_slug gives those one)."""
    slug = slugify(name, allow_unicode=True)
    decomposed = unicodedata.normalize("NFKD", slug)
    if all(char.isascii() or unicodedata.combining(char) for char in decomposed):
        slug = slugify(slug)  # only accents to drop
    return slug


def unique_slug(queryset, name, *, fallback, max_length, exclude_pk=None):
    """slug_for(name), or `fallback` for a name without one, cut to
    `max_length` and made unique among `queryset`'s slugs with -2, -3..."""
    base = slug_for(name)[:max_length].strip("-_") or fallback
    stem = base[: max_length - 6]  # room for the longest suffix tried
    taken = set(
        queryset.filter(slug__startswith=stem).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-_") + suffix
    return slug


class SlugFromName:
    """A model whose `slug`, left empty, is made from its name on save.

    Addresses take slugs in any script (articles.converters); names that have
    none of their own (only symbols or emoji) get `slug_fallback`, numbered.
    Stored slugs are never rewritten: old links keep working."""

    slug_source = "name"
    slug_fallback = "item"
    # Fields the slug is unique together with (Section: its edition).
    slug_unique_with = ()

    def save(self, *args, **kwargs):
        # (A deferred slug is not loaded for this: it is in the database.)
        if "slug" in self.__dict__ and not self.slug:
            self.slug = unique_slug(
                type(self)._default_manager.filter(
                    **{f"{name}_id": getattr(self, f"{name}_id") for name in self.slug_unique_with}
                ),
                getattr(self, self.slug_source),
                fallback=self.slug_fallback,
                max_length=self._meta.get_field("slug").max_length,
                exclude_pk=self.pk,
            )
        super().save(*args, **kwargs)


def edition_url(obj, name, slug):
    """The address of `obj` in its own edition, whichever is active (the
    admin's "View on site", a purge, another edition's alternates): the
    edition's language decides the address's prefix (reader.editions)."""
    code = obj.__dict__.get("edition_id")  # a deferred edition: the active one
    if code is None or code == translation.get_language():
        return slug_url(name, slug)
    with translation.override(code):
        return slug_url(name, slug)


SLUG_HELP = "The last part of the address. Leave empty to make one from the name."


class Section(SlugFromName, models.Model):
    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.PROTECT,
        default=default_edition,
        related_name="sections",
        help_text="The edition whose pages list this section.",
    )
    # Unique within the edition: two editions may each have a Kurdistan.
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, allow_unicode=True, blank=True, help_text=SLUG_HELP)
    description = models.CharField(
        max_length=300, blank=True, help_text="One line, shown on the section page."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in this order, lowest first."
    )

    slug_fallback = "section"
    slug_unique_with = ("edition",)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="section_slug_per_edition"),
            models.UniqueConstraint(fields=["edition", "name"], name="section_name_per_edition"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return edition_url(self, "reader:section", self.slug)


handle_validator = RegexValidator(
    r"^@?[A-Za-z0-9_.]{1,30}$",
    "A handle is up to 30 letters, digits, dots or underscores, e.g. @hyjohnston.",
)


class Author(SlugFromName, models.Model):
    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.PROTECT,
        default=default_edition,
        related_name="authors",
        help_text="The edition this author writes for; the name is in its script.",
    )
    name = models.CharField("display name", max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, allow_unicode=True, blank=True, help_text=SLUG_HELP
    )
    bio = models.TextField("short bio", max_length=600, blank=True)
    photo = models.ImageField(upload_to="authors/", blank=True, validators=[validate_image_file])
    social_handle = models.CharField(
        max_length=31,
        blank=True,
        validators=[handle_validator],
        help_text="e.g. @hyjohnston",
    )
    social_url = models.URLField(
        "profile link",
        blank=True,
        help_text="Leave empty to link the handle to its profile on X.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The staff account of this author, if they have one.",
    )

    slug_fallback = "author"

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.social_handle and not self.social_handle.startswith("@"):
            self.social_handle = "@" + self.social_handle
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return edition_url(self, "reader:author", self.slug)

    @property
    def profile_url(self):
        if self.social_url:
            return self.social_url
        if self.social_handle:
            return "https://x.com/" + self.social_handle.lstrip("@")
        return ""


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Articles readers may see at `at` (now): articles.visibility.visible_q."""
        return self.filter(visibility.visible_q(at or timezone.now()))

    def in_edition(self, code):
        """Stories of edition `code` (reader.editions.current_code() on
        readers' pages): the ORM's twin of reader.sql.in_edition."""
        return self.filter(edition_id=code)

    def scheduled(self):
        """Articles readers will see by the clock alone, not yet now."""
        return self.filter(visibility.scheduled_q(timezone.now()))

    def using_image(self, image_pk):
        """Stories that show library image `image_pk`: as their lead image or
        in their body."""
        return self.filter(Q(lead_image_id=image_pk) | Q(body__contains=image_marker(image_pk)))

    def for_listing(self):
        """What a list of stories shows: section, lead image, byline."""
        return self.select_related("section", "lead_image").prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("author").order_by("order", "pk"),
            )
        )

    def for_cards(self):
        """Lighter than for_listing: headline, standfirst, time, section, image."""
        return self.select_related("section", "lead_image").only(
            "headline",
            "slug",
            "standfirst",
            "publish_at",
            "updated_at",
            "section__name",
            "section__slug",
            "lead_image__file",
            "lead_image__width",
            "lead_image__height",
            "lead_image__alt_text",
            "lead_image__focal_x",
            "lead_image__focal_y",
            "lead_image__renditions",
        )


def _is_empty(name, value):
    if name == "body":  # words, a picture or an embed
        html = value or ""
        return not strip_tags(html).strip() and "<img" not in html and "<iframe" not in html
    if isinstance(value, str):
        return not value.strip()
    return value is None


class Article(SlugFromName, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = visibility.PUBLISHED, "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.PROTECT,
        default=default_edition,
        related_name="articles",
        help_text="The edition the story is published in.",
    )
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text="The story this one translates (the original of its group).",
    )
    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="The last part of the story's address. Leave empty to make one "
        "from the headline.",
    )
    standfirst = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences under the headline; also the summary in lists, "
        "feeds and search results.",
    )
    dateline = models.CharField(
        max_length=120,
        blank=True,
        help_text='Where the story was reported, e.g. "ERBIL, Kurdistan Region".',
    )
    body = models.TextField(
        blank=True, help_text="The story. Scripts and unsafe markup are removed on save."
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    # Linked through TaggedArticle (below), whose rows revisions store and
    # restore with the article (`article.tagged_items`).
    tags = TaggableManager(
        through="TaggedArticle", blank=True, help_text="Topics, people and places in the story."
    )
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the story and in lists.",
    )
    lead_image_caption = models.CharField(
        max_length=300,
        blank=True,
        help_text="Leave empty to use the caption from the image library.",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=False
    )
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="When readers first see it. A future time schedules the story.",
    )
    updated_at = models.DateTimeField("last updated", auto_now=True)
    content_updated_at = models.DateTimeField(
        "text last changed",
        default=timezone.now,
        db_default=Now(),
        editable=False,
        help_text="When the headline, standfirst, dateline or body last changed. Unlike "
        "“last updated”, workflow moves and banners leave it: translations are stale "
        "when their original's text changed after theirs.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    comments_open = models.BooleanField(
        default=True,
        help_text="Untick to close comments. They also close by themselves "
        f"{settings.COMMENTS_CLOSE_AFTER_DAYS} days after publication.",
    )
    breaking_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Mark as breaking news: a banner links to it from every page until then.",
    )
    has_corrections = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set when a correction or update is appended, so the article page "
        "only looks them up when there are some.",
    )

    objects = ArticleQuerySet.as_manager()

    slug_source = "headline"
    slug_fallback = "story"
    # What a translation translates: a change of these makes its translations stale.
    TEXT_FIELDS = ("headline", "standfirst", "dateline", "body")

    class Meta:
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("review_article", "Can review and edit any article"),
        ]
        indexes = [
            # The Latest, the front page, feeds: newest visible first.
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(status=visibility.PUBLISHED),
                name="article_live_idx",
            ),
            # The same, per edition (each edition's Latest and front page).
            models.Index(
                fields=["edition", "-publish_at", "-id"],
                condition=Q(status=visibility.PUBLISHED),
                name="article_live_edition_idx",
            ),
            models.Index(
                fields=["section", "-publish_at", "-id"],
                condition=Q(status=visibility.PUBLISHED),
                name="article_live_section_idx",
            ),
            models.Index(fields=["status", "-updated_at"], name="article_status_idx"),
            models.Index(
                fields=["breaking_until"],
                condition=Q(breaking_until__isnull=False),
                name="article_breaking_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=visibility.PUBLISHED) | Q(publish_at__isnull=False),
                name="article_published_has_time",
            ),
            # A draft may lack a section (missing_for_review); readers' pages
            # never show a story without one.
            models.CheckConstraint(
                condition=~Q(status=visibility.PUBLISHED) | Q(section__isnull=False),
                name="article_published_has_section",
            ),
            # One translation per edition in a group ("Translate into..."
            # opens the existing one instead).
            models.UniqueConstraint(
                fields=["translation_of", "edition"], name="article_one_translation_per_edition"
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and self._text_changed(update_fields):
            self.content_updated_at = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "content_updated_at"}
        created = self._state.adding
        super().save(*args, **kwargs)
        if not created and getattr(self, "_listed_as", None) != self._list_position():
            self.copy_to_lists()
        self._text_as = self._text()

    def get_absolute_url(self):
        return edition_url(self, "reader:article", self.slug)

    # What a story needs before editors review it or readers see it; a draft
    # needs only its headline. Field (or "byline") -> what to add, in form order.
    REQUIRED_FOR_REVIEW = {
        "standfirst": "a standfirst",
        "body": "the story's text",
        "section": "a section",
        "lead_image": "a lead image",
        "byline": "at least one author in the byline",
    }

    @classmethod
    def missing_for_review(cls, values, *, authors):
        """The fields of REQUIRED_FOR_REVIEW that `values` (field name -> value,
        a form's cleaned data or a story's own) leaves empty, with `authors`
        the number of authors on the byline. The one rule for submitting,
        publishing and scheduling (editorial.services, the story form)."""
        missing = [
            name
            for name in cls.REQUIRED_FOR_REVIEW
            if name != "byline" and _is_empty(name, values.get(name))
        ]
        if not authors:
            missing.append("byline")
        return missing

    def missing_for_publication(self):
        """missing_for_review() of this story as stored (one query: its authors)."""
        values = {
            "standfirst": self.standfirst,
            "body": self.body,
            "section": self.section_id,
            "lead_image": self.lead_image_id,
        }
        return self.missing_for_review(values, authors=self.bylines.count() if self.pk else 0)

    @classmethod
    def describe_missing(cls, missing, doing="send it for review or publish it"):
        """'To send it for review or publish it, add a standfirst and a section.'"""
        items = [cls.REQUIRED_FOR_REVIEW[name] for name in missing]
        listed = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
        return f"To {doing}, add {listed}."

    def edition_mismatch(self, *, section=None, author=None):
        """The one rule of a story's edition: its section and its authors
        belong to it. A message for what breaks it, or "" (used by clean()
        here and by Byline.clean() for each author of the byline)."""
        edition_id = self.edition_id
        if section is not None and section.edition_id != edition_id:
            return (
                f"The section “{section}” belongs to another edition: "
                f"choose a section of this story's edition ({self.edition.english_name})."
            )
        if author is not None and author.edition_id != edition_id:
            return (
                f"{author} writes for another edition: choose an author of this "
                f"story's edition ({self.edition.english_name})."
            )
        return ""

    def clean(self):
        super().clean()
        errors = {}
        if self.edition_id and self.section_id:
            if message := self.edition_mismatch(section=self.section):
                errors["section"] = message
        original = self.translation_of
        if original is not None:
            if original.pk == self.pk:
                errors["translation_of"] = "A story cannot be a translation of itself."
            elif original.translation_of_id is not None:
                errors["translation_of"] = (
                    "Link a translation to the original of its group, not to another translation."
                )
            elif original.edition_id == self.edition_id:
                errors["edition"] = "A translation is in another edition than its original."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        article._listed_as = article._list_position()
        article._text_as = article._text()
        return article

    def _text(self):
        fields = self.__dict__  # deferred fields are not loaded for this
        return {name: fields[name] for name in self.TEXT_FIELDS if name in fields}

    def _text_changed(self, update_fields):
        if update_fields is not None and not set(update_fields) & set(self.TEXT_FIELDS):
            return False
        loaded, now = getattr(self, "_text_as", None), self._text()
        if loaded is None:
            return True
        return any(loaded[name] != value for name, value in now.items() if name in loaded)

    def _list_position(self):
        fields = self.__dict__  # a deferred field is not loaded for this
        return (fields.get("status"), fields.get("publish_at"))

    def copy_to_lists(self):
        """Give the article's byline and topic rows its status and publish
        time (see ListedArticle). save() calls it when either changed."""
        position = {"status": self.status, "publish_at": self.publish_at}
        Byline.objects.filter(article=self).update(**position)
        TaggedArticle.objects.filter(content_object=self).update(**position)
        self._listed_as = self._list_position()

    @property
    def is_published(self):
        """Visible to readers now (the per-object twin of published())."""
        return visibility.is_visible(self, timezone.now())

    @property
    def is_scheduled(self):
        return visibility.matches(visibility.scheduled_q(timezone.now()), self)

    @property
    def was_updated(self):
        """Edited after publication (a few minutes of grace for typo fixes)."""
        return bool(self.publish_at and self.updated_at - self.publish_at > timedelta(minutes=5))

    @property
    def comments_close_at(self):
        if self.publish_at is None:
            return None
        return self.publish_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)

    @property
    def accepts_comments(self):
        """Open to new comments: published, not closed by hand or by age."""
        return self.comments_open and self.is_published and timezone.now() < self.comments_close_at

    @cached_property
    def byline(self):
        """Authors in their chosen order; uses the prefetch from for_listing()."""
        return [b.author for b in self.bylines.all()]

    @property
    def library_images(self):
        """The library images the story shows: its lead image and those in
        its body (revisions keep what each showed of them)."""
        from images.models import Image

        ids = image_ids(self.body)
        if self.lead_image_id:
            ids.add(self.lead_image_id)
        return Image.objects.filter(pk__in=sorted(ids))

    @property
    def caption(self):
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image else ""

    @property
    def is_breaking(self):
        return bool(self.breaking_until and self.breaking_until > timezone.now())


def set_prefetched_tags(article, tags):
    """Make `article.tags.all()` answer `tags` (a list) without a query."""
    queryset = Tag.objects.all()
    queryset._result_cache = list(tags)
    queryset._prefetch_done = True
    article._prefetched_objects_cache = {
        **getattr(article, "_prefetched_objects_cache", {}),
        "tags": queryset,
    }
    return article


class ListedQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Rows of visible stories, by their copies (ListedArticle): the
        filter of Article.objects.published(), read from the list's index."""
        return self.filter(visibility.visible_q(at or timezone.now()))

    def article_ids(self):
        """The ids of these rows' stories (as a flat values_list)."""
        return self.values_list(self.model.article_id_field(), flat=True)

    def newest_article_ids(self, limit):
        """The ids of the `limit` newest visible stories of these rows (narrow
        them to one list first), for `Article.objects.filter(pk__in=...)`."""
        field = self.model.article_id_field()
        return self.published().order_by("-publish_at", f"-{field}").values(field)[:limit]

    def bulk_create(self, objs, *args, **kwargs):
        """Bulk inserts skip save(): the copies are filled in here (one query
        for the rows given an article id rather than an article)."""
        objs = list(objs)
        self.model.copy_article_positions(objs)
        return super().bulk_create(objs, *args, **kwargs)


class ListedArticle(models.Model):
    """A row that puts an article in a list (an author's stories, a topic's),
    with a copy of the article's status and publish time.

    With the copies, the list's newest visible stories are one range of the
    row table's own index, read in order: 21 index entries for a page
    whatever the size of the site or of the list. Without them, a database
    must either walk the newest stories of the whole site, probing each for
    the author or topic (274 ms at 100,000 stories for a topic on three of
    them), or fetch and sort every story of the list (a topic on 20,000).

    The copies only choose and order the rows: the pages still filter on the
    article's own columns (reader/cards.py), so a copy out of step could
    hide a story, never show one readers may not see. Article.save() keeps
    them in step, save() and bulk_create() fill them on new rows, and
    tests/articles/test_list_copies.py holds every editorial path to that.
    Code that writes these tables with raw SQL (generate_scale) fills them
    itself."""

    status = models.CharField(
        max_length=12, choices=Article.Status.choices, default=Article.Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(null=True, editable=False)

    objects = ListedQuerySet.as_manager()

    # The foreign key to Article (its name differs: taggit wants content_object).
    article_field = "article"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.copy_article_positions([self])
        super().save(*args, **kwargs)

    @classmethod
    def article_id_field(cls):
        return cls._meta.get_field(cls.article_field).attname

    @classmethod
    def copy_article_positions(cls, rows):
        """Fill the copies of `rows` from their articles: the article object
        when a row has it, else one query for every row holding an id only."""
        field = cls._meta.get_field(cls.article_field)
        ids = {getattr(row, field.attname) for row in rows if not field.is_cached(row)} - {None}
        positions = {}
        if ids:
            found = Article.objects.filter(pk__in=ids).values_list("pk", "status", "publish_at")
            positions = {pk: (status, publish_at) for pk, status, publish_at in found}
        for row in rows:
            if field.is_cached(row):
                article = field.get_cached_value(row)
                row.status, row.publish_at = article.status, article.publish_at
            elif getattr(row, field.attname) in positions:
                row.status, row.publish_at = positions[getattr(row, field.attname)]


def live_list_index(list_field, article_column, name):
    """The index a list reads: its visible stories newest first."""
    return models.Index(
        fields=[list_field, "-publish_at", f"-{article_column}"],
        condition=Q(status=visibility.PUBLISHED),
        name=name,
    )


class Byline(ListedArticle):
    """An author on an article, in the order the byline names them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]
        indexes = [
            models.Index(fields=["author", "article"], name="byline_author_idx"),
            live_list_index("author", "article", "byline_live_idx"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"

    def clean(self):
        super().clean()
        if self.article_id is None and not Byline.article.is_cached(self):
            return
        if self.author_id and self.article.edition_id:
            if message := self.article.edition_mismatch(author=self.author):
                raise ValidationError({"author": message})


class TaggedArticle(ListedArticle, TaggedItemBase):
    """A topic on an article (taggit's link row, with a real foreign key)."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    article_field = "content_object"

    class Meta:
        verbose_name = "topic of a story"
        verbose_name_plural = "topics of stories"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique"),
        ]
        indexes = [live_list_index("tag", "content_object", "tagged_article_live_idx")]

    def __str__(self):
        return f"{self.tag} on {self.content_object}"
