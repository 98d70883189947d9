from django.contrib import admin

from editions.models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["english_name", "name", "code", "direction", "digits", "enabled", "order"]
    list_editable = ["enabled", "order"]
    fields = [
        "code",
        "name",
        "english_name",
        "site_name",
        "tagline",
        "direction",
        "digits",
        "enabled",
        "order",
    ]

    def get_object(self, request, object_id, from_field=None):
        # A code is text: PostgreSQL refuses a NUL in it with an error, not
        # "no such row". No edition has one, so the admin's "doesn't exist".
        if "\x00" in object_id:
            return None
        return super().get_object(request, object_id, from_field)

    def get_readonly_fields(self, request, obj=None):
        # The code is the edition's address and its stories' language: fixed once made.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False  # stories belong to it; switch it off instead
