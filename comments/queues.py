"""The moderators' queues, their counts, and each commenter's record.

One definition per queue, used by the moderation screen (comments.desk), its
counts and its tests.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Count, Exists, Min, OuterRef, Q

from comments.models import Comment, CommentReport, RejectionReason, normalise_email

FLAGGED = (Q(flag_links=True) | Q(flag_banned_words=True) | Q(flag_first_time=True)) | Q(
    flag_blocklisted=True
)


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    description: str


PENDING, REPORTED, FLAGGED_QUEUE, APPROVED, REJECTED = (
    Queue("pending", "Pending", "Every comment waiting for a decision, oldest first."),
    Queue(
        "reported",
        "Reported",
        "Published comments readers have reported, with their reports: keep or remove.",
    ),
    Queue(
        "flagged",
        "Flagged",
        "Pending comments that raised a flag (links, banned words, first-time, "
        "blocklisted), oldest first.",
    ),
    Queue("approved", "Approved", "Published comments, latest decision first."),
    Queue("rejected", "Rejected", "Rejected comments, latest decision first."),
)
QUEUES = {q.key: q for q in (PENDING, REPORTED, FLAGGED_QUEUE, APPROVED, REJECTED)}


def in_queue(queryset, key):
    """The comments of a queue, in the order a moderator works through them."""
    Status = Comment.Status
    if key == "pending":
        return queryset.filter(status=Status.PENDING).order_by("created_at", "pk")
    if key == "flagged":
        return queryset.filter(FLAGGED, status=Status.PENDING).order_by("created_at", "pk")
    if key == "reported":
        first_report = CommentReport.objects.open().filter(comment=OuterRef("pk"))
        return (
            queryset.filter(Exists(first_report), status=Status.APPROVED)
            .annotate(first_reported=Min("reports__created_at", filter=Q(reports__resolution=None)))
            .order_by("first_reported", "pk")
        )
    if key == "approved":
        return queryset.filter(status=Status.APPROVED).order_by("-decided_at", "-pk")
    if key == "rejected":
        return queryset.filter(status=Status.REJECTED).order_by("-decided_at", "-pk")
    raise KeyError(key)


def in_editions(queryset, editions, field="article__edition_id"):
    """`queryset` narrowed to the stories of `editions` (codes); None is all."""
    if editions is None:
        return queryset
    return queryset.filter(**{f"{field}__in": list(editions)})


# The approved and rejected queues are counted up to this many: past it a tab
# says "10,000+". They only grow, and an exact count of a million decided
# comments costs a scan of them all on every page and decision
# (bench/moderation_counts.py); the queues a moderator clears are exact.
COUNT_CAP = 10_000
CAPPED = ("approved", "rejected")


def queue_counts(editions=None):
    """How many comments each queue holds, among the stories of `editions`
    (codes; None for every edition), in one query: pending and flagged from the
    pending comments' partial index, reported from the open reports' index,
    approved and rejected up to COUNT_CAP + 1 (see shown_count)."""
    comments = in_editions(Comment.objects.all(), editions)
    Status = Comment.Status
    reported = in_editions(
        CommentReport.objects.open(), editions, "comment__article__edition_id"
    ).filter(comment__status=Status.APPROVED)
    parts = {
        "pending": (comments.filter(status=Status.PENDING), None),
        "reported": (reported.values("comment").distinct(), None),
        "flagged": (comments.filter(FLAGGED, status=Status.PENDING), None),
        "approved": (comments.filter(status=Status.APPROVED), COUNT_CAP + 1),
        "rejected": (comments.filter(status=Status.REJECTED), COUNT_CAP + 1),
    }
    selects, params = [], []
    for key, (queryset, limit) in parts.items():
        if not queryset.query.distinct:
            queryset = queryset.values("pk")
        queryset = queryset.order_by()
        if limit:
            queryset = queryset[:limit]
        sql, more = queryset.query.get_compiler(using=queryset.db).as_sql()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted) AS {key}")
        params.extend(more)
    with connections[Comment.objects.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return dict(zip(parts, row, strict=True))


def shown_count(key, n):
    """A queue's count as its tab shows it: "10,000+" past the cap."""
    if key in CAPPED and n > COUNT_CAP:
        return f"{COUNT_CAP:,}+"
    return n


@dataclass
class History:
    """One commenter's record, by their normalised email."""

    email: str
    approved: int = 0
    rejected: int = 0
    pending: int = 0
    first_seen: object = None
    # (reason's label, how many), most frequent first.
    reasons: list = field(default_factory=list)

    @property
    def total(self):
        return self.approved + self.rejected + self.pending


def commenter_history(emails):
    """{normalised email: History} for the given addresses, in two queries
    (the counts, the rejection reasons), on the (email, status) index."""
    keys = {normalise_email(e) for e in emails}
    found = {key: History(key) for key in keys}
    if not keys:
        return found
    rows = (
        Comment.objects.filter(email__in=keys)
        .values("email")
        .annotate(
            approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
            rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
            pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
            first_seen=Min("created_at"),
        )
        .order_by()
    )
    for row in rows:
        history = found.setdefault(row["email"], History(row["email"]))
        history.approved, history.rejected = row["approved"], row["rejected"]
        history.pending, history.first_seen = row["pending"], row["first_seen"]
    reasons = (
        Comment.objects.filter(email__in=keys, status=Comment.Status.REJECTED)
        .exclude(rejection_reason="")
        .values("email", "rejection_reason")
        .annotate(n=Count("pk"))
        .order_by("email", "-n", "rejection_reason")
    )
    labels = dict(RejectionReason.choices)
    for row in reasons:
        history = found.get(row["email"])
        if history is not None:
            label = labels.get(row["rejection_reason"], row["rejection_reason"])
            history.reasons.append((label, row["n"]))
    return found
