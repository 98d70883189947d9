from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from images.models import Image
from images.uploads import CleanedUpload, clean_upload
from images.validators import accepted_formats_text, validate_image_file


class LibraryImageField(forms.ImageField):
    """An image upload checked by our limits, then cleaned, before Django's
    own checks.

    Django's ImageField opens the upload with Pillow first and reports any
    failure, a decompression bomb included, as a vague "not a valid image";
    running our validator first gives the journalist the real reason. The
    cleaning (images.uploads) decodes the whole picture, so a damaged one is
    refused here too, and what the form hands on is the cleaned file."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "read"):
            if not isinstance(data, CleanedUpload):
                validate_image_file(data)
                data = clean_upload(data)
        return super().to_python(data)


def upload_help_text():
    return (
        f"{accepted_formats_text()}, at most {filesizeformat(settings.IMAGE_MAX_BYTES)} "
        f"and {settings.IMAGE_MAX_PIXELS // 1_000_000} million pixels. Location, camera "
        "and author details in the file (EXIF, XMP, IPTC) are removed, and an animation "
        "keeps its first frame."
    )


class ImageAdminForm(forms.ModelForm):
    file = LibraryImageField(label="File")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"{upload_help_text()} Resized copies for every screen are made in the background "
            "after you save; pages show the original until then."
        )

    class Meta:
        model = Image
        fields = "__all__"
