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
