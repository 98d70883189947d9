import mimetypes

from django.conf import settings


def absolute_url(url):
    """An absolute address on SITE_URL: the one origin for canonical links,
    feeds, sitemaps and structured data, whichever host the request came on."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return settings.SITE_URL.split(":", 1)[0] + ":" + url
    return settings.SITE_URL + (url if url.startswith("/") else "/" + url)


def image_info(image, *, length=False):
    """Address, type and dimensions of a library image, for feeds, JSON-LD and
    sharing meta; with `length`, its size in bytes too (RSS enclosures need
    it). Pages leave it out: on object storage it would be a request per page."""
    if image is None or not image.file:
        return None
    mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
    info = {
        "url": absolute_url(image.file.url),
        "type": mime_type,
        "width": image.width,
        "height": image.height,
        "alt": image.alt_text,
    }
    if length:
        try:
            info["length"] = image.file.size
        except (OSError, ValueError):
            # A file gone missing from storage must not break a feed: RSS
            # allows 0 for an unknown length.
            info["length"] = 0
    return info


def join_names(names):
    """ "A", "A and B", "A, B and C": how a byline reads."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
