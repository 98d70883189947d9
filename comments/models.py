from django.conf import settings
from django.db import models
from django.db.models import Q


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def in_moderation(self):
        """The moderators' queue: pending, oldest first."""
        return self.filter(status=Comment.Status.PENDING).order_by("created_at", "pk")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254)
    body = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # An article's approved comments, oldest first.
            models.Index(
                fields=["article", "created_at", "id"],
                condition=Q(status="approved"),
                name="comment_approved_idx",
            ),
            # The moderation queue, oldest first.
            models.Index(
                fields=["created_at", "id"],
                condition=Q(status="pending"),
                name="comment_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} on {self.article_id}"


class ModerationDecision(models.Model):
    """Append-only log: every approval, rejection and reversal is a new row."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    reason = models.CharField(max_length=40, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
