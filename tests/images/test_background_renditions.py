"""Renditions are made by the task worker, not in the editor's upload request;
until they exist, pages show the clean original."""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from images.html import picture
from images.models import Image
from tests.factories import make_article, make_user, png_bytes

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(client, width=1400, height=900):
    return client.post(
        "/admin/images/image/add/",
        {
            "file": SimpleUploadedFile(
                "quay.jpg", png_bytes(width, height, fmt="JPEG"), content_type="image/jpeg"
            ),
            "title": "Quay",
            "alt_text": "Boats at the quay",
            "focal_x": 50,
            "focal_y": 50,
        },
    )


def run_worker():
    """The task worker, run until the queue is empty, in this test's process.
    Between tasks it drops database connections it thinks stale, as a worker
    should; here that would close the test's own transaction (PostgreSQL)."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@override_settings(TASKS=DATABASE_TASKS)
def test_upload_returns_before_renditions_and_the_worker_makes_them(client):
    client.force_login(make_user(superuser=True))
    response = upload(client)
    assert response.status_code == 302

    # The request stored the clean original and queued the work, nothing more.
    image = Image.objects.get()
    assert image.renditions == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "images.tasks.make_renditions"
    assert queued.status == "READY"
    # Meanwhile pages show the original, with its size (no layout shift).
    html = picture(image, "3:2")
    assert f'src="{image.file.url}"' in html and 'width="1400" height="900"' in html
    page = client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert "being made in the background" in page

    run_worker()

    image = Image.objects.get()
    assert {r["ratio"] for r in image.renditions} == {"free", "3:2", "1:1"}
    assert all((Path(settings.MEDIA_ROOT) / r["path"]).is_file() for r in image.renditions)
    assert "srcset=" in picture(image, "3:2")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@override_settings(TASKS=DATABASE_TASKS)
def test_a_story_leading_with_the_image_refreshes_when_renditions_arrive(client):
    client.force_login(make_user(superuser=True))
    upload(client)
    image = Image.objects.get()
    story = make_article(headline="Harbour reopens", lead_image=image)
    before = client.get(story.get_absolute_url()).content.decode()
    assert "/renditions/" not in before and image.file.url in before

    run_worker()

    after = client.get(story.get_absolute_url()).content.decode()
    assert "/renditions/" in after


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_for_an_outdated_focal_point_records_nothing(client):
    client.force_login(make_user(superuser=True))
    upload(client)
    image = Image.objects.get()
    image.focal_x = 10
    image.save()  # queues a second task, for the new focal point
    assert DBTaskResult.objects.count() == 2

    run_worker()

    image.refresh_from_db()
    made_at = {r["path"].split("/")[-2] for r in image.renditions}
    assert len(made_at) == 1  # one version: the focal point's of now
    from images.renditions import ROOT

    folders = list((Path(settings.MEDIA_ROOT) / ROOT / str(image.pk)).iterdir())
    assert [f.name for f in folders] == list(made_at)
