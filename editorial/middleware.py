"""The admin in the staff member's own language (their StaffProfile)."""

from django.urls import reverse
from django.utils import translation

from editorial.models import StaffProfile


class AdminLanguageMiddleware:
    """On /admin/ pages, activate the language the signed-in staff member
    chose (Django ships the admin's Arabic, Sorani and Turkish). One small
    query per admin page; readers' pages never reach it. Placed after the
    authentication middleware (and after any LocaleMiddleware, which it
    overrides for the admin)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        user = getattr(request, "user", None)
        if not request.path.startswith(self.prefix) or user is None or not user.is_staff:
            return self.get_response(request)
        language = (
            StaffProfile.objects.filter(user=user).values_list("admin_language", flat=True).first()
        )
        if not language:
            return self.get_response(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
