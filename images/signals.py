"""Keep files and pages in step with the image library."""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from images import renditions as rendition_maker
from images.models import Image, image_changed
from images.uploads import clean_field_file

logger = logging.getLogger(__name__)


@receiver(pre_save, sender=Image)
def clean_library_upload(sender, instance, raw=False, **kwargs):
    """A new file is stored clean however it arrives (see images.uploads)."""
    if not raw:
        clean_field_file(instance, "file")


@receiver(pre_save, sender="articles.Author")
def clean_author_photo(sender, instance, raw=False, **kwargs):
    if not raw:
        clean_field_file(instance, "photo")


@receiver(pre_delete, sender=Image)
def remember_lead_of(sender, instance, **kwargs):
    # Deleting unlinks the stories it leads (SET_NULL, no signal): note them.
    from articles.models import Article

    instance._lead_of = list(
        Article.objects.filter(lead_image=instance).values_list("pk", flat=True)
    )


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
    refresh_articles(instance, lead_of=getattr(instance, "_lead_of", ()))


@receiver(image_changed, sender=Image)
def image_saved(sender, image, **kwargs):
    refresh_articles(image)  # new renditions, alt text, caption or credit


def refresh_articles(image, lead_of=()):
    # Article bodies embed the URLs of their inline library images; rebuild
    # them so they point at the new renditions (or drop a deleted image).
    from articles.richtext import refresh_bodies_using_image

    refresh_bodies_using_image(image.pk, lead_of=lead_of)


@receiver(post_save, sender="articles.Author")
def make_author_portraits(sender, instance, raw=False, **kwargs):
    """Square renditions of the author's photo, made on save. A failure is
    logged, never raised: the page falls back to the original photo."""
    if raw or not instance.photo:
        return
    from images.portraits import make_portraits, portrait_path

    if default_storage.exists(portrait_path(instance.photo.name, 96, "jpeg")):
        return
    try:
        make_portraits(instance.photo)
    except Exception:
        logger.warning("Could not make portraits of author %s", instance.pk, exc_info=True)


@receiver(post_delete, sender="articles.Author")
def delete_author_portraits(sender, instance, **kwargs):
    if instance.photo:
        from images.portraits import delete_portraits

        name = instance.photo.name
        transaction.on_commit(lambda: delete_portraits(name))
