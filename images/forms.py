from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from images.models import Image
from images.validators import validate_image_file


class LibraryImageField(forms.ImageField):
    """An image upload checked by our limits before Django's own decoding.

    Django's ImageField opens the upload with Pillow first and reports any
    failure, a decompression bomb included, as a vague "not a valid image";
    running our validator first gives the journalist the real reason."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            validate_image_file(data)
        return super().to_python(data)


class ImageAdminForm(forms.ModelForm):
    file = LibraryImageField(label="File")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"JPEG, PNG, WebP or GIF, at most {filesizeformat(settings.IMAGE_MAX_BYTES)} "
            f"and {settings.IMAGE_MAX_PIXELS // 1_000_000} million pixels. Resized copies "
            "for every screen are made when you save."
        )

    class Meta:
        model = Image
        fields = "__all__"
