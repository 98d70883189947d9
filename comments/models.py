"""Reader comments, the moderators' append-only log, banned words and the blocklist.

A comment's name, email and text are written once and never changed: the admin
shows them read-only, `Comment.save()` never writes them on an existing row,
and a database trigger (migration 0003) refuses any UPDATE that would.
"""

import hashlib
import ipaddress
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def posted_since(self, since, *, ip_address=None, email=None):
        """Comments from an address, or an email, since then (counted by the
        rate limits when the shared cache cannot count)."""
        if ip_address is not None:
            return self.filter(ip_address=ip_address, created_at__gte=since)
        return self.filter(email=email.casefold(), created_at__gte=since)

    def in_moderation(self):
        """The moderators' queue: pending, oldest first."""
        return self.filter(status=Comment.Status.PENDING).order_by("created_at", "pk")


class RejectionReason(models.TextChoices):
    """The publisher's own list (see the community guidelines)."""

    PROFANITY = "profanity", _("Profanity or vulgarity")
    THREAT = "threat", _("Threat")
    PERSONAL_ATTACK = "personal-attack", _("Personal attack")
    ABUSE = "abuse", _("Abuse or hate (sexism, racism, homophobia, xenophobia)")
    PROMOTION = "promotion", _("Commercial or personal promotion")
    SPAM = "spam", _("Spam")
    OFF_TOPIC = "off-topic", _("Off-topic")
    OTHER = "other", _("Other (with a note)")


class KeepReason(models.TextChoices):
    """Why a reported comment stays published (a moderator's answer to reports)."""

    WITHIN_GUIDELINES = "within-guidelines", "Within the guidelines"
    FAIR_CRITICISM = "fair-criticism", "Fair criticism or debate"
    KEEP_OTHER = "keep-other", "Other (with a note)"


class ReportReason(models.TextChoices):
    """What a reader may say is wrong with a published comment: a short list,
    in the guidelines' words."""

    ABUSE = "abuse", _("Abuse, hate or a personal attack")
    THREAT = "threat", _("A threat")
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off-topic", _("Off-topic")
    OTHER = "other", _("Something else against the guidelines")


def normalise_email(address):
    """The commenter an address stands for, in the moderators' history:
    trimmed and lower-cased (case folded), as the comment form stores it.

    Deliberately no more: "+tags" and Gmail's dots are not merged here (the
    blocklist's canonical_email() does merge them), so two people's records
    are never shown as one; someone varying an address to look new shows up
    as first-time, which a moderator reads anyway."""
    return address.strip().casefold()


