"""Keep each article's search document in step with what readers can search.

An article's text, its byline and its tags all feed the document, and so do
author names and tag names, which live in their own tables.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article, Author, Byline, TaggedArticle
from search.indexing import reindex, reindex_in_batches


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex([instance.pk])


@receiver([post_save, post_delete], sender=Byline)
def byline_changed(sender, instance, raw=False, origin=None, **kwargs):
    # When the article itself is being deleted its document goes with it;
    # reindexing here would write a row for an article about to vanish.
    if raw or isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    reindex([instance.article_id])


@receiver(m2m_changed, sender=TaggedArticle)
def tags_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        reindex([instance.pk])
    elif model is Article and pk_set:
        reindex_in_batches(pk_set)


@receiver(post_save, sender=Author)
def author_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        reindex_in_batches(Byline.objects.filter(author=instance).article_ids())


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        reindex_in_batches(TaggedArticle.objects.filter(tag=instance).article_ids())


@receiver(pre_delete, sender=Tag)
def tag_deleting(sender, instance, **kwargs):
    # Its links go with it (a cascade sends no m2m signal): note the stories.
    instance._search_stories = list(TaggedArticle.objects.filter(tag=instance).article_ids())


@receiver(post_delete, sender=Tag)
def tag_deleted(sender, instance, **kwargs):
    reindex_in_batches(getattr(instance, "_search_stories", ()))
