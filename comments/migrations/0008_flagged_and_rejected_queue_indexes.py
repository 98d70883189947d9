"""Partial indexes for the flagged and rejected queues: their order and their
counts (comments.queues.queue_counts) without reading every pending or every
comment's row (bench/moderation_counts.py). Partial, so each holds a few
percent of the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0007_reports_notifications_and_kept_decisions"),
    ]

    operations = [
        # The pending queue's index also carries the story (last, so the order
        # is unchanged), so that a count by edition reads no comment row.
        migrations.RemoveIndex(model_name="comment", name="comment_pending_idx"),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("status", "pending")),
                fields=["created_at", "id", "article"],
                name="comment_pending_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("status", "pending"))
                & (
                    models.Q(("flag_links", True))
                    | models.Q(("flag_banned_words", True))
                    | models.Q(("flag_first_time", True))
                    | models.Q(("flag_blocklisted", True))
                ),
                fields=["created_at", "id", "article"],
                name="comment_flagged_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("status", "rejected")),
                fields=["decided_at", "id", "article"],
                name="comment_rejected_idx",
            ),
        ),
    ]
