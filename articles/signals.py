"""Signals of the articles app.

`content_changed` is the one event every cache listens to: something readers
see about `article` changed (published, edited, unpublished, a correction, a
comment decision). Senders pass the article (or None for site-wide changes such
as a section rename) and a short `reason`.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver
from taggit.models import Tag

from articles.models import Article, Section, unique_slug

content_changed = Signal()


@receiver([post_save, post_delete], sender=Section)
def forget_navigation(sender, **kwargs):
    # Site-wide: the masthead of every page (newsroom/shared.py) and lists.
    content_changed.send(sender=Section, article=None, reason="section")


@receiver(post_save, sender=Article)
def article_saved(sender, instance, **kwargs):
    content_changed.send(sender=Article, article=instance, reason="article-saved")


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance, **kwargs):
    content_changed.send(sender=Article, article=instance, reason="article-deleted")


@receiver(pre_save, sender=Tag)
def topic_slug(sender, instance, raw=False, **kwargs):
    """A new topic's slug by our rule (articles.models.slug_for), unique, and
    never empty: taggit's own would be "" for a name of only symbols or emoji,
    and keeps accents ("türkiye"). A slug other than taggit's own (one typed
    in the admin) is kept."""
    if raw or not instance._state.adding:
        return
    if instance.slug in ("", instance.slugify(instance.name)):
        instance.slug = unique_slug(
            Tag.objects.all(),
            instance.name,
            fallback="topic",
            max_length=Tag._meta.get_field("slug").max_length,
        )
