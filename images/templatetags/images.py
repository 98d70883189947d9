from django import template

register = template.Library()


@register.simple_tag
def renditions(image, ratio=None):
    """The renditions of `image` at `ratio` ("free", "3:2", "1:1"; default
    free), from the metadata stored on the image: no query, no file access.

    Usage: {% renditions image ratio as r %}"""
    return image.rendition_set(ratio or "free")


@register.simple_tag
def portrait(photo, size=96):
    """Square renditions of an author photo, or None (use the original).

    Usage: {% portrait author.photo 96 as p %}"""
    from images.portraits import portrait as find

    return find(photo, int(size))
