from django import template

from reader import formats

register = template.Library()

# <time datetime> values in the admin's templates, as on readers' pages.
register.filter("iso", formats.iso)
