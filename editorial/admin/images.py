from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from editorial import permissions, services
from images.forms import ImageAdminForm
from images.models import READER_FIELDS, Image

PICKER_PAGE_SIZE = 24


def picker_entry(image):
    """What the body editor's library picker needs to show and insert an image."""
    free = image.rendition_set("free")
    thumb = image.rendition_set("1:1")
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "src": free.src,
        "width": free.width,
        "height": free.height,
        "thumb": thumb.smallest_src,
    }


class LibraryImageChangeForm(ImageAdminForm):
    """Refuses a change of what readers see of an image that published
    stories show, unless the user may edit every one of them (editors)."""

    user = None  # set for each request by ImageAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or not set(self.changed_data) & set(READER_FIELDS):
            return cleaned
        stories = permissions.stories_locking_image(self.user, self.instance.pk)
        if stories:
            raise ValidationError(self.locked_message(stories), code="published")
        return cleaned

    def locked_message(self, stories):
        # A scheduled story's headline is not public yet: counted, not named,
        # unless the user may see the story.
        named = [
            f"“{story.headline}”"
            for story in stories
            if story.is_published or permissions.can_view(self.user, story)
        ]
        unnamed = len(stories) - len(named)
        if unnamed:
            named.append(f"{unnamed} scheduled {'story' if unnamed == 1 else 'stories'}")
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        return (
            f"Published stories show this image: {listed}. Only an editor can change "
            "what readers see of it (the file, alt text, caption, credit or focal point). "
            "Ask an editor, or add the picture to the library again as a new image."
        )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = LibraryImageChangeForm
    list_display = ["thumbnail", "title", "credit", "width", "height", "created_at"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "width", "height", "uploaded_by", "created_at", "rendition_list"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "title", "alt_text", "caption", "credit"]}),
        ("Cropping", {"fields": ["focal_x", "focal_y"]}),
        (
            "Rights",
            {"fields": ["copyright_note", "usage_expires_on"], "classes": ["collapse"]},
        ),
        (
            "Details",
            {
                "fields": ["width", "height", "uploaded_by", "created_at", "rendition_list"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["css/image-admin.css"]}
        js = ["js/focal-point.js"]

    def get_urls(self):
        return [
            path(
                "picker/",
                self.admin_site.admin_view(self.picker),
                name="images_image_picker",
            ),
            *super().get_urls(),
        ]

    def picker(self, request):
        """Library images as JSON for the body editor's picker, newest first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.order_by("-created_at", "-pk")
        term = request.GET.get("q", "").strip()[:100]
        if term:
            images = images.filter(
                Q(title__icontains=term)
                | Q(caption__icontains=term)
                | Q(credit__icontains=term)
                | Q(alt_text__icontains=term)
            )
        try:
            page = max(1, int(request.GET.get("page", 1)))
        except ValueError:
            page = 1
        start = (page - 1) * PICKER_PAGE_SIZE
        chunk = list(images[start : start + PICKER_PAGE_SIZE + 1])
        return JsonResponse(
            {
                "results": [picker_entry(image) for image in chunk[:PICKER_PAGE_SIZE]],
                "page": page,
                "has_next": len(chunk) > PICKER_PAGE_SIZE,
            }
        )

    @admin.display(description="Image")
    def thumbnail(self, obj):
        thumb = obj.rendition_set("1:1")
        return format_html(
            '<img src="{}" alt="" width="80" height="80" loading="lazy">', thumb.smallest_src
        )

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj.pk or not obj.file:
            return mark_safe(
                "<span data-focal-upload>Choose a file above: it shows here, to set the "
                "focal point (the spot every crop keeps in view) before you save.</span>"
            )
        free = obj.rendition_set("free")
        width = min(free.width or 480, 480)
        height = round(free.height * width / free.width) if free.width else ""
        return format_html(
            '<span><img src="{}" alt="{}" width="{}" height="{}" data-focal-preview></span>',
            free.src,
            obj.alt_text,
            width,
            height,
        )

    @admin.display(description="Renditions")
    def rendition_list(self, obj):
        if not obj.renditions:
            return (
                "None yet: they are being made in the background (a minute at most). "
                "Until then pages show the original picture."
            )
        by_ratio = {}
        for item in obj.renditions:
            by_ratio.setdefault(item["ratio"], set()).add(item["width"])
        return "; ".join(
            f"{ratio}: {', '.join(str(w) for w in sorted(widths))} px wide (WebP and JPEG)"
            for ratio, widths in by_ratio.items()
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # a class made for this request
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        changed = set(form.changed_data) & set(READER_FIELDS)
        if change and changed:
            # Every story showing the image changed with it: say so in each
            # one's history.
            services.record_image_change(obj, by=request.user, fields=changed)
