"""The editorial workflow's operations: each one checks the rules, changes the
article, records what happened and tells the caches.

Every function is keyword-only after the article, atomic, and raises
PermissionDenied when `by` may not do it, or TransitionNotAllowed when the
article's status does not allow it.
"""

from datetime import datetime, timedelta

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from articles.changes import Change, send
from articles.models import Article
from editorial import permissions
from editorial.models import (
    TOP_SLOTS,
    ArrangementRecord,
    Correction,
    Placement,
    ShareLink,
    Transition,
)
from editorial.revisions import image_field_labels

Status = Article.Status


class TransitionNotAllowed(ValidationError):
    pass


class IncompleteStory(TransitionNotAllowed):
    """The story lacks what Article.REQUIRED_FOR_REVIEW asks of it; `missing`
    names the fields."""

    def __init__(self, missing):
        self.missing = list(missing)
        super().__init__(Article.describe_missing(self.missing), code="incomplete")


def _move(article, *, by, to, note="", publish_at=None, comment):
    with transaction.atomic(), reversion.create_revision():
        # Lock the row and read the status afresh: two editors pressing
        # "Publish" at once must not both record a transition from draft.
        current = Article.objects.select_for_update().get(pk=article.pk)
        if (current.status, to) not in permissions.MOVES:
            raise TransitionNotAllowed(
                f"A story that is “{current.get_status_display()}” cannot be moved to "
                f"“{Status(to).label}”."
            )
        if not permissions.may_move(by, current, to):
            raise PermissionDenied(f"You may not move this story to “{Status(to).label}”.")
        if to in (Status.REVIEW, Status.PUBLISHED) and current.status != to:
            missing = current.missing_for_publication()
            if missing:
                raise IncompleteStory(missing)
        from_status = current.status
        article.status = to
        if publish_at is not None:
            article.publish_at = publish_at
        # Only the workflow's fields: content edits are saved by their own form.
        article.save(update_fields=["status", "publish_at", "updated_at"])
        reversion.set_user(by)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
        transition = Transition.objects.create(
            article=article,
            from_status=from_status,
            to_status=to,
            publish_at=article.publish_at if to == Status.PUBLISHED else None,
            by=by,
            note=note.strip(),
        )
    return transition


def submit_for_review(article: Article, *, by, note: str = "") -> Transition:
    """A draft goes to the editors' review queue."""
    return _move(article, by=by, to=Status.REVIEW, note=note, comment="Submitted for review")


def publish(article: Article, *, by, at: datetime | None = None, note: str = "") -> Transition:
    """Publish now, or schedule for `at` if it is in the future.

    A scheduled story needs nothing more: Article.objects.published() compares
    publish_at with the current time, so readers see it from that moment on.
    """
    now = timezone.now()
    at = at or now
    comment = "Published" if at <= now else f"Scheduled for {timezone.localtime(at):%d %b %Y %H:%M}"
    # The story's save announces the change (articles.changes).
    return _move(article, by=by, to=Status.PUBLISHED, note=note, publish_at=at, comment=comment)


def unpublish(article: Article, *, by, note: str = "") -> Transition:
    """Take a published (or scheduled) story off the site."""
    return _move(article, by=by, to=Status.UNPUBLISHED, note=note, comment="Unpublished")


def return_to_draft(article: Article, *, by, note: str = "") -> Transition:
    """Send a story in review (or an unpublished one) back to its writers."""
    return _move(article, by=by, to=Status.DRAFT, note=note, comment="Returned to draft")


def move_to(article: Article, status: str, *, by, at: datetime | None = None, note: str = ""):
    """Dispatch to the operation that moves `article` to `status`."""
    if status == Status.PUBLISHED:
        return publish(article, by=by, at=at, note=note)
    if status == Status.REVIEW:
        return submit_for_review(article, by=by, note=note)
    if status == Status.UNPUBLISHED:
        return unpublish(article, by=by, note=note)
    if status == Status.DRAFT:
        return return_to_draft(article, by=by, note=note)
    raise TransitionNotAllowed(f"Unknown status “{status}”.")


