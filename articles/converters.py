"""The `<any_slug:…>` path converter: slugs in any script.

Django's `slug` converter takes ASCII only, so a topic named "کوردستان" (slug
"کوردستان") could not be linked to, and a page showing it failed. This one
takes what `slugify(…, allow_unicode=True)` makes: letters and digits of any
script, hyphens and underscores. Requests may spell the slug as typed or
percent-encoded (Django decodes the path first); reverse() percent-encodes
it, so every link is a valid URI.
"""

from django.urls import register_converter


class AnySlugConverter:
    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(AnySlugConverter, "any_slug")
