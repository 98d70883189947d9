"""Upload checks: a real image, within the byte and pixel limits.

Pillow reads only the header to learn the dimensions, so a decompression bomb
is refused before any pixel is decoded.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_file(upload):
    if getattr(upload, "_committed", False):
        # A file already in storage (an unchanged field on edit) was checked
        # when it was uploaded.
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
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as image:
                width, height = image.size
                image_format = image.format
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        "This image is %(width)s × %(height)s pixels; images may "
                        "have at most %(limit)s million pixels.",
                        code="too_many_pixels",
                        params={
                            "width": width,
                            "height": height,
                            "limit": settings.IMAGE_MAX_PIXELS // 1_000_000,
                        },
                    )
                image.verify()
            # verify() checks structure only (and little of a JPEG): decode
            # the pixels too, so a truncated or corrupt file is refused here
            # rather than failing later. A JPEG is decoded at 1/8 scale.
            upload.seek(position or 0)
            with PILImage.open(upload) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            "This image has too many pixels to process safely; images may have at "
            "most %(limit)s million pixels.",
            code="too_many_pixels",
            params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except Exception:
        raise ValidationError(
            "Upload a valid image: this file is not a JPEG, PNG, WebP or GIF picture, "
            "or it is damaged.",
            code="invalid_image",
        ) from None
    finally:
        if position is not None:
            upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "%(format)s images are not accepted; upload a JPEG, PNG, WebP or GIF.",
            code="invalid_format",
            params={"format": image_format},
        )
