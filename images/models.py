from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.tasks import TaskResultStatus

from images import renditions as rendition_maker
from images.events import image_changed
from images.fields import JSONTextField
from images.validators import validate_image_file

# What readers see of a library image: a change of these shows on every story
# that uses it (editorial.permissions decides who may make it).
READER_FIELDS = ("file", "alt_text", "caption", "credit", "focal_x", "focal_y")


def upload_to(instance, filename):
    from django.utils import timezone

    return timezone.now().strftime("images/%Y/%m/") + filename


class Image(models.Model):
    """A picture in the shared library, reusable across articles."""

    file = models.ImageField(
        upload_to=upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        help_text="JPEG, PNG, WebP or GIF.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(max_length=200, help_text="For finding it in the library.")
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        max_length=150, blank=True, help_text='Photographer or agency, e.g. "Photo: AFP".'
    )
    focal_x = models.PositiveSmallIntegerField(
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Horizontal focal point, percent from the left. Crops keep it in view.",
    )
    focal_y = models.PositiveSmallIntegerField(
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Vertical focal point, percent from the top.",
    )
    copyright_note = models.CharField(max_length=300, blank=True)
    usage_expires_on = models.DateField(
        null=True, blank=True, help_text="Date after which we may no longer use it."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    renditions = JSONTextField(
        default=list,
        blank=True,
        editable=False,
        help_text="Resized copies made by the task worker after a save: ratio, width, height, format and path of each.",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="image_created_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Save, and have the renditions (re)made if the file or focal point
        changed: by the task worker (images.tasks), so an upload returns as
        soon as its clean original is stored.

        A new file drops the old renditions at once (pages show the new
        original until its own are made); a new focal point keeps the old
        crops until the new ones replace them. If the row cannot be saved, the
        file written for it is removed, so a failed upload leaves neither a
        row nor an orphan file behind."""
        from images import tasks

        adding = self._state.adding
        previous = getattr(self, "_rendered_from", None)
        new_file = previous is not None and previous[0] != self.file.name
        if new_file and self.renditions:
            old_renditions, self.renditions = list(self.renditions), []
            self.__dict__.pop("_rendition_sets", None)
            transaction.on_commit(lambda: rendition_maker.delete_files(old_renditions))
        regenerate = bool(self.file) and (adding or self.renditions_outdated)
        try:
            with transaction.atomic(using=kwargs.get("using")):
                super().save(*args, **kwargs)
                if regenerate:
                    # With the database backend the task's row commits (or
                    # rolls back) with the image's; the task checks the image
                    # still has this source before recording anything.
                    result = tasks.make_renditions.enqueue(self.pk, tasks.rendition_source(self))
        except Exception:
            stored = self.file and getattr(self.file, "_committed", False)
            if stored and (previous is None or previous[0] != self.file.name):
                # Stored by this save, and nothing refers to it now.
                self.file.storage.delete(self.file.name)
            raise
        if regenerate and result.status == TaskResultStatus.SUCCESSFUL and result.return_value:
            # A backend that ran it at once (ImmediateBackend: tests).
            self.renditions = result.return_value
            self.__dict__.pop("_rendition_sets", None)
        if new_file and previous[0]:
            # The file was replaced: the old one is no longer used.
            old_name, storage = previous[0], self.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
        self._rendered_from = self._rendition_source()
        shown, self._shown = getattr(self, "_shown", None), self._shown_fields()
        if not adding and (new_file or shown is None or shown != self._shown):
            image_changed.send(sender=Image, image=self)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._rendered_from = instance._rendition_source()
        instance._shown = instance._shown_fields()
        return instance

    def _shown_fields(self):
        """What pages show besides the pixels; None when some was not loaded."""
        if self.get_deferred_fields() & {"alt_text", "caption", "credit"}:
            return None
        return (self.alt_text, self.caption, self.credit)

    def _rendition_source(self):
        """What the renditions depend on; None when some of it was not loaded."""
        deferred = self.get_deferred_fields()
        if deferred & {"file", "focal_x", "focal_y"}:
            return None
        return (self.file.name, self.focal_x, self.focal_y)

    @property
    def renditions_outdated(self):
        source = getattr(self, "_rendered_from", None)
        if not self.renditions or source is None:
            return True
        return source != self._rendition_source()

    def regenerate_renditions(self):
        """Make the renditions again (e.g. after a change of recipe)."""
        old = list(self.renditions or [])
        made = rendition_maker.generate(self)
        Image.objects.filter(pk=self.pk).update(renditions=made)
        self.renditions = made
        self.__dict__.pop("_rendition_sets", None)
        paths = {item["path"] for item in made}
        rendition_maker.delete_files([item for item in old if item["path"] not in paths])
        if {item["path"] for item in old} != paths:
            image_changed.send(sender=Image, image=self)
        return made

    def rendition_set(self, ratio="free"):
        """URLs and size of this image at `ratio` ("free", "3:2", "1:1"): no query."""
        cache = self.__dict__.setdefault("_rendition_sets", {})
        if ratio not in cache:
            cache[ratio] = rendition_maker.rendition_set(self, ratio)
        return cache[ratio]
