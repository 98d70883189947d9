"""JSON stored as plain text.

Rendition metadata is read on every list page, once per story card. In a
`jsonb` column (Django's JSONField on PostgreSQL) PostgreSQL turns each value
back into text on every read: about 25 microseconds for one image's list of
renditions, half a millisecond for a page of cards, more than the rest of the
query. Kept as text, it is read back as stored. Nothing queries inside it, so
jsonb's operators and indexes were not in use.
"""

import json

from django.core.exceptions import ValidationError
from django.db import models


class JSONTextField(models.TextField):
    """A JSON value (list, dict, ...) in a text column, alike on every database."""

    description = "JSON stored as text"

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as error:
                raise ValidationError(f"Not valid JSON: {error}", code="invalid") from error
        return value

    def get_prep_value(self, value):
        return None if value is None else json.dumps(value)

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))
