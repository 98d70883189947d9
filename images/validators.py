"""Upload checks: a picture in a format we render, within the byte and pixel
limits, judged from its content (never its name).

Only the header is read here, so a decompression bomb is refused before any
pixel is decoded. Decoding the whole picture is the cleaning's part
(images.uploads), which the upload form runs next: a damaged file is refused
there, with the same message.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.template.defaultfilters import filesizeformat

from images import imaging


def accepted_formats_text():
    """'JPEG, PNG, WebP, GIF or AVIF': the formats we take, as people write them."""
    labels = [entry.label for entry in imaging.FORMATS.values()]
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def unreadable_image():
    return ValidationError(
        "Upload a valid image: this file is not a %(formats)s picture, or it is damaged.",
        code="invalid_image",
        params={"formats": accepted_formats_text()},
    )


class CleanedUpload(TemporaryUploadedFile):
    """An upload already checked and cleaned (images.uploads), in a temporary
    file: stored as it is."""


def validate_image_file(upload):
    if getattr(upload, "_committed", False) or isinstance(
        getattr(upload, "file", upload), CleanedUpload
    ):
        # A file already in storage (an unchanged field on edit) was checked
        # when it was uploaded; a cleaned one, before it was cleaned.
        return
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
        )
    if hasattr(upload, "open") and getattr(upload, "closed", False):
        upload.open("rb")
    try:
        facts = imaging.inspect(upload)
    except imaging.TooManyPixels:
        raise ValidationError(
            "This image has too many pixels to process safely; images may have at "
            "most %(limit)s million pixels.",
            code="too_many_pixels",
            params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except imaging.UnsupportedFormat as error:
        raise ValidationError(
            "%(format)s images are not accepted; upload a %(formats)s.",
            code="invalid_format",
            params={"format": error.name, "formats": accepted_formats_text()},
        ) from None
    except imaging.PictureError:
        raise unreadable_image() from None
    limit = imaging.pixel_limit(facts.format, settings.IMAGE_MAX_PIXELS)
    if facts.pixels > limit:
        label = imaging.FORMATS[facts.format].label
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels; %(kind)s may have at most "
            "%(limit)s million pixels.",
            code="too_many_pixels",
            params={
                "width": facts.width,
                "height": facts.height,
                "kind": "images" if limit == settings.IMAGE_MAX_PIXELS else f"{label} images",
                "limit": limit // 1_000_000,
            },
        )
