from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.static import serve

from images.renditions import ROOT as RENDITIONS_ROOT


def serve_media(request, path):
    """Uploaded media, when no front server does it (SERVE_MEDIA).

    Reads MEDIA_ROOT on each request (not once at import), and lets browsers
    and CDNs keep renditions for good: their paths change with their content."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        if path.startswith(RENDITIONS_ROOT + "/"):
            patch_cache_control(response, public=True, max_age=31536000, immutable=True)
        else:
            patch_cache_control(response, public=True, max_age=3600)
    return response
