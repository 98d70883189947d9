"""Editors arrange the top of the front page and of each section page: which
published story goes in each of the top slots (slot 1 is the lead), and until
when. A plain form, usable by keyboard alone; saved by editorial.services.arrange."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.models import Article, Section
from editorial import permissions, services
from editorial.models import TOP_SLOTS, ArrangementRecord, Placement

CANDIDATES = 60  # the newest published stories offered for a slot


def story_label(article):
    when = timezone.localtime(article.publish_at)
    state = "scheduled for " if article.publish_at > timezone.now() else ""
    return f"{article.headline} ({article.section.name}, {state}{when:%d %b %H:%M})"


class StoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return story_label(obj)


def slot_label(slot):
    return "Lead story (slot 1)" if slot == 1 else f"Slot {slot}"


class ArrangementForm(forms.Form):
    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        stories = Article.objects.filter(status=Article.Status.PUBLISHED).select_related("section")
        if section is not None:
            stories = stories.filter(section=section)
        placed = Placement.objects.filter(section=section).values_list("article_id", flat=True)
        newest = list(
            stories.order_by("-publish_at", "-pk").values_list("pk", flat=True)[:CANDIDATES]
        )
        choices = stories.filter(pk__in={*newest, *placed}).order_by("-publish_at", "-pk")
        zone = timezone.get_current_timezone_name()
        for slot in range(1, TOP_SLOTS + 1):
            self.fields[f"story_{slot}"] = StoryChoiceField(
                choices,
                required=False,
                label=slot_label(slot),
                empty_label="Newest story (by time)",
            )
            self.fields[f"until_{slot}"] = forms.DateTimeField(
                required=False,
                label=f"{slot_label(slot)}: pinned until",
                help_text=f"Optional, {zone} time. Empty: until you change it.",
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )

    def rows(self):
        return [
            (slot, self[f"story_{slot}"], self[f"until_{slot}"]) for slot in range(1, TOP_SLOTS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        seen = {}
        for slot in range(1, TOP_SLOTS + 1):
            story, until = cleaned.get(f"story_{slot}"), cleaned.get(f"until_{slot}")
            if story is None:
                if until:
                    self.add_error(
                        f"until_{slot}", "Choose a story for this slot, or clear the time."
                    )
                continue
            if story.pk in seen:
                self.add_error(f"story_{slot}", f"Already in {slot_label(seen[story.pk]).lower()}.")
            seen[story.pk] = slot
            if until and until <= timezone.now():
                self.add_error(f"until_{slot}", "Choose a time in the future, or leave it empty.")
        return cleaned

    def slots(self):
        return {
            slot: (self.cleaned_data[f"story_{slot}"], self.cleaned_data.get(f"until_{slot}"))
            for slot in range(1, TOP_SLOTS + 1)
            if self.cleaned_data.get(f"story_{slot}")
        }


@admin.register(Placement)
class ArrangementAdmin(admin.ModelAdmin):
    """One page per arranged page (the front page, each section); no list of rows."""

    def has_module_permission(self, request):
        return permissions.can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("", view(self.arrange_view), name="editorial_placement_changelist"),
            path("<slug:section>/", view(self.arrange_view), name="editorial_placement_section"),
        ]

    def arrange_view(self, request, section=None):
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        section = get_object_or_404(Section, slug=section) if section else None
        current = Placement.objects.filter(section=section)
        initial = {}
        for placement in current:
            initial[f"story_{placement.slot}"] = placement.article_id
            if placement.until and placement.until > timezone.now():
                initial[f"until_{placement.slot}"] = timezone.localtime(placement.until)
        form = ArrangementForm(
            request.POST if request.method == "POST" else None, section=section, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.arrange(section, by=request.user, slots=form.slots())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                page = section.name if section else "The front page"
                self.message_user(
                    request, f"{page} is arranged; readers see it now.", messages.SUCCESS
                )
                return HttpResponseRedirect(request.path)
        pages = [(None, "Front page", reverse("admin:editorial_placement_changelist"))] + [
            (s, s.name, reverse("admin:editorial_placement_section", args=[s.slug]))
            for s in Section.objects.all()
        ]
        page_name = section.name if section else "Front page"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Arrange the top of: {page_name}",
            "form": form,
            "section": section,
            "pages": pages,
            "page_name": page_name,
            "public_url": section.get_absolute_url() if section else reverse("reader:front"),
            "time_zone": timezone.get_current_timezone_name(),
            "log": ArrangementRecord.objects.filter(section=section).select_related("by")[:10],
            "top_slots": TOP_SLOTS,
            "media": self.media,
            "site_time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/editorial/arrange.html", context)
