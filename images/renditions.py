"""Renditions: the resized copies of a library image that pages actually serve.

They are made with Pillow when an image is saved (never on a reader's
request): every width in ``WIDTHS`` up to the original's (no upscaling), as
WebP plus a JPEG fallback, for the free ratio (the original's shape) and for
each fixed ratio the site uses, cropped around the image's focal point.

What was made is recorded on the image itself (``Image.renditions``, a JSON
list), so a page that has the image from ``select_related`` knows every URL
without another query.

Files live in ``images/renditions/<pk>/<version>/<ratio>-<width>.<ext>``. The
version is a digest of what shapes the pixels (file, focal point, settings), so
a new crop gets new URLs and caches in front never serve the old one.
"""

import hashlib
import io
import logging
import posixpath
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.encoding import filepath_to_uri
from django.utils.functional import empty
from PIL import Image as PILImage

from images import imaging

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280, 1600)
# name -> (width, height) of the aspect ratio; None keeps the original's shape.
RATIOS = {"free": None, "3:2": (3, 2), "1:1": (1, 1)}
FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 4}), "jpeg": ("JPEG", {"quality": 82})}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
ROOT = "images/renditions"
# Bump when the recipe changes, so `regenerate_renditions` makes new files.
RECIPE = "1"


def rendition_version(image):
    key = "|".join(
        [RECIPE, image.file.name, str(image.focal_x), str(image.focal_y), repr(WIDTHS)]
        + sorted(RATIOS)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:10]


def rendition_dir(image, version=None):
    base = posixpath.join(ROOT, str(image.pk))
    return posixpath.join(base, version) if version else base


def crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of `ratio` inside width x height, centred on the focal
    point as far as the edges allow. Focal point in percent."""
    if ratio is None:
        return (0, 0, width, height)
    rw, rh = ratio
    if width * rh > height * rw:  # too wide: cut the sides
        box_w, box_h = round(height * rw / rh), height
    else:  # too tall: cut top and bottom
        box_w, box_h = width, round(width * rh / rw)
    box_w, box_h = max(1, min(box_w, width)), max(1, min(box_h, height))
    centre_x = width * focal_x / 100
    centre_y = height * focal_y / 100
    left = min(max(round(centre_x - box_w / 2), 0), width - box_w)
    top = min(max(round(centre_y - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def target_widths(available_width):
    """The widths to make from a crop `available_width` wide: never upscale;
    a crop narrower than the smallest width gets one rendition at its size."""
    widths = [w for w in WIDTHS if w <= available_width]
    if not widths or (available_width < WIDTHS[-1] and available_width - widths[-1] > 80):
        # The full-size crop too, so a big screen gets the sharpest we have.
        widths.append(available_width)
    return widths


def _encode(picture, fmt):
    pil_format, options = FORMATS[fmt]
    if pil_format == "JPEG" and picture.mode == "RGBA":
        # JPEG has no transparency: put it on white, as a page would show it.
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    buffer = io.BytesIO()
    if pil_format == "JPEG":
        picture.save(buffer, pil_format, optimize=True, progressive=True, **options)
    else:
        picture.save(buffer, pil_format, **options)
    return buffer.getvalue()


def source_picture(file, side):
    """The picture of `file` (a FieldFile) to make renditions up to `side`
    pixels wide from: upright, RGB or RGBA, its shorter side scaled down to
    `side`, at most a 3:1 panorama's worth of pixels (a wider one gives
    smaller squares). Decoded at reduced size, and by a helper process if even
    that is big (images.imaging), so a 50-megapixel photo never sits in a web
    worker's memory."""
    file.open("rb")
    try:
        return imaging.working_picture(file, side=side, max_pixels=3 * side * side)
    finally:
        file.close()


