"""Keep files and pages in step with the image library."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from images import renditions as rendition_maker
from images.models import Image, image_changed


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
    refresh_articles(instance)


@receiver(image_changed, sender=Image)
def image_saved(sender, image, **kwargs):
    refresh_articles(image)  # new renditions, alt text, caption or credit


def refresh_articles(image):
    # Article bodies embed the URLs of their inline library images; rebuild
    # them so they point at the new renditions (or drop a deleted image).
    from articles.richtext import refresh_bodies_using_image

    refresh_bodies_using_image(image.pk)
