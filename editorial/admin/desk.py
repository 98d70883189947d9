"""The story form as a writing desk: autosave and its recovery, who else has
the story open, and the refusal to save over a newer version.

- Autosave: static/admin/editorial/story-form.js posts the form's story
  fields every few seconds while they change; they are kept per user and
  story (editorial.models.Autosave, also for a story never saved) and offered
  back when the form is opened again. An autosave is not a revision and
  changes nothing readers see; saving the story deletes it.
- Presence: the same script calls the heartbeat every 20 seconds; the answer
  names the others who have the story open (kept in the cache: without it,
  nobody is listed and nothing else changes).
- Versions: the form carries the version it was loaded at (the story's
  `updated_at`); ArticleAdminForm refuses to save over a newer one.
"""

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from editorial import permissions
from editorial.models import Autosave

log = logging.getLogger(__name__)

# The story's own fields, as the form names them: what an autosave keeps.
AUTOSAVED = [
    "headline",
    "slug",
    "standfirst",
    "dateline",
    "body",
    "section",
    "tags",
    "lead_image",
    "lead_image_caption",
]
AUTOSAVE_MAX_CHARS = 2_000_000  # a body bigger than any story; refused above
PRESENCE_SECONDS = 60  # someone is "here" this long after their last heartbeat


def person_name(user):
    author = getattr(user, "author", None)
    return author.name if author else (user.get_full_name() or user.get_username())


class WritingDeskMixin:
    """On ArticleAdmin, after WorkflowAdminMixin."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "autosave/", view(require_POST(self.autosave_view)), name=f"{prefix}_autosave_new"
            ),
            path(
                "<path:object_id>/autosave/",
                view(require_POST(self.autosave_view)),
                name=f"{prefix}_autosave",
            ),
            path(
                "<path:object_id>/presence/",
                view(require_POST(self.presence_view)),
                name=f"{prefix}_presence",
            ),
            *super().get_urls(),
        ]

    def _editable(self, request, object_id):
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such story, or not one of yours.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def autosave_view(self, request, object_id=None):
        """Keep (or with action=discard, drop) this user's autosave of the story."""
        article = self._editable(request, object_id)
        mine = Autosave.objects.filter(user=request.user, article=article)
        if request.POST.get("action") == "discard":
            mine.delete()
            return JsonResponse({"discarded": True})
        data = {name: request.POST.getlist(name) for name in AUTOSAVED if name in request.POST}
        data = {
            name: values if len(values) > 1 or name == "tags" else values[0]
            for name, values in data.items()
        }
        if sum(len(str(value)) for value in data.values()) > AUTOSAVE_MAX_CHARS:
            return JsonResponse({"error": "Too long to autosave."}, status=413)
        now = timezone.now()
        Autosave.objects.update_or_create(
            user=request.user, article=article, defaults={"data": data, "saved_at": now}
        )
        return JsonResponse(
            {"saved_at": now.isoformat(), "label": f"{timezone.localtime(now):%H:%M:%S}"}
        )

    def presence_view(self, request, object_id):
        """This user has the story open; who else has?"""
        article = self._editable_or_viewable(request, object_id)
        key = f"story-presence:{article.pk}"
        now = time.time()
        try:
            here = cache.get(key) or {}
            here = {pk: seen for pk, seen in here.items() if now - seen[1] < PRESENCE_SECONDS}
            here[request.user.pk] = (person_name(request.user), now)
            cache.set(key, here, PRESENCE_SECONDS * 2)
        except Exception:  # the cache is down: nobody listed, nothing else changes
            log.warning("Presence of story %s not kept", article.pk, exc_info=True)
            here = {}
        others = sorted(name for pk, (name, _) in here.items() if pk != request.user.pk)
        return JsonResponse({"others": others})

    def _editable_or_viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not permissions.can_view(request.user, obj):
            raise Http404("No such story, or not one of yours.")
        return obj

    # The form ---------------------------------------------------------------

    def autosave_for(self, request, obj):
        """This user's autosave of `obj` (None: a new story), if it holds
        anything newer than the story as saved."""
        found = Autosave.objects.filter(user=request.user, article=obj).first()
        if found is None or (obj is not None and found.saved_at <= obj.updated_at):
            return None
        return found

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        zone = timezone.get_current_timezone_name()
        for name in ("publish_at", "breaking_until"):
            if name in form.base_fields:
                field = form.base_fields[name]
                field.help_text = f"{field.help_text} Times are in the {zone} time zone."
        form.restored = None
        if request.method == "GET" and request.GET.get("restore") == "autosave":
            found = self.autosave_for(request, obj)
            if found is not None:
                form.restored = found.data
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        found = self.autosave_for(request, obj) if request.method == "GET" else None
        restoring = request.GET.get("restore") == "autosave" and found is not None
        object_id = obj.pk if obj is not None else None
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        context.update(
            {
                "autosave_offer": None if restoring else found,
                "autosave_restored": found if restoring else None,
                "autosave_url": reverse(f"{prefix}_autosave", args=[object_id])
                if object_id
                else reverse(f"{prefix}_autosave_new"),
                "presence_url": reverse(f"{prefix}_presence", args=[object_id])
                if object_id
                else "",
                "time_zone": timezone.get_current_timezone_name(),
                "may_publish": self._may_publish_here(context),
                "site_name": settings.SITE_NAME,
                "site_host": urlsplit(settings.SITE_URL).netloc,
                "autosaved_fields": " ".join(AUTOSAVED),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _may_publish_here(context):
        form = context["adminform"].form
        field = form.fields.get("status")
        return field is not None and "published" in dict(field.choices)

    def _forget_autosave(self, request, obj, new):
        Autosave.objects.filter(user=request.user, article=None if new else obj).delete()
        if new:
            Autosave.objects.filter(user=request.user, article=obj).delete()

    def response_add(self, request, obj, post_url_continue=None):
        self._forget_autosave(request, obj, new=True)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._forget_autosave(request, obj, new=False)
        return super().response_change(request, obj)
