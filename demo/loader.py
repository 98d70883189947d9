"""Put the demo newsroom, read from demo/content/, in the database, once.

Every object is found by its natural key (slug, image title, username) before
it is created, so a second run adds nothing. Comments are added only with the
story they belong to: a comment a moderator deleted stays deleted.
"""

import os
import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Author, Byline, Section
from comments.models import Comment, CommentReport, ModerationDecision
from demo import content as demo_content
from demo.pictures import jpeg, portrait
from editions import defaults as edition_defaults
from images.models import Image
from pages.models import Page

LOGIN_FILE_NAME = "demo-login.txt"
# The editions whose folders are loaded: every one (en, ckb, kmr, ar, tr).
# Each story, section and author goes in its edition; a translation is linked
# to the English story it translates (Article.translation_of).
EDITIONS_LOADED = tuple(code for code, *_ in edition_defaults.EDITIONS)


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)
    comment_states: Counter = field(default_factory=Counter)
    logins: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def load_demo(*, with_users, now=None, content=None):
    """Create whatever part of the demo newsroom is missing; return a Report.

    Raises demo.content.ContentError, before writing anything, if a content
    file breaks a rule.
    """
    content = loaded(content)
    now = now or timezone.now()
    report = Report()
    with transaction.atomic():
        sections = _sections(report, content.sections)
        authors = _authors(report, content.authors)
        users = _users(report, content.users) if with_users else {}
        images = _images(report, content.pictures)
        new_articles = _articles(report, now, content.stories, sections, authors, images)
        _comments(report, now, new_articles, users.get("moderator"), content)
        _pages(report, content.pages)
    return report


def plan(content=None):
    """What load_demo would create, without writing anything."""
    content = loaded(content)
    report = Report()
    stories = content.stories
    checks = [
        ("authors", Author, "slug", [a.slug for a in content.authors]),
        ("images", Image, "title", [p.title for p in content.pictures]),
        ("articles", Article, "slug", [s.slug for s in stories]),
        ("pages", Page, "slug", [p.slug for p in content.pages]),
    ]
    found_sections = set(
        Section.objects.filter(slug__in=[s.slug for s in content.sections]).values_list(
            "edition_id", "slug"
        )
    )
    wanted_sections = {(s.language, s.slug) for s in content.sections}
    report.existing["sections"] = len(wanted_sections & found_sections)
    report.created["sections"] = len(wanted_sections - found_sections)
    for name, model, key, values in checks:
        found = set(model.objects.filter(**{f"{key}__in": values}).values_list(key, flat=True))
        report.existing[name] = len(found)
        report.created[name] = len(set(values) - found)
    existing_slugs = set(
        Article.objects.filter(slug__in=[s.slug for s in stories]).values_list("slug", flat=True)
    )
    for story in stories:
        if story.slug in existing_slugs:
            continue
        report.states[_state(story)] += 1
        report.created["comments"] += len(story.comments)
    return report


def loaded(content=None):
    """The part of the demo content (by default all of it, read and checked) that is loaded."""
    return (content or demo_content.read()).only(EDITIONS_LOADED)


def _state(story):
    return "scheduled" if story.scheduled else story.status


def _sections(report, demo_sections):
    """{(edition, slug): Section}: slugs are unique within an edition only."""
    sections = {}
    for order, section in enumerate(demo_sections, start=1):
        name, slug, description = section.name, section.slug, section.description
        language = section.language
        # A section of the same name made by hand is the same section.
        found = Section.objects.filter(Q(slug=slug) | Q(name=name), edition_id=language).first()
        created = found is None
        if created:
            found = Section.objects.create(
                edition_id=language, name=name, slug=slug, description=description, order=order * 10
            )
        report.created["sections"] += created
        report.existing["sections"] += not created
        sections[language, slug] = found
    return sections


def _authors(report, demo_authors):
    authors = {}
    for demo_author in demo_authors:
        name, slug = demo_author.name, demo_author.slug
        author, created = Author.objects.get_or_create(
            slug=slug,
            defaults={
                "edition_id": demo_author.language,
                "name": name,
                "social_handle": demo_author.handle,
                "bio": demo_author.bio,
                "photo": ContentFile(portrait(name), name=f"{slug}.jpg"),
            },
        )
        report.created["authors"] += created
        report.existing["authors"] += not created
        authors[slug] = author
    return authors


