import os

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.static import serve

from images import imaging
from images.renditions import ROOT as RENDITIONS_ROOT


def serve_media(request, path):
    """Uploaded media, when no front server does it (SERVE_MEDIA).

    Reads MEDIA_ROOT on each request (not once at import), and lets browsers
    and CDNs keep renditions for good: their paths change with their content.
    The content type is the one of what the file is, whatever its name says
    (a name is only a claim), and browsers are told not to guess another;
    a file that is not a picture we accept is offered as a download."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    if response.status_code == 200:
        # Read without moving the file's position: gunicorn sends the file
        # with sendfile() from the descriptor's offset, which a buffered
        # read and seek(0) leave at the end (a body of 0 bytes).
        stream = response.file_to_stream
        content_type = imaging.content_type(os.pread(stream.fileno(), 64, 0))
        if "Content-Encoding" in response:
            del response["Content-Encoding"]  # named .gz, say: it is not
        if content_type:
            response["Content-Type"] = content_type
        else:
            response["Content-Type"] = "application/octet-stream"
            response["Content-Disposition"] = "attachment"
        if path.startswith(RENDITIONS_ROOT + "/"):
            patch_cache_control(response, public=True, max_age=31536000, immutable=True)
        else:
            patch_cache_control(response, public=True, max_age=3600)
    return response
