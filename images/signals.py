"""Keep files and pages in step with the image library."""

import functools
import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from images import renditions as rendition_maker
from images.models import Image
from images.photos import photo_fields
from images.portraits import delete_portraits, make_portraits, portrait_path
from images.uploads import clean_field_file

logger = logging.getLogger(__name__)


@receiver(pre_save, sender=Image)
def clean_library_upload(sender, instance, raw=False, **kwargs):
    """A new file is stored clean however it arrives (see images.uploads)."""
    if not raw:
        clean_field_file(instance, "file")


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


def clean_photo(sender, instance, raw=False, *, field, **kwargs):
    if not raw:
        clean_field_file(instance, field)


def make_photo_portraits(sender, instance, raw=False, *, field, **kwargs):
    """Square renditions of a photo, made on save. A failure is logged, never
    raised: the page falls back to the original photo."""
    photo = getattr(instance, field)
    if raw or not photo:
        return
    if default_storage.exists(portrait_path(photo.name, 96, "jpeg")):
        return
    try:
        make_portraits(photo)
    except Exception:
        logger.warning(
            "Could not make portraits of %s %s", sender.__name__, instance.pk, exc_info=True
        )


def delete_photo_portraits(sender, instance, *, field, **kwargs):
    photo = getattr(instance, field)
    if photo:
        name = photo.name
        transaction.on_commit(lambda: delete_portraits(name))


def connect_photo_fields():
    """The receivers above, for each of settings.IMAGES_PHOTO_FIELDS."""
    for model, field in photo_fields():
        for signal, handler in (
            (pre_save, clean_photo),
            (post_save, make_photo_portraits),
            (post_delete, delete_photo_portraits),
        ):
            signal.connect(
                functools.partial(handler, field=field),
                sender=model,
                weak=False,
                dispatch_uid=f"images-{handler.__name__}-{model._meta.label}-{field}",
            )
