"""When a library image changes, the stories showing it change too.

Story bodies embed the addresses of their library images (and their alt text
and caption, baked in on save): when an image gets new renditions, new words,
or is deleted, the bodies that show it are rebuilt, and every story it leads
or shows is announced as changed (Change.IMAGE), so that pages and search
follow.
"""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from articles.changes import Change, send
from articles.models import Article
from articles.richtext import image_marker, sanitize_html
from images.models import Image, image_changed

_LEADS = "_image_updates_leads"  # pre_delete -> post_delete, here only


@receiver(image_changed, sender=Image)
def image_saved(sender, image, **kwargs):
    refresh_stories_showing(image)


@receiver(pre_delete, sender=Image)
def _remember_leads(sender, instance, **kwargs):
    # Deleting unlinks the stories it leads (SET_NULL sends no signal).
    setattr(
        instance,
        _LEADS,
        list(Article.objects.filter(lead_image=instance).values_list("pk", flat=True)),
    )


@receiver(post_delete, sender=Image)
def image_deleted(sender, instance, **kwargs):
    refresh_stories_showing(instance, also=getattr(instance, _LEADS, ()))


def refresh_stories_showing(image, also=()):
    """Rebuild the bodies that show `image`, and announce every story it
    shows or leads (and the stories `also`, ids). Returns the ids of the
    stories whose body changed."""
    rebuilt = set()
    marker = image_marker(image.pk)
    for article in Article.objects.filter(body__contains=marker).only("pk", "body"):
        body = sanitize_html(article.body)
        if body != article.body:
            Article.objects.filter(pk=article.pk).update(body=body)
            rebuilt.add(article.pk)
    leads = set(Article.objects.filter(lead_image_id=image.pk).values_list("pk", flat=True))
    stories = sorted(rebuilt | leads | set(also))
    if stories:
        send(Change.IMAGE, sender=Image, subject=image, stories=stories)
    return rebuilt
