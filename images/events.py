"""The image library's own event, apart from its models so that the task
worker's module (images.tasks) and the models can both send it."""

from django.dispatch import Signal

# Sent once an existing image was saved with a change pages show, or its
# renditions were (re)made by the worker: pages that baked its URLs, alt text
# or caption into HTML (inline images in article bodies) refresh.
image_changed = Signal()
