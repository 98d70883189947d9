"""Keep each article's search document in step with what readers can search.

An article's text, its byline and its topics all feed the document, and so do
author and topic names, which live in their own tables: every such change
arrives as one `content_changed` event (articles.changes), which names the
stories it touches.
"""

from django.dispatch import receiver

from articles.changes import Change, content_changed
from search.indexing import reindex, reindex_in_batches

# A story's deletion takes its document along (the foreign key cascades);
# comments, corrections and site-wide changes are not in the document.
OWN_DOCUMENT = {Change.STORY, Change.BYLINE, Change.TOPICS}
NAMED_STORIES = {Change.NAMES, Change.IMAGE}


@receiver(content_changed)
def reindex_changed(sender, change, article=None, stories=(), **kwargs):
    if change in OWN_DOCUMENT:
        reindex([article.pk])
    elif change in NAMED_STORIES:
        reindex_in_batches(stories)
