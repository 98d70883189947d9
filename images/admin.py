from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html

from images.forms import ImageAdminForm
from images.models import Image

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


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
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
            return "Appears here once saved."
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
            return "None yet: they are made when the image is saved."
        by_ratio = {}
        for item in obj.renditions:
            by_ratio.setdefault(item["ratio"], set()).add(item["width"])
        return "; ".join(
            f"{ratio}: {', '.join(str(w) for w in sorted(widths))} px wide (WebP and JPEG)"
            for ratio, widths in by_ratio.items()
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
