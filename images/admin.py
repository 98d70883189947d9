from django.contrib import admin
from django.utils.html import format_html

from images.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title", "credit", "width", "height", "created_at"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "width", "height", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "title", "alt_text", "caption", "credit"]}),
        ("Cropping", {"fields": ["focal_x", "focal_y"]}),
        (
            "Rights",
            {"fields": ["copyright_note", "usage_expires_on"], "classes": ["collapse"]},
        ),
        (
            "Details",
            {"fields": ["width", "height", "uploaded_by", "created_at"], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description="Image")
    def thumbnail(self, obj):
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', obj.file.url)

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj.pk or not obj.file:
            return "Appears here once saved."
        return format_html(
            '<img src="{}" alt="{}" width="{}">',
            obj.file.url,
            obj.alt_text,
            min(obj.width or 480, 480),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
