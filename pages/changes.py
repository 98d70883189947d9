"""A publication page saved or deleted: one `content_changed` event
(articles.changes), with what readers saw of it before and see after."""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.changes import Change, send
from pages.models import Page


@dataclass(frozen=True)
class PageState:
    """What readers' pages show of a page: its own address and the footer."""

    published: bool
    in_footer: bool
    title: str
    slug: str
    order: int

    @classmethod
    def of(cls, page):
        return cls(page.published, page.in_footer, page.title, page.slug, page.order)

    @property
    def footer_entry(self):
        """What the footer shows of it, None for nothing."""
        return (self.title, self.slug, self.order) if self.published and self.in_footer else None


_BEFORE = "_content_changed_before"


@receiver(pre_save, sender=Page)
def _remember_page(sender, instance, raw=False, **kwargs):
    before = None
    if not raw and instance.pk is not None:
        found = Page.objects.filter(pk=instance.pk).first()
        before = PageState.of(found) if found else None
    setattr(instance, _BEFORE, before)


@receiver(post_save, sender=Page)
def _page_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, _BEFORE, None)
    send(Change.PAGE, sender=Page, subject=instance, before=before, after=PageState.of(instance))


@receiver(post_delete, sender=Page)
def _page_deleted(sender, instance, **kwargs):
    send(Change.PAGE, sender=Page, subject=instance, before=PageState.of(instance), after=None)