def content_hash(*, article_id, email, body):
    """Fingerprint of a submission, to store an identical resubmission once.

    Case and surrounding or repeated whitespace do not make a comment new.
    """
    text = " ".join(unicodedata.normalize("NFC", body).split())
    raw = f"{article_id}\n{email.strip().casefold()}\n{text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def canonical_email(address):
    """The mailbox an address reaches, for the blocklist: case folded, the
    "+tag" of sub-addressing dropped (name+anything@host reaches name@host at
    nearly every provider), the domain in its ASCII (IDNA) form, and for
    Gmail, which ignores dots in its addresses, the dots dropped and
    googlemail.com read as gmail.com. Elsewhere a dot is part of the address
    ("first.last" and "firstlast" may be two people), so it is kept."""
    local, at, domain = address.strip().casefold().rpartition("@")
    if not at or not local:
        return address.strip().casefold()
    domain = domain.rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    local = local.split("+", 1)[0] or local
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def normalise_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return value.strip()


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    # Fields a moderation decision or the retention purge may write. Nothing
    # else on an existing comment is ever saved (see save()).
    MUTABLE_FIELDS = (
        "status",
        "decided_at",
        "decided_by",
        "rejection_reason",
        "ip_address",
        "user_agent",
    )

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254, help_text="Never shown to readers.")
    body = models.TextField("comment", max_length=3000)
    created_at = models.DateTimeField("posted", default=timezone.now, db_index=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    content_hash = models.CharField(max_length=64, default="", editable=False, db_index=False)
    # The random part of the form's signed token (comments.forms.sign_timestamp):
    # unique, so that one form posts one comment, whatever the cache does.
    form_nonce = models.CharField(max_length=32, blank=True, default="", editable=False)

    # Flags raised when the comment came in; shown in the queue.
    flag_links = models.BooleanField("many links", default=False)
    flag_banned_words = models.BooleanField("banned words", default=False)
    flag_first_time = models.BooleanField("first-time commenter", default=False)
    flag_blocklisted = models.BooleanField("blocklisted", default=False)
    flag_details = models.CharField(
        max_length=500, blank=True, help_text="Why the comment was flagged."
    )

    # The latest decision (the full history is in ModerationDecision).
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="moderator",
    )
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)

    # For abuse handling only; erased from decided comments after
    # COMMENTS_PERSONAL_DATA_RETENTION_DAYS by purge_comment_personal_data.
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    # The commenter asked to be told by email when a moderator decides.
    notify_by_email = models.BooleanField(
        "email the decision",
        default=False,
        help_text="The commenter asked to be told by email when the comment is decided.",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        permissions = [("can_moderate", "Can approve and reject comments")]
        indexes = [
            # An article's approved comments, oldest first.
            models.Index(
                fields=["article", "created_at", "id"],
                condition=Q(status="approved"),
                name="comment_approved_idx",
            ),
            # The moderation queue, oldest first, and its count; the story
            # last, so that a count by edition reads no row.
            models.Index(
                fields=["created_at", "id", "article"],
                condition=Q(status="pending"),
                name="comment_pending_idx",
            ),
            # The flagged queue, oldest first, and its count: without it the
            # count reads every pending row's flags from the table.
            models.Index(
                fields=["created_at", "id", "article"],
                condition=Q(status="pending")
                & (
                    Q(flag_links=True)
                    | Q(flag_banned_words=True)
                    | Q(flag_first_time=True)
                    | Q(flag_blocklisted=True)
                ),
                name="comment_flagged_idx",
            ),
            # The rejected queue, latest decision first, and its capped count
            # (comments.queues.queue_counts; bench/moderation_counts.py).
            models.Index(
                fields=["decided_at", "id", "article"],
                condition=Q(status="rejected"),
                name="comment_rejected_idx",
            ),
            # Duplicate suppression: the same text from the same email recently.
            models.Index(fields=["content_hash", "created_at"], name="comment_hash_idx"),
            # First-time commenter check and search by email.
            models.Index(fields=["email", "status"], name="comment_email_idx"),
            # Comments from one address lately: the rate limit's count when
            # the shared cache is down.
            models.Index(
                fields=["ip_address", "created_at"],
                condition=Q(ip_address__isnull=False),
                name="comment_ip_idx",
            ),
            # The retention purge: decided comments by decision time.
            models.Index(
                fields=["decided_at"],
                condition=Q(decided_at__isnull=False),
                name="comment_decided_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["form_nonce"],
                condition=~Q(form_nonce=""),
                name="comment_form_nonce_unique",
            ),
        ]

    def __str__(self):
        # Not the story's headline: the comment admin shows this to
        # moderators, who may not see a story that is no longer published.
        return f"Comment by {self.name}"

    def save(self, *args, **kwargs):
        if self._state.adding:
            if not self.content_hash:
                self.content_hash = content_hash(
                    article_id=self.article_id, email=self.email, body=self.body
                )
        else:
            # An existing comment's name, email and text are never rewritten.
            allowed = set(self.MUTABLE_FIELDS) | {"decided_by_id"}
            update_fields = kwargs.get("update_fields")
            if update_fields is None:
                kwargs["update_fields"] = [f for f in self.MUTABLE_FIELDS]
            elif not set(update_fields) <= allowed:
                raise ValidationError("A comment's name, email and text cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def flags(self):
        """Short labels of the raised flags, in the queue's order."""
        return [
            label
            for raised, label in (
                (self.flag_blocklisted, "blocklisted"),
                (self.flag_banned_words, "banned words"),
                (self.flag_links, "links"),
                (self.flag_first_time, "first-time"),
            )
            if raised
        ]


class ModerationDecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The moderation log is append-only: decisions are never changed.")


class ModerationDecision(models.Model):
    """Append-only log: every approval, rejection and reversal is a new row,
    and so is a reported comment kept published (kind KEPT: approved to
    approved, with the moderator's reason).

    Rows are never updated: save() refuses an existing row, the queryset
    refuses update(), and a database trigger refuses any UPDATE. The moderator
    is protected from deletion (deactivate the account instead) so the log
    always says who decided; a null moderator means the system (blocklist).
    """

    class Kind(models.TextChoices):
        STATUS = "status", "Status changed"
        KEPT = "kept", "Kept after reports"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STATUS)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for decisions made by the system (blocklist).",
    )
    decided_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    to_status = models.CharField(max_length=10, choices=Comment.Status.choices)
    reason = models.CharField(
        max_length=40, blank=True, choices=RejectionReason.choices + KeepReason.choices
    )
    note = models.CharField(max_length=500, blank=True, help_text="Moderators only.")

    objects = ModerationDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["decided_at", "pk"]
        get_latest_by = "decided_at"
        verbose_name = "moderation decision"
        indexes = [models.Index(fields=["comment", "decided_at"], name="decision_comment_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status"))
                | Q(kind="kept", from_status="approved", to_status="approved"),
                name="decision_changes_status",
            ),
            models.CheckConstraint(
                condition=~Q(to_status="rejected") | ~Q(reason=""),
                name="decision_rejection_has_reason",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.KEPT:
            return "Kept after reports"
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The moderation log is append-only: decisions are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The moderation log is append-only: decisions are never deleted.")


class CommentReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has answered yet."""
        return self.filter(resolution=None)


class CommentReport(models.Model):
    """A reader's report of a published comment. Open until a moderator keeps
    or removes the comment: that decision (in the log) resolves it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField("reported", default=timezone.now)
    resolution = models.ForeignKey(
        ModerationDecision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="The decision that answered this report.",
    )

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "comment report"
        indexes = [
            # The reported queue: comments with open reports.
            models.Index(
                fields=["comment", "created_at"],
                condition=Q(resolution__isnull=True),
                name="report_open_idx",
            ),
        ]

    def __str__(self):
        return f"Report: {self.get_reason_display()}"


class BannedWord(models.Model):
    """A word or phrase that flags a comment for a closer look (it is still stored)."""

    word = models.CharField(
        max_length=100,
        unique=True,
        help_text="Matched as a whole word or phrase, ignoring case and accents: "
        "“press” flags “Press” but not “WordPress”.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why it is on the list.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = "banned word"

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = " ".join(self.word.split())
        super().save(*args, **kwargs)


class BlocklistEntry(models.Model):
    """An email address or IP address whose comments go straight to rejected as spam."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email address"
        IP = "ip", "IP address"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    value = models.CharField(
        max_length=254, help_text="The full email address, or an IPv4 or IPv6 address."
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why it is blocked.")
    created_at = models.DateTimeField(auto_now_add=True)
    # What senders are matched on: the canonical email or the normalised IP
    # address (match_key()), written on every save.
    key = models.CharField(max_length=254, editable=False, default="")

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = "blocklist entry"
        verbose_name_plural = "blocklist"
        indexes = [models.Index(fields=["kind", "key"], name="blocklist_key_idx")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocklist_unique_value"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        self.key = self.match_key(self.kind, self.value)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"kind", "value"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "key"}
        super().save(*args, **kwargs)

    @classmethod
    def match_key(cls, kind, value):
        """What an entry and a sender of this kind are compared by."""
        return canonical_email(value) if kind == cls.Kind.EMAIL else normalise_ip(value)

    def clean(self):
        from django.core.validators import validate_email, validate_ipv46_address

        self.value = self.value.strip()
        if self.kind == self.Kind.EMAIL:
            self.value = self.value.casefold()
            try:
                validate_email(self.value)
            except ValidationError:
                raise ValidationError({"value": "Enter a valid email address."}) from None
        elif self.kind == self.Kind.IP:
            try:
                validate_ipv46_address(self.value)
                self.value = normalise_ip(self.value)
            except ValidationError:
                raise ValidationError({"value": "Enter a valid IPv4 or IPv6 address."}) from None
