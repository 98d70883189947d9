from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Erase the IP address and user agent of comments decided (approved or rejected) "
        "more than COMMENTS_PERSONAL_DATA_RETENTION_DAYS days ago (default 90). The "
        "comment itself, its name, email and text, and the moderation log are kept. "
        "Pending comments keep theirs until they are decided. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention period in days (default: the "
            "COMMENTS_PERSONAL_DATA_RETENTION_DAYS setting).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be erased, change nothing.",
        )

    def handle(self, *args, days=None, dry_run=False, verbosity=1, **options):
        days = settings.COMMENTS_PERSONAL_DATA_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        due = Comment.objects.filter(
            status__in=[Comment.Status.APPROVED, Comment.Status.REJECTED],
            decided_at__lt=cutoff,
        ).filter(Q(ip_address__isnull=False) | ~Q(user_agent=""))
        with transaction.atomic():
            if dry_run:
                count = due.count()
            else:
                count = due.update(ip_address=None, user_agent="")
        if verbosity:
            verb = "would be erased" if dry_run else "erased"
            self.stdout.write(
                f"IP address and user agent {verb} from {count} comment"
                f"{'' if count == 1 else 's'} decided before {cutoff:%Y-%m-%d %H:%M} UTC "
                f"(retention {days} days)."
            )
