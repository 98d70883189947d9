"""The workflow's transitions as service functions: rules, records, signals."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.changes import Change, content_changed
from articles.models import Article
from editorial import services
from editorial.services import TransitionNotAllowed
from tests.factories import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def signals():
    received = []

    def listener(sender, change, article=None, before=None, **kwargs):
        received.append((change, article, before and before.status))

    content_changed.connect(listener)
    yield received
    content_changed.disconnect(listener)


@pytest.fixture
def draft(journalist):
    return make_article(status=Status.DRAFT, created_by=journalist, authors=[journalist.author])


def test_the_whole_path_is_recorded(draft, journalist, editor):
    services.submit_for_review(draft, by=journalist, note="Ready")
    services.return_to_draft(draft, by=editor, note="Needs a second source")
    services.submit_for_review(draft, by=journalist)
    services.publish(draft, by=editor)
    services.unpublish(draft, by=editor, note="Legal asked")
    steps = [
        (t.from_status, t.to_status, t.by.username, t.note)
        for t in draft.transitions.order_by("at", "pk")
    ]
    assert steps == [
        ("draft", "review", "jo", "Ready"),
        ("review", "draft", "ed", "Needs a second source"),
        ("draft", "review", "jo", ""),
        ("review", "published", "ed", ""),
        ("published", "unpublished", "ed", "Legal asked"),
    ]
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_publishing_sends_content_changed(draft, editor, signals):
    services.publish(draft, by=editor)
    assert (Change.STORY, draft, Status.DRAFT) in signals
    assert draft.status == Status.PUBLISHED
    services.unpublish(draft, by=editor)
    assert (Change.STORY, draft, Status.PUBLISHED) in signals
    assert draft.status == Status.UNPUBLISHED


def test_journalist_cannot_publish_unpublish_or_return(draft, journalist, editor):
    with pytest.raises(PermissionDenied):
        services.publish(draft, by=journalist)
    services.submit_for_review(draft, by=journalist)
    with pytest.raises(PermissionDenied):
        services.return_to_draft(draft, by=journalist)
    services.publish(draft, by=editor)
    with pytest.raises(PermissionDenied):
        services.unpublish(draft, by=journalist)
    assert Article.objects.get(pk=draft.pk).status == Status.PUBLISHED


def test_journalist_cannot_submit_someone_elses_draft(draft, other_journalist):
    with pytest.raises(PermissionDenied):
        services.submit_for_review(draft, by=other_journalist)
    assert not draft.transitions.exists()


def test_moves_the_status_does_not_allow_are_refused(draft, editor):
    with pytest.raises(TransitionNotAllowed):
        services.unpublish(draft, by=editor)
    with pytest.raises(TransitionNotAllowed):
        services.return_to_draft(draft, by=editor)
    services.submit_for_review(draft, by=editor)
    with pytest.raises(TransitionNotAllowed):
        services.submit_for_review(draft, by=editor)
    assert draft.transitions.count() == 1


def test_the_status_is_read_afresh_not_from_a_stale_object(draft, journalist, editor):
    stale = Article.objects.get(pk=draft.pk)
    services.submit_for_review(draft, by=journalist)
    services.publish(draft, by=editor)
    # `stale` still says draft, but the row is published: submitting is refused.
    with pytest.raises(TransitionNotAllowed):
        services.submit_for_review(stale, by=editor)


def test_a_failed_move_changes_nothing(draft, journalist):
    with pytest.raises(PermissionDenied):
        services.publish(draft, by=journalist)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.publish_at is None
    assert not draft.transitions.exists()


def test_scheduled_story_goes_live_by_itself_at_its_time(draft, editor, client):
    at = timezone.now() + timedelta(hours=2)
    transition = services.publish(draft, by=editor, at=at, note="Embargoed")
    assert transition.was_scheduled and transition.publish_at == at
    draft.refresh_from_db()
    assert draft.is_scheduled
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not Article.objects.published().filter(pk=draft.pk).exists()
    # No job runs: at its time, the one "visible" query includes it.
    assert Article.objects.published(at=at).filter(pk=draft.pk).exists()
    assert not Article.objects.published(at=at - timedelta(seconds=1)).filter(pk=draft.pk).exists()


def test_rescheduling_a_published_story_is_recorded(draft, editor):
    services.publish(draft, by=editor, at=timezone.now() + timedelta(hours=1))
    later = timezone.now() + timedelta(hours=5)
    services.publish(draft, by=editor, at=later)
    latest = draft.transitions.latest()
    assert (latest.from_status, latest.to_status, latest.publish_at) == (
        "published",
        "published",
        later,
    )


def test_each_move_keeps_a_revision(draft, journalist, editor):
    from editorial.revisions import versions_of

    services.submit_for_review(draft, by=journalist)
    services.publish(draft, by=editor)
    comments = [v.revision.comment for v in versions_of(draft)]
    assert comments[:2] == ["Published", "Submitted for review"]
    assert versions_of(draft)[0].revision.user == editor