def _images(report, pictures):
    images = {}
    for picture in pictures:
        image = Image.objects.filter(title=picture.title, credit=picture.credit).first()
        if image is None:
            image = Image(
                file=ContentFile(jpeg(picture.key), name=f"demo-{picture.key}.jpg"),
                title=picture.title,
                alt_text=picture.alt_text,
                caption=picture.caption,
                credit=picture.credit,
                focal_x=picture.focal_x,
                focal_y=picture.focal_y,
            )
            image.save()
            report.created["images"] += 1
        else:
            report.existing["images"] += 1
            if not image.file or not image.file.storage.exists(image.file.name):
                # The row survived but the media folder did not: draw it again.
                image.file.save(f"demo-{picture.key}.jpg", ContentFile(jpeg(picture.key)))
                report.notes.append(f"Redrew the missing file of image “{image.title}”.")
        images[picture.key] = image
    return images


def _pages(report, demo_pages):
    """The publication pages (about, contact...) missing by slug."""
    for demo_page in demo_pages:
        _, created = Page.objects.get_or_create(
            slug=demo_page.slug,
            defaults={
                "title": demo_page.title,
                "summary": demo_page.summary,
                "body": demo_page.html,
                "order": demo_page.order,
                "in_footer": demo_page.footer,
                "published": demo_page.published,
            },
        )
        report.created["pages"] += created
        report.existing["pages"] += not created


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def _articles(report, now, stories, sections, authors, images):
    """Create the missing stories; return {slug: (story, article)} for those created now."""
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in stories]).values_list("slug", flat=True)
    )
    report.existing["articles"] = len(existing)
    created = {}
    # Originals first: a translation links to a story already there.
    for story in sorted(stories, key=lambda story: story.translation_of is not None):
        if story.slug in existing:
            continue
        rng = random.Random(story.slug)
        # A few minutes either way, so that not every story lands on the same minute.
        jitter = rng.randint(0, 25) if abs(story.hours_ago) >= 1 else 0
        moment = _minute(now - timedelta(hours=story.hours_ago, minutes=jitter))
        has_time = story.status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED)
        article = Article.objects.create(
            edition_id=story.language,
            translation_of=(
                Article.objects.filter(slug=story.translation_of).first()
                if story.translation_of
                else None
            ),
            headline=story.title,
            slug=story.slug,
            standfirst=story.summary,
            dateline=story.dateline,
            body=story.html,
            section=sections[story.language, story.section],
            lead_image=images.get(story.image),
            lead_image_caption=story.caption,
            status=story.status,
            publish_at=moment if has_time else None,
            breaking_until=(
                _minute(now + timedelta(hours=story.breaking_for_hours))
                if story.breaking_for_hours
                else None
            ),
        )
        Byline.objects.bulk_create(
            [
                Byline(article=article, author=authors[slug], order=order)
                for order, slug in enumerate(story.authors)
            ]
        )
        article.tags.set(list(story.topics))
        # auto_now and auto_now_add fields: give them the times of a real day.
        if moment > now:  # scheduled: written yesterday, last touched this morning
            created_at, updated_at = now - timedelta(hours=20), now - timedelta(minutes=40)
        elif has_time:
            created_at = moment - timedelta(minutes=rng.randint(45, 300))
            if story.status == Article.Status.UNPUBLISHED:
                updated_at = moment + timedelta(hours=rng.randint(2, 8))
            elif story.updated_after_hours:
                updated_at = moment + timedelta(hours=story.updated_after_hours)
            else:
                updated_at = moment
        else:  # drafts and stories in review: started `hours_ago` hours ago
            created_at = moment
            updated_at = moment + timedelta(minutes=rng.randint(10, 180))
        updated_at = min(updated_at, now)
        Article.objects.filter(pk=article.pk).update(
            created_at=created_at, updated_at=updated_at, content_updated_at=updated_at
        )
        report.created["articles"] += 1
        report.states[_state(story)] += 1
        created[story.slug] = (story, article)
    return created


def _commenter(name, rng, content):
    local = slugify(name).replace("-", ".") or "reader"
    return {
        "name": name,
        "email": f"{local}@example.{rng.choice(['org', 'net', 'com'])}",
        "ip_address": rng.choice(content.ip_addresses),
        "user_agent": rng.choice(content.user_agents),
    }


