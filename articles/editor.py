"""The article body editor: django-prose-editor's ProseMirror/Tiptap editor,
configured for a newsroom and run under our Content Security Policy.

We use the editor bundle of django-prose-editor but not its preset loader: the
presets find the editor through an import map, an inline ``<script>`` that a
``script-src 'self'`` policy refuses. Our module (static/js/body-editor.js)
imports the bundle by its static URL instead, and creates the editor with
Tiptap's CSS injection off (it would add an inline ``<style>``); the editor's
styles come from the package's stylesheets. Nothing inline, nothing hashed.

Without JavaScript the field stays a plain textarea of HTML, cleaned on save
like everything else (articles.richtext).
"""

import json

from django import forms
from django.forms.widgets import Script
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse


class BodyEditorWidget(forms.Textarea):
    def __init__(self, attrs=None):
        super().__init__({"rows": 24, "class": "body-editor-source", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "css/body-editor.css",
                ]
            },
            js=[Script("js/body-editor.js", type="module")],
        )

    def get_config(self):
        try:
            picker_url = reverse("admin:images_image_picker")
        except NoReverseMatch:
            picker_url = ""
        return {
            # Imported by URL (hashed in production), not through an import map.
            "editorModule": static("django_prose_editor/editor.js"),
            "pickerUrl": picker_url,
            "headingLevels": [2, 3, 4],
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-body-editor"] = json.dumps(
            self.get_config(), separators=(",", ":")
        )
        return context

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor; the server checks "required".
        return False
