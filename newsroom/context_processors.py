from django.conf import settings

from newsroom.inline import TEXT_SIZE_BOOT


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "TEXT_SIZE_BOOT": TEXT_SIZE_BOOT,
    }
