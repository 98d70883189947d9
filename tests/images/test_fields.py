"""Rendition metadata is kept as JSON text (images/fields.py): it reads back
as the list that was saved, and dumps and loads (dumpdata/loaddata) intact."""

import json

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError

from images.fields import JSONTextField
from images.models import Image
from tests.factories import make_image

pytestmark = pytest.mark.django_db


def test_renditions_read_back_as_saved():
    image = make_image()
    stored = Image.objects.get(pk=image.pk).renditions
    assert isinstance(stored, list) and stored == image.renditions
    assert {"path", "ratio", "width", "height", "format"} <= set(stored[0])


def test_renditions_survive_dumpdata_and_loaddata():
    image = make_image()
    dumped = serializers.serialize("json", [image])
    assert json.loads(dumped)[0]["fields"]["renditions"]  # JSON text, not a Python repr
    json.loads(json.loads(dumped)[0]["fields"]["renditions"])
    Image.objects.filter(pk=image.pk).update(renditions=[])
    for restored in serializers.deserialize("json", dumped):
        restored.save()
    assert Image.objects.get(pk=image.pk).renditions == image.renditions


def test_text_that_is_not_json_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="Not valid JSON"):
        JSONTextField().to_python("[{not json")
