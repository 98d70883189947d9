"""Put the demo newsroom in the database, once.

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

from articles.demo import (
    comments as demo_comments,
)
from articles.demo import (
    stories_business_culture,
    stories_iraq,
    stories_kurdistan,
    stories_world,
)
from articles.demo.content import AUTHORS, SECTIONS
from articles.demo.pictures import CREDIT, PICTURES, portrait
from articles.models import Article, Author, Byline, Section
from comments.models import Comment, ModerationDecision
from images.models import Image

STORIES = [
    *stories_kurdistan.STORIES,
    *stories_iraq.STORIES,
    *stories_world.STORIES,
    *stories_business_culture.STORIES,
]

# username: (group name, is superuser, first name, last name, author slug)
DEMO_USERS = {
    "admin": (None, True, "Site", "Administrator", None),
    "editor": ("Editors", False, "Demo", "Editor", None),
    "reporter": ("Journalists", False, "Layla", "Nuri", "layla-nuri"),
    "moderator": ("Moderators", False, "Demo", "Moderator", None),
}
LOGIN_FILE_NAME = "demo-login.txt"


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)
    comment_states: Counter = field(default_factory=Counter)
    logins: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def load_demo(*, with_users, now=None):
    """Create whatever part of the demo newsroom is missing; return a Report."""
    now = now or timezone.now()
    report = Report()
    with transaction.atomic():
        sections = _sections(report)
        authors = _authors(report)
        users = _users(report) if with_users else {}
        images = _images(report)
        new_articles = _articles(report, now, sections, authors, images)
        _comments(report, now, new_articles, users.get("moderator"))
    return report


def plan():
    """What load_demo would create, without writing anything."""
    report = Report()
    checks = [
        ("sections", Section, "slug", [s[1] for s in SECTIONS]),
        ("authors", Author, "slug", [a[1] for a in AUTHORS]),
        ("images", Image, "title", [p.title for p in PICTURES]),
        ("articles", Article, "slug", [s.slug for s in STORIES]),
    ]
    for name, model, key, values in checks:
        found = set(model.objects.filter(**{f"{key}__in": values}).values_list(key, flat=True))
        report.existing[name] = len(found)
        report.created[name] = len(set(values) - found)
    existing_slugs = set(
        Article.objects.filter(slug__in=[s.slug for s in STORIES]).values_list("slug", flat=True)
    )
    for story in STORIES:
        if story.slug in existing_slugs:
            continue
        report.states[_state(story)] += 1
        report.created["comments"] += len(story.comments)
    for rows in (demo_comments.PENDING, demo_comments.REJECTED):
        report.created["comments"] += sum(1 for row in rows if row[0] not in existing_slugs)
    return report


def _state(story):
    if story.status == Article.Status.PUBLISHED and story.ago < 0:
        return "scheduled"
    return story.status


def _sections(report):
    sections = {}
    for order, (name, slug, description) in enumerate(SECTIONS, start=1):
        # A section of the same name made by hand is the same section.
        section = Section.objects.filter(Q(slug=slug) | Q(name=name)).first()
        created = section is None
        if created:
            section = Section.objects.create(
                name=name, slug=slug, description=description, order=order * 10
            )
        report.created["sections"] += created
        report.existing["sections"] += not created
        sections[slug] = section
    return sections


def _authors(report):
    authors = {}
    for name, slug, handle, bio in AUTHORS:
        author, created = Author.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "social_handle": handle,
                "bio": bio,
                "photo": ContentFile(portrait(name), name=f"{slug}.jpg"),
            },
        )
        report.created["authors"] += created
        report.existing["authors"] += not created
        authors[slug] = author
    return authors


def _images(report):
    images = {}
    for picture in PICTURES:
        image = Image.objects.filter(title=picture.title, credit=CREDIT).first()
        if image is None:
            image = Image(
                file=ContentFile(picture.jpeg(), name=f"demo-{picture.key}.jpg"),
                title=picture.title,
                alt_text=picture.alt_text,
                caption=picture.caption,
                credit=CREDIT,
                focal_x=picture.focal_x,
                focal_y=picture.focal_y,
            )
            image.save()
            report.created["images"] += 1
        else:
            report.existing["images"] += 1
            if not image.file or not image.file.storage.exists(image.file.name):
                # The row survived but the media folder did not: draw it again.
                image.file.save(f"demo-{picture.key}.jpg", ContentFile(picture.jpeg()))
                report.notes.append(f"Redrew the missing file of image “{image.title}”.")
        images[picture.key] = image
    return images


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def _articles(report, now, sections, authors, images):
    """Create the missing stories; return {story: article} for those created now."""
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in STORIES]).values_list("slug", flat=True)
    )
    report.existing["articles"] = len(existing)
    created = {}
    for story in STORIES:
        if story.slug in existing:
            continue
        rng = random.Random(story.slug)
        # A few minutes either way, so that not every story lands on the same minute.
        jitter = rng.randint(0, 25) if abs(story.ago) >= 1 else 0
        moment = _minute(now - timedelta(hours=story.ago, minutes=jitter))
        has_time = story.status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED)
        article = Article.objects.create(
            headline=story.title,
            slug=story.slug,
            standfirst=story.summary,
            dateline=story.dateline,
            body=story.html,
            section=sections[story.section],
            lead_image=images.get(story.image),
            lead_image_caption=story.caption,
            status=story.status,
            publish_at=moment if has_time else None,
            breaking_until=(
                _minute(now + timedelta(hours=story.breaking_hours))
                if story.breaking_hours
                else None
            ),
        )
        Byline.objects.bulk_create(
            [
                Byline(article=article, author=authors[slug], order=order)
                for order, slug in enumerate(story.authors)
            ]
        )
        article.tags.set(list(story.tags))
        # auto_now and auto_now_add fields: give them the times of a real day.
        if moment > now:  # scheduled: written yesterday, last touched this morning
            created_at, updated_at = now - timedelta(hours=20), now - timedelta(minutes=40)
        elif has_time:
            created_at = moment - timedelta(minutes=rng.randint(45, 300))
            if story.status == Article.Status.UNPUBLISHED:
                updated_at = moment + timedelta(hours=rng.randint(2, 8))
            elif story.updated_after:
                updated_at = moment + timedelta(hours=story.updated_after)
            else:
                updated_at = moment
        else:  # drafts and stories in review: started `ago` hours ago
            created_at = moment
            updated_at = moment + timedelta(minutes=rng.randint(10, 180))
        updated_at = min(updated_at, now)
        Article.objects.filter(pk=article.pk).update(created_at=created_at, updated_at=updated_at)
        report.created["articles"] += 1
        report.states[_state(story)] += 1
        created[story.slug] = (story, article)
    return created


def _commenter(name, rng):
    local = slugify(name).replace("-", ".") or "reader"
    return {
        "name": name,
        "email": f"{local}@example.{rng.choice(['org', 'net', 'com'])}",
        "ip_address": rng.choice(demo_comments.IP_ADDRESSES),
        "user_agent": rng.choice(demo_comments.USER_AGENTS),
    }


def _comments(report, now, new_articles, moderator):
    """Approved comments on each new story; the queue; two rejected ones."""
    decisions = []

    def add(article, name, body, status, created_at, rng, reason="", note=""):
        decided = {}
        if status != Comment.Status.PENDING:
            decided_at = min(created_at + timedelta(minutes=rng.randint(8, 95)), now)
            decided = {
                "decided_at": decided_at,
                "decided_by": moderator,
                "rejection_reason": reason,
            }
        comment = Comment.objects.create(
            article=article,
            body=body,
            status=status,
            created_at=created_at,
            **decided,
            **_commenter(name, rng),
        )
        if decided:
            # The log is append-only: each decision is written once, with its time.
            decisions.append(
                ModerationDecision(
                    comment=comment,
                    moderator=moderator,
                    decided_at=decided["decided_at"],
                    from_status=Comment.Status.PENDING,
                    to_status=status,
                    reason=reason,
                    note=note,
                )
            )
        report.created["comments"] += 1
        report.comment_states[status] += 1

    for story, article in new_articles.values():
        if not story.comments or not article.is_published:
            continue
        rng = random.Random("comments:" + story.slug)
        start = article.publish_at + timedelta(minutes=6)
        end = min(now - timedelta(minutes=4), article.publish_at + timedelta(days=3))
        span = max((end - start).total_seconds(), 60)
        moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in story.comments)
        for (name, body), moment in zip(story.comments, moments, strict=True):
            add(article, name, body, Comment.Status.APPROVED, moment, rng)

    def queued(row):
        slug, name, body, hours = row[:4]
        if slug not in new_articles:
            return None
        article = new_articles[slug][1]
        created_at = max(now - timedelta(hours=hours), article.publish_at + timedelta(minutes=3))
        return article, name, body, created_at, random.Random("queue:" + slug + name)

    for row in demo_comments.PENDING:
        if item := queued(row):
            add(*item[:3], Comment.Status.PENDING, item[3], item[4])
    for row in demo_comments.REJECTED:
        if item := queued(row):
            add(*item[:3], Comment.Status.REJECTED, item[3], item[4], row[4], row[5])

    ModerationDecision.objects.bulk_create(decisions)
    report.created["moderation decisions"] += len(decisions)


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
    found = set(
        get_user_model().objects.filter(username__in=DEMO_USERS).values_list("username", flat=True)
    )
    return [(username, password, None) for username in DEMO_USERS if username in found]


def _demo_password():
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
            f"users: {', '.join(DEMO_USERS)}\n"
            f"password: {password}\n"
        )
    os.chmod(path, 0o600)
    return password, True


def _users(report):
    User = get_user_model()
    password, _ = _demo_password()
    hashed = None  # one hash for all four: hashing is slow on purpose
    users = {}
    for username, (group_name, superuser, first, last, author_slug) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            hashed = hashed or make_password(password)
            user = User.objects.create(
                username=username,
                email=f"{username}@example.org",
                first_name=first,
                last_name=last,
                password=hashed,
                is_staff=True,
                is_superuser=superuser,
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
