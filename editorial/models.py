"""The editorial record: workflow transitions, corrections and share links."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Transition(models.Model):
    """One move of an article through the workflow. Append-only."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("from", max_length=12, choices=Article.Status.choices)
    to_status = models.CharField("to", max_length=12, choices=Article.Status.choices)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="The publish time set by this transition (a future time schedules the story).",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("when", default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["article", "-at"], name="transition_article_idx")]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def was_scheduled(self):
        return bool(
            self.to_status == Article.Status.PUBLISHED
            and self.publish_at
            and self.publish_at > self.at
        )


class Correction(models.Model):
    """A dated correction or update note shown with the article, in the open."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        max_length=2000,
        help_text="Plain text, shown to readers as written, e.g. “An earlier version of this "
        "story misstated the date of the vote. It was on Tuesday.”",
    )
    created_at = models.DateTimeField("date", default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "created_at"], name="correction_article_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%d %b %Y %H:%M}"


def new_token():
    return secrets.token_urlsafe(32)


class ShareLink(models.Model):
    """A secret, expiring, revocable link that shows an unpublished article to anyone."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "share link"

    def __str__(self):
        return f"Share link for {self.article}"

    def get_absolute_url(self):
        return reverse("reader:shared-preview", args=[self.token])

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_active(self):
        return self.revoked_at is None and not self.is_expired


# How many top slots an editor arranges on the front page and on each
# section page; slot 1 is the lead.
TOP_SLOTS = 5


class Placement(models.Model):
    """A story an editor put in a top slot of the front page (no section) or
    of a section's page. Slots nobody filled, and everything below them, fill
    by time as before. Written only by editorial.services.arrange; readers see
    a placed story only while it is visible (articles.visibility) and its pin
    lasts (`until`)."""

    section = models.ForeignKey(
        "articles.Section",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: the front page.",
    )
    slot = models.PositiveSmallIntegerField(help_text="1 is the lead.")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="placements")
    until = models.DateTimeField(
        "pinned until",
        null=True,
        blank=True,
        help_text="The story leaves the slot at this time; empty: until an editor changes it.",
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["section", "slot"]
        verbose_name = "front page arrangement"
        verbose_name_plural = "front page arrangement"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slot__gte=1, slot__lte=TOP_SLOTS), name="placement_slot_range"
            ),
            # A NULL section is the front page: unique per page, each way.
            models.UniqueConstraint(
                fields=["slot"], condition=models.Q(section__isnull=True), name="front_slot_once"
            ),
            models.UniqueConstraint(
                fields=["section", "slot"],
                condition=models.Q(section__isnull=False),
                name="section_slot_once",
            ),
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(section__isnull=True),
                name="front_story_once",
            ),
            models.UniqueConstraint(
                fields=["section", "article"],
                condition=models.Q(section__isnull=False),
                name="section_story_once",
            ),
        ]

    def __str__(self):
        return f"{self.page_name}, slot {self.slot}: {self.article}"

    @property
    def page_name(self):
        return self.section.name if self.section_id else "Front page"


class ArrangementRecord(models.Model):
    """The log of arrangements: who set which stories in which slots of a
    page, and when. Append-only, like the workflow's transitions."""

    section = models.ForeignKey(
        "articles.Section", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    summary = models.TextField(help_text="The slots as they were set.")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["section", "-at"], name="arrangement_log_idx")]

    def __str__(self):
        return self.summary


class Autosave(models.Model):
    """The story form as one user last had it, kept every few seconds while
    they type (static/admin/editorial/story-form.js), so that a crash or a
    closed tab loses nothing. One per user and story; `article` empty for a
    story never saved. Not a revision: it changes no story and publishes
    nothing, and it is deleted when its user saves the story."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict, help_text="The form's story fields, by name.")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="autosave_per_story",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(article__isnull=True), name="autosave_new_story"
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.article or 'a new story'} by {self.user}"


# The admin languages Django ships translations for, among the newsroom's
# (Kurmanji has none: its journalists choose Turkish or English).
ADMIN_LANGUAGES = [
    ("en", "English"),
    ("ckb", "کوردی (Sorani Kurdish)"),
    ("ar", "العربية (Arabic)"),
    ("tr", "Türkçe (Turkish)"),
]


class StaffProfile(models.Model):
    """A newsroom member's editions and admin language.

    Editions: which editions' stories a journalist or an editor works on
    (none chosen: all of them), applied by editorial.permissions. Admin
    language: the language the admin speaks to them, set for /admin/ by
    editorial.middleware.AdminLanguageMiddleware."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    editions = models.ManyToManyField(
        "editions.Edition",
        blank=True,
        related_name="+",
        help_text="The editions whose stories this person may open, write and publish. "
        "Leave empty for all editions.",
    )
    admin_language = models.CharField(
        "admin language",
        max_length=12,
        blank=True,
        choices=ADMIN_LANGUAGES,
        help_text="The language of the admin's menus, buttons and messages for this person. "
        "Empty: English.",
    )

    class Meta:
        verbose_name = "newsroom profile"

    def __str__(self):
        return f"Newsroom profile of {self.user}"
