"""Topics: their slugs, and merging the stories of several under one.

A new topic's slug follows the project's rule (articles.models.slug_for):
Unicode where the name has no Latin form, never empty.

Editors end up with "Oil", "oil prices" and "Oil and gas" on stories about
the same thing. Merging keeps one tag, gives it to every story of the others
and deletes the others. Caches and the search index hear of it through the
usual signals: m2m_changed (as `tag.<stories>.add()` sends it) for the stories
that gain the kept tag, and each merged tag's own deletion for the rest.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article, TaggedArticle, unique_slug


@transaction.atomic
def merge_tags(*, keep: Tag, others) -> int:
    """Give `keep` to every story tagged with one of `others`, then delete
    `others`. Returns how many stories were tagged `keep` anew."""
    others = [tag for tag in others if tag.pk != keep.pk]
    tagged = set(TaggedArticle.objects.filter(tag__in=others).article_ids())
    already = set(
        TaggedArticle.objects.filter(tag=keep, content_object_id__in=tagged).article_ids()
    )
    new = sorted(tagged - already)
    TaggedArticle.objects.bulk_create(
        TaggedArticle(tag=keep, content_object_id=article_id) for article_id in new
    )
    if new:
        m2m_changed.send(
            sender=TaggedArticle,
            instance=keep,
            action="post_add",
            reverse=True,
            model=Article,
            pk_set=set(new),
            using=TaggedArticle.objects.db,
        )
    for tag in others:
        tag.delete()  # its pages, its stories' pages and their search documents follow
    return len(new)


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
