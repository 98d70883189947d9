"""Merging topics: the stories of several tags moved under one.

Editors end up with "Oil", "oil prices" and "Oil and gas" on stories about
the same thing. Merging keeps one tag, gives it to every story of the others
and deletes the others. Caches and the search index hear of it through the
usual signals: m2m_changed (as `tag.<stories>.add()` sends it) for the stories
that gain the kept tag, and each merged tag's own deletion for the rest.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed
from taggit.models import Tag

from articles.models import Article, TaggedArticle


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
