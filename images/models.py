from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from images.validators import validate_image_file


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

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="image_created_idx")]

    def __str__(self):
        return self.title
