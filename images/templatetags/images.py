from django import template

register = template.Library()


@register.filter
def rendition(image, ratio=None):
    """The renditions of `image` at `ratio` ("free", "3:2", "1:1"), from the
    metadata stored on the image: no query, no file access."""
    return image.rendition_set(ratio or "free")
