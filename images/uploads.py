"""Uploads are stored clean: what is kept of an uploaded picture is its
pixels (images.imaging.clean), under a name whose extension is its real format.

The upload form cleans while validating (LibraryImageField), so a picture
that cannot be decoded is refused on the form; anything else that saves a
library image or an author photo (imports, scripts, the shell) is cleaned as
it is saved (images.signals). Nothing here needs a request.
"""

from pathlib import PurePath

from images import imaging
from images.validators import CleanedUpload, unreadable_image


def clean_upload(upload):
    """The picture in `upload` (any file object with a name), cleaned, as a
    CleanedUpload. Raises ValidationError if it cannot be decoded."""
    cleaned = CleanedUpload("upload", "application/octet-stream", 0, None)
    try:
        facts = imaging.clean(upload, cleaned.file)
    except imaging.PictureError:
        cleaned.close()
        raise unreadable_image() from None
    stem = PurePath(upload.name or "").stem or "image"
    cleaned.name = f"{stem}.{imaging.FORMATS[facts.format].extension}"
    cleaned.content_type = imaging.FORMATS[facts.format].content_type
    cleaned.size = cleaned.file.seek(0, 2)
    cleaned.seek(0)
    return cleaned


def clean_field_file(instance, field_name):
    """Clean the picture of `instance`'s file field `field_name` if it is a new
    upload not cleaned yet (called before the instance is saved)."""
    field_file = getattr(instance, field_name)
    if not field_file or field_file._committed or isinstance(field_file.file, CleanedUpload):
        return
    setattr(instance, field_name, clean_upload(field_file.file))
