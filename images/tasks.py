"""Work on library images done by the task worker, not in the editor's request.

An upload returns once the clean original is stored; its renditions are made
here, by `manage.py db_worker` (Django's tasks framework, docs/production.md).
Until they exist, pages show the original through the same <picture> markup
(``renditions.rendition_set`` falls back to it): the original is stored clean
(upright, sRGB, no metadata), so it is a safe, if heavier, picture to serve.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.tasks import task

from images import renditions as rendition_maker
from images.events import image_changed

logger = logging.getLogger(__name__)


def rendition_source(image):
    """What an image's renditions are made from, as a task argument (JSON)."""
    return [image.file.name, image.focal_x, image.focal_y]


def is_current(image):
    """Its recorded renditions were made from its present file and focal point."""
    version = f"/{rendition_maker.rendition_version(image)}/"
    return bool(image.renditions) and all(version in item["path"] for item in image.renditions)


@task()
def make_renditions(image_id: int, source: list) -> list | None:
    """Make the renditions of library image `image_id` from `source` (its
    file name and focal point when the task was enqueued), record them, and
    refresh the pages that show it.

    Does nothing if the image is gone, or changed since (the change enqueued
    a task of its own), or already has current renditions. Encoding happens
    outside any transaction, so no lock is held for the seconds it takes; the
    result is recorded only if the image still has the same source, else the
    files just made are removed. Returns the renditions made, or None."""
    Image = apps.get_model("images", "Image")  # images.models enqueues this task

    image = Image.objects.filter(pk=image_id).first()
    if image is None or rendition_source(image) != list(source) or is_current(image):
        return None
    made = rendition_maker.generate(image)
    with transaction.atomic():
        current = Image.objects.select_for_update().filter(pk=image_id).first()
        if current is None or rendition_source(current) != list(source):
            transaction.on_commit(lambda: rendition_maker.delete_files(made))
            return None
        old = list(current.renditions or [])
        Image.objects.filter(pk=image_id).update(renditions=made)
        current.renditions = made
        paths = {item["path"] for item in made}
        stale = [item for item in old if item["path"] not in paths]
        if stale:
            transaction.on_commit(lambda: rendition_maker.delete_files(stale))
        # Pages that show the image baked its addresses in: they refresh.
        image_changed.send(sender=Image, image=current)
    logger.info("Made %d renditions of image %s", len(made), image_id)
    return made
