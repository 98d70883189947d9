"""Square renditions of author photos (96 and 192 px, WebP and JPEG).

Authors are not library images and their model has no place for rendition
metadata, so the paths are derived from the photo's file name: made when an
author is saved (images.signals), found again by name when a page shows them.
A photo without them (say, imported in bulk) is shown from its original file.
"""

import hashlib
import logging
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from images.renditions import _encode, crop_box, source_picture

logger = logging.getLogger(__name__)

SIZES = (96, 192)
ROOT = "images/portraits"
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}


def portrait_path(name, size, fmt):
    digest = hashlib.sha256(name.encode()).hexdigest()[:20]
    return posixpath.join(ROOT, f"{digest}-{size}.{EXTENSIONS[fmt]}")


def make_portraits(photo, storage=None):
    """Make the square renditions of `photo` (a FieldFile); returns the paths."""
    storage = storage or default_storage
    made = []
    picture = source_picture(photo, SIZES[-1])
    width, height = picture.size
    square = picture.crop(crop_box(width, height, (1, 1), 50, 40))
    for size in SIZES:
        side = min(size, square.width)
        resized = square.resize((side, side), PILImage.Resampling.LANCZOS)
        for fmt in EXTENSIONS:
            path = portrait_path(photo.name, size, fmt)
            if storage.exists(path):
                storage.delete(path)
            made.append(storage.save(path, ContentFile(_encode(resized, fmt))))
    return made


def delete_portraits(name, storage=None):
    storage = storage or default_storage
    for size in SIZES:
        for fmt in EXTENSIONS:
            try:
                storage.delete(portrait_path(name, size, fmt))
            except OSError:
                logger.warning("Could not delete portrait of %s", name, exc_info=True)


@dataclass(frozen=True)
class Portrait:
    src: str
    srcset: str
    webp_srcset: str


def portrait(photo, size=SIZES[0]):
    """URLs of the square renditions of `photo` shown `size` px wide, or None
    when they were not made (one file-system check)."""
    if not photo:
        return None
    storage = default_storage
    if not storage.exists(portrait_path(photo.name, size, "jpeg")):
        return None

    def srcset(fmt):
        return ", ".join(f"{storage.url(portrait_path(photo.name, s, fmt))} {s}w" for s in SIZES)

    return Portrait(
        src=storage.url(portrait_path(photo.name, size, "jpeg")),
        srcset=srcset("jpeg"),
        webp_srcset=srcset("webp"),
    )
