"""The admin in the staff member's own language (their StaffProfile)."""

from django.urls import reverse
from django.utils import translation

from editorial.models import StaffProfile

# The staff member's admin language, kept in their session once read: the
# session is loaded for authentication anyway, so admin pages cost no query
# for it. Choosing at /admin/language/ updates it; a change made on someone
# else's profile applies from their next sign-in.
SESSION_KEY = "newsroom_admin_language"


def admin_language(request):
    """The language `request`'s staff member chose for the admin, or ""."""
    language = request.session.get(SESSION_KEY)
    if language is None:
        language = (
            StaffProfile.objects.filter(user=request.user)
            .values_list("admin_language", flat=True)
            .first()
        ) or ""
        request.session[SESSION_KEY] = language
    return language


class AdminLanguageMiddleware:
    """On /admin/ pages, activate the language the signed-in staff member
    chose (Django ships the admin's Arabic, Sorani and Turkish). One small
    query per session (admin_language); readers' pages never reach it. Placed after the
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
        language = admin_language(request)
        if not language:
            return self.get_response(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