def record_image_change(image, *, by, fields) -> int:
    """Note a change of library image `image` (its `fields`, images.models.
    READER_FIELDS) in the history of every story that shows it, as a revision
    by `by`: the stories changed too, though none of them was saved. Returns
    how many stories it was noted in."""
    stories = list(Article.objects.using_image(image.pk))
    labels = image_field_labels(fields)
    if not stories or not labels:
        return 0
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.set_user(by)
        reversion.set_comment(f"Library image “{image.title}” changed: {', '.join(labels)}")
        for story in stories:
            reversion.add_to_revision(story)  # with the images it shows, as they are now
    return len(stories)


def append_correction(article: Article, *, by, kind: str, text: str) -> Correction:
    """Append a dated correction or update note; it bumps the "Updated" time."""
    if not (by.is_active and by.has_perm("editorial.add_correction")):
        raise PermissionDenied("Only editors can append corrections and updates.")
    if kind not in Correction.Kind.values:
        raise ValidationError(f"Unknown kind of note “{kind}”.")
    text = text.strip()
    if not text:
        raise ValidationError("A correction or update needs its text.")
    with transaction.atomic():
        correction = Correction.objects.create(article=article, kind=kind, text=text, author=by)
        article.has_corrections = True
        article.save(update_fields=["has_corrections", "updated_at"])
    send(Change.CORRECTION, sender=Correction, article=article)
    return correction


def mark_breaking(article: Article, *, by, until: datetime) -> None:
    """Show the breaking-news banner for `article` on every page until `until`."""
    if not permissions.can_publish_story(by, article):
        raise PermissionDenied("Only editors of its edition can mark a story as breaking news.")
    if until <= timezone.now():
        raise ValidationError("The end of a breaking-news banner must be in the future.")
    article.breaking_until = until
    article.save(update_fields=["breaking_until", "updated_at"])
    breaking_changed(article)


def clear_breaking(article: Article, *, by) -> None:
    if not permissions.can_publish_story(by, article):
        raise PermissionDenied("Only editors of its edition can change breaking news.")
    article.breaking_until = None
    article.save(update_fields=["breaking_until", "updated_at"])
    breaking_changed(article)


def breaking_changed(article):
    # The banner is on every page: a site-wide change for the caches.
    send(Change.BREAKING, sender=Article)


def create_share_link(article: Article, *, by, hours: int | None = None) -> ShareLink:
    """A secret link that shows the unpublished article to anyone who has it."""
    if not permissions.can_view(by, article):
        raise PermissionDenied("You may not share this story.")
    hours = hours or settings.PREVIEW_LINK_HOURS
    if not 1 <= hours <= 24 * 30:
        raise ValidationError("A share link lasts between one hour and 30 days.")
    return ShareLink.objects.create(
        article=article, created_by=by, expires_at=timezone.now() + timedelta(hours=hours)
    )


