"""Pictures kept outside the library: a model's own ImageField (an author's
photo), named in settings.IMAGES_PHOTO_FIELDS as "app_label.Model.field".

They are stored clean like library uploads and get square renditions
(images/portraits.py) on save; the management commands treat them too. The
image library knows them by that setting only, never by importing their app.
"""

from django.apps import apps
from django.conf import settings


def photo_fields():
    """(model, field name) of each picture field kept outside the library."""
    for path in settings.IMAGES_PHOTO_FIELDS:
        model, field = path.rsplit(".", 1)
        yield apps.get_model(model), field


def photos():
    """(what it is, e.g. "author Lana Nuri"; the object; its field name) of
    every stored photo, model by model."""
    for model, field in photo_fields():
        for obj in model.objects.exclude(**{field: ""}).order_by("pk").iterator():
            yield f"{model._meta.verbose_name} {obj}", obj, field
