"""Newsroom profiles: which editions a journalist or an editor works in
(set by whoever manages users, on the user's page) and the admin's language
(each staff member chooses their own: "Admin language" at the top)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from editorial.middleware import SESSION_KEY
from editorial.models import StaffProfile

User = get_user_model()


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    fields = ["editions", "admin_language"]
    filter_horizontal = ["editions"]
    # One per user: Django heads it with the singular.
    verbose_name = "newsroom profile: editions and admin language"
    verbose_name_plural = "newsroom profile"


admin.site.unregister(User)


@admin.register(User)
class NewsroomUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffProfileInline]


class AdminLanguageForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ["admin_language"]
        widgets = {"admin_language": forms.RadioSelect}


def admin_language(request):
    """The signed-in staff member's own choice of the admin's language
    (wired under the admin's address by newsroom.urls, behind admin_view)."""
    profile, _ = StaffProfile.objects.get_or_create(user=request.user)
    form = AdminLanguageForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session[SESSION_KEY] = form.cleaned_data["admin_language"] or ""
        with translation.override(form.cleaned_data["admin_language"] or settings.LANGUAGE_CODE):
            messages.success(request, translation.gettext("The changes have been saved."))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:index")
        return HttpResponseRedirect(target)
    return TemplateResponse(
        request,
        "admin/editorial/admin_language.html",
        {
            **admin.site.each_context(request),
            "title": "Admin language",
            "form": form,
            "next": request.GET.get("next", ""),
        },
    )
