from django import forms
from django.urls import reverse_lazy


class TagAutocompleteWidget(forms.SelectMultiple):
    """Tags as the admin's select2 box: suggests existing tags, accepts new ones."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "class": "newsroom-tag-autocomplete",
                "data-suggest-url": reverse_lazy("admin:articles_article_tag_suggestions"),
                "data-placeholder": "Type a topic, then Enter or comma",
                **(attrs or {}),
            }
        )

    @property
    def media(self):
        return forms.Media(
            js=[
                "admin/js/vendor/jquery/jquery.min.js",
                "admin/js/vendor/select2/select2.full.min.js",
                "admin/js/jquery.init.js",
                "admin/newsroom/tag-autocomplete.js",
            ],
            css={
                "screen": ["admin/css/vendor/select2/select2.min.css", "admin/css/autocomplete.css"]
            },
        )

    def optgroups(self, name, value, attrs=None):
        # The choices are whatever tags the article has (or was just given).
        self.choices = [(tag, tag) for tag in value if tag]
        return super().optgroups(name, value, attrs)

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return [getattr(v, "name", v) for v in value]


class TagNamesField(forms.Field):
    """A list of tag names; new names create tags on save."""

    widget = TagAutocompleteWidget

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = value.split(",")
        names = []
        for name in value:
            name = " ".join(str(name).split())[:100]
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return names

    def prepare_value(self, value):
        return self.widget.format_value(value)