def generate(image, storage=None):
    """Make every rendition of `image` (which must have a pk) and return their
    metadata. On failure, whatever was written is removed and the error raised."""
    storage = storage or default_storage
    version = rendition_version(image)
    directory = rendition_dir(image, version)
    written, made = [], []
    try:
        picture = source_picture(image.file, WIDTHS[-1])
        width, height = picture.size
        for ratio_name, ratio in RATIOS.items():
            box = crop_box(width, height, ratio, image.focal_x, image.focal_y)
            cropped = picture if box == (0, 0, width, height) else picture.crop(box)
            crop_w, crop_h = cropped.size
            # Largest first, each made from the previous one: far less work
            # than resizing the full picture every time, at no visible cost.
            previous = cropped
            for target_w in sorted(target_widths(crop_w), reverse=True):
                target_h = max(1, round(crop_h * target_w / crop_w))
                resized = (
                    previous
                    if (target_w, target_h) == previous.size
                    else previous.resize(
                        (target_w, target_h), PILImage.Resampling.LANCZOS, reducing_gap=3.0
                    )
                )
                previous = resized
                for fmt in FORMATS:
                    name = f"{ratio_name.replace(':', 'x')}-{target_w}.{EXTENSIONS[fmt]}"
                    path = posixpath.join(directory, name)
                    if storage.exists(path):
                        storage.delete(path)
                    saved = storage.save(path, ContentFile(_encode(resized, fmt)))
                    written.append(saved)
                    made.append(
                        {
                            "ratio": ratio_name,
                            "width": target_w,
                            "height": target_h,
                            "format": fmt,
                            "path": saved,
                        }
                    )
    except Exception:
        for path in written:
            _delete_quietly(storage, path)
        raise
    return made


def _delete_quietly(storage, path):
    try:
        storage.delete(path)
    except OSError:
        logger.warning("Could not delete rendition %s", path, exc_info=True)


def delete_files(renditions, storage=None):
    """Delete the files listed in a renditions list, and their emptied folders."""
    storage = storage or default_storage
    folders = set()
    for item in renditions or []:
        _delete_quietly(storage, item["path"])
        folders.add(posixpath.dirname(item["path"]))
    _remove_empty_dirs(storage, folders)


def _remove_empty_dirs(storage, folders):
    """Remove emptied rendition folders (local file storage only)."""
    if not hasattr(storage, "path"):
        return
    import os

    for folder in sorted(folders, key=len, reverse=True):
        for candidate in (folder, posixpath.dirname(folder)):
            if not candidate.startswith(ROOT + "/"):
                continue
            try:
                os.rmdir(storage.path(candidate))
            except OSError:
                pass  # not empty, or already gone


@dataclass(frozen=True)
class RenditionSet:
    """What a template needs to show one image at one ratio."""

    src: str
    width: int
    height: int
    webp_srcset: str
    jpeg_srcset: str
    smallest_src: str = ""  # for thumbnails in the admin


# The JPEG fallback `src` for browsers without srcset: a middling width.
FALLBACK_WIDTH = 640
SAFE_PATH = re.compile(r"[A-Za-z0-9_.-][A-Za-z0-9_./-]*").fullmatch


def rendition_set(image, ratio="free"):
    """URLs and dimensions of `image` at `ratio`, from its stored metadata.

    No query and no file system access. An image without renditions (made by a
    bulk import, say) falls back to its original file."""
    url = media_url_function()
    items = [item for item in (image.renditions or []) if item["ratio"] == ratio]
    if not items:
        return RenditionSet(
            src=image.file.url if image.file else "",
            width=image.width,
            height=image.height,
            webp_srcset="",
            jpeg_srcset="",
            smallest_src=image.file.url if image.file else "",
        )
    by_format = {"webp": [], "jpeg": []}
    for item in sorted(items, key=lambda item: item["width"]):
        by_format.setdefault(item["format"], []).append(item)
    jpegs = by_format["jpeg"]
    largest = jpegs[-1]
    fallback = next((item for item in jpegs if item["width"] >= FALLBACK_WIDTH), largest)

    def srcset(entries):
        return ", ".join(f"{url(item['path'])} {item['width']}w" for item in entries)

    return RenditionSet(
        src=url(fallback["path"]),
        width=largest["width"],
        height=largest["height"],
        webp_srcset=srcset(by_format["webp"]),
        jpeg_srcset=srcset(jpegs),
        smallest_src=url(jpegs[0]["path"]),
    )


def media_url_function():
    """storage.url for rendition paths, cheaper on local file storage.

    A page lists dozens of renditions per image; FileSystemStorage.url runs
    urljoin for each. Our rendition paths are ASCII names we made, so the
    base URL plus the quoted path is the same address at a fraction of the
    cost. Other storages (object storage) keep their own url()."""
    storage = default_storage._wrapped if hasattr(default_storage, "_wrapped") else None
    if storage is None or storage is empty:
        default_storage._setup()
        storage = default_storage._wrapped
    if type(storage) is FileSystemStorage:
        base = storage.base_url

        def url(path):
            if SAFE_PATH(path):  # the names we make need no quoting
                return base + path
            return base + filepath_to_uri(path).lstrip("/")

        return url
    return storage.url
