from django.db.models.signals import post_delete
from django.dispatch import receiver

from articles.changes import Change, send
from articles.models import Article
from editorial.models import Correction


@receiver(post_delete, sender=Correction)
def correction_deleted(sender, instance, **kwargs):
    """Corrections are never deleted in the admin; if one is (a superuser in a
    shell, an article's deletion), keep the article's flag true to the rows."""
    article = Article.objects.filter(pk=instance.article_id).first()
    if article is None:
        return
    still = Correction.objects.filter(article_id=article.pk).exists()
    if article.has_corrections != still:
        Article.objects.filter(pk=article.pk).update(has_corrections=still)
    send(Change.CORRECTION, sender=Correction, article=article)