def _comments(report, now, new_articles, moderator, content):
    """Approved comments on each new story; the queue; the ones turned down."""
    decisions = []
    reports = []

    def add(article, comment, created_at, rng):
        decided = {}
        if comment.status != Comment.Status.PENDING:
            decided_at = min(created_at + timedelta(minutes=rng.randint(8, 95)), now)
            decided = {
                "decided_at": decided_at,
                "decided_by": moderator,
                "rejection_reason": comment.reason,
            }
        row = Comment.objects.create(
            article=article,
            body=comment.body,
            status=comment.status,
            created_at=created_at,
            notify_by_email=comment.notify,
            **decided,
            **_commenter(comment.name, rng, content),
        )
        # Readers' reports on a published comment, after it was published:
        # open, so they wait in the moderators' reported queue.
        reported_at = decided.get("decided_at", created_at)
        for reader_report in comment.reports:
            reported_at = min(reported_at + timedelta(minutes=rng.randint(15, 240)), now)
            reports.append(
                CommentReport(
                    comment=row,
                    reason=reader_report.reason,
                    note=reader_report.note,
                    created_at=reported_at,
                )
            )
        if decided:
            # The log is append-only: each decision is written once, with its time.
            decisions.append(
                ModerationDecision(
                    comment=row,
                    moderator=moderator,
                    decided_at=decided["decided_at"],
                    from_status=Comment.Status.PENDING,
                    to_status=comment.status,
                    reason=comment.reason,
                    note=comment.note,
                )
            )
        report.created["comments"] += 1
        report.comment_states[comment.status] += 1

    for story, article in new_articles.values():
        shown = story.comments_with(Comment.Status.APPROVED)
        if not shown or not article.is_published:
            continue
        # Spread over the story's first three days, the same times on every load.
        rng = random.Random("comments:" + story.slug)
        start = article.publish_at + timedelta(minutes=6)
        end = min(now - timedelta(minutes=4), article.publish_at + timedelta(days=3))
        span = max((end - start).total_seconds(), 60)
        moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in shown)
        for comment, moment in zip(shown, moments, strict=True):
            add(article, comment, moment, rng)

    for status in (Comment.Status.PENDING, Comment.Status.REJECTED):
        for story, article in new_articles.values():
            for comment in story.comments_with(status):
                created_at = max(
                    now - timedelta(hours=comment.hours_ago),
                    article.publish_at + timedelta(minutes=3),
                )
                add(
                    article,
                    comment,
                    created_at,
                    random.Random("queue:" + story.slug + comment.name),
                )

    ModerationDecision.objects.bulk_create(decisions)
    report.created["moderation decisions"] += len(decisions)
    CommentReport.objects.bulk_create(reports)
    report.created["reader reports"] += len(reports)


def login_file():
    return settings.VAR_DIR / LOGIN_FILE_NAME


def _read_password():
    path = login_file()
    if path.exists():
        for line in path.read_text().splitlines():
            if line.startswith("password:"):
                return line.split(":", 1)[1].strip()
    return None


def existing_logins():
    """The demo logins already made, as a reminder: [(username, password, None)]."""
    password = _read_password()
    if not password:
        return []
    usernames = [user.username for user in demo_content.read_users()]
    found = set(
        get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True)
    )
    return [(username, password, None) for username in usernames if username in found]


def _demo_password(usernames):
    """The demo password: made once, kept in var/demo-login.txt (mode 600)."""
    password = _read_password()
    if password:
        return password, False
    path = login_file()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(
            "# Demo logins made by `manage.py load_demo` (only when DEBUG is on).\n"
            "# Delete these accounts before the site goes live.\n"
            f"users: {', '.join(usernames)}\n"
            f"password: {password}\n"
        )
    os.chmod(path, 0o600)
    return password, True


def _users(report, demo_users):
    User = get_user_model()
    password, _ = _demo_password([user.username for user in demo_users])
    hashed = None  # one hash for all of them: hashing is slow on purpose
    users = {}
    for demo_user in demo_users:
        username, group_name, author_slug = demo_user.username, demo_user.group, demo_user.author
        user = User.objects.filter(username=username).first()
        if user is None:
            hashed = hashed or make_password(password)
            user = User.objects.create(
                username=username,
                email=f"{username}@example.org",
                first_name=demo_user.first_name,
                last_name=demo_user.last_name,
                password=hashed,
                is_staff=True,
                is_superuser=demo_user.superuser,
            )
            report.created["users"] += 1
            report.logins.append((username, password, True))
        else:
            report.existing["users"] += 1
            report.logins.append((username, password, False))
        if group_name:
            group = Group.objects.filter(name=group_name).first()
            if group:
                user.groups.add(group)
            else:
                report.notes.append(
                    f"No “{group_name}” group yet: “{username}” can log in but has no "
                    "permissions until it is added to one."
                )
        if author_slug and not Author.objects.filter(user=user).exists():
            Author.objects.filter(slug=author_slug, user__isnull=True).update(user=user)
        users[username] = user
    return users
