"""Keep files and pages in step with the image library."""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from images import renditions as rendition_maker
from images.models import Image
from images.portraits import delete_portraits, make_portraits, portrait_path

logger = logging.getLogger(__name__)


@receiver(post_delete, sender=Image)
def delete_image_files(sender, instance, **kwargs):
    """An image deleted from the library takes its file and renditions along,
    once the deletion is committed (a rolled-back delete keeps them)."""
    name = instance.file.name if instance.file else ""
    storage = instance.file.storage
    renditions = list(instance.renditions or [])

    def delete():
        rendition_maker.delete_files(renditions, storage)
        if name:
            storage.delete(name)

    transaction.on_commit(delete)


@receiver(post_save, sender="articles.Author")
def make_author_portraits(sender, instance, raw=False, **kwargs):
    """Square renditions of the author's photo, made on save. A failure is
    logged, never raised: the page falls back to the original photo."""
    if raw or not instance.photo:
        return
    if default_storage.exists(portrait_path(instance.photo.name, 96, "jpeg")):
        return
    try:
        make_portraits(instance.photo)
    except Exception:
        logger.warning("Could not make portraits of author %s", instance.pk, exc_info=True)


@receiver(post_delete, sender="articles.Author")
def delete_author_portraits(sender, instance, **kwargs):
    if instance.photo:
        name = instance.photo.name
        transaction.on_commit(lambda: delete_portraits(name))