def revoke_share_link(link: ShareLink, *, by) -> None:
    if not permissions.can_view(by, link.article):
        raise PermissionDenied("You may not revoke this link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])


def arrange(section, *, by, slots) -> ArrangementRecord:
    """Set the top slots of the front page (`section` None) or of a section's
    page: `slots` maps slot numbers (1 is the lead) to (article, until), until
    a datetime or None. Slots not given fill by time. Replaces the page's
    arrangement as a whole, logs it, and refreshes that page."""
    if not permissions.can_publish(by):
        raise PermissionDenied("Only editors arrange the front and section pages.")
    now = timezone.now()
    seen = set()
    for slot, (article, until) in slots.items():
        if not 1 <= slot <= TOP_SLOTS:
            raise ValidationError(f"There are {TOP_SLOTS} top slots; slot {slot} is not one.")
        if article.status != Status.PUBLISHED:
            raise ValidationError(f"“{article.headline}” is not published or scheduled.")
        if section is not None and article.section_id != section.pk:
            raise ValidationError(f"“{article.headline}” is not in {section.name}.")
        if until is not None and until <= now:
            raise ValidationError(f"The pin of “{article.headline}” must end in the future.")
        if article.pk in seen:
            raise ValidationError(f"“{article.headline}” is in two slots.")
        seen.add(article.pk)
    page = section.name if section is not None else "Front page"
    lines = [
        f"{slot}. {article.headline}"
        + (f" (until {timezone.localtime(until):%d %b %Y %H:%M})" if until else "")
        for slot, (article, until) in sorted(slots.items())
    ]
    with transaction.atomic():
        Placement.objects.filter(section=section).delete()
        Placement.objects.bulk_create(
            Placement(section=section, slot=slot, article=article, until=until, placed_by=by)
            for slot, (article, until) in slots.items()
        )
        record = ArrangementRecord.objects.create(
            section=section,
            by=by,
            summary=f"{page}: " + ("; ".join(lines) if lines else "every slot fills by time"),
        )
    send(Change.ARRANGEMENT, sender=Placement, subject=section)
    return record


def _section_for_translation(original, into):
    """Where a translation of `original` into edition `into` starts: the
    section translators chose most often (the latest of equals) for stories
    of the original's section, else the edition's section of the same address, else its first."""
    chosen = (
        Article.objects.filter(edition=into, translation_of__section=original.section_id)
        .values("section")
        .annotate(times=Count("pk"), latest=Max("pk"))
        .order_by("-times", "-latest")
        .first()
    )
    if chosen is not None:
        return into.sections.get(pk=chosen["section"])
    same = into.sections.filter(slug=original.section.slug).first() if original.section_id else None
    return same or into.sections.order_by("order", "name").first()


def translate(article: Article, *, into, by) -> Article:
    """A draft of `article` in the edition `into`, linked to its group: a
    translation of the group's original, whichever story of the group it is
    made from. It starts from what a translator replaces (headline,
    standfirst, dateline, body) and keeps what carries over (lead image and
    its caption, topics); the section is a guess (_section_for_translation)
    until the translator chooses, and the byline is theirs to fill.

    Raises ValidationError when the group already has a story in that
    edition (the database holds that too) or the edition has no section."""
    if not permissions.can_read(by, article):
        raise PermissionDenied("You may not open this story.")
    if not permissions.may_translate_into(by, into):
        raise PermissionDenied(f"You may not write stories in the {into.english_name} edition.")
    original = article.translation_of or article
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        # The group's original, locked: two translators pressing the same
        # button make one draft.
        original = Article.objects.select_for_update().get(pk=original.pk)
        if original.edition_id == into.pk:
            raise ValidationError(f"The original of this story is in {into.english_name}.")
        existing = original.translations.filter(edition=into).first()
        if existing is not None:
            raise ValidationError(
                f"This story already has a {into.english_name} translation: “{existing}”."
            )
        section = _section_for_translation(original, into)
        if section is None:
            raise ValidationError(
                f"The {into.english_name} edition has no section yet: an editor adds one first."
            )
        draft = Article(
            edition=into,
            translation_of=original,
            headline=article.headline,
            slug=f"{original.slug[:190]}-{into.pk}",
            standfirst=article.standfirst,
            dateline=article.dateline,
            body=article.body,
            section=section,
            lead_image_id=article.lead_image_id,
            lead_image_caption=article.lead_image_caption,
            status=Status.DRAFT,
            comments_open=article.comments_open,
            created_by=by,
        )
        draft.slug = _free_slug(draft.slug)
        draft.full_clean(exclude=["slug"])
        draft.save()
        draft.tags.set(list(article.tags.all()))
        reversion.set_user(by)
        reversion.set_comment(
            f"Translation into {into.english_name} started from the "
            f"{article.edition.english_name} story “{article.headline}”"
        )
        reversion.add_to_revision(draft)
    return draft


def _free_slug(slug):
    taken = set(Article.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
