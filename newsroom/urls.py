from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from editorial.admin.profiles import admin_language
from images.views import serve_media
from pagecache import fragments
from reader import views as reader_views
from reader.editions import edition_patterns
from reader.tags import cached_page
from syndication import views as syndication_views

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Newsroom"
admin.site.site_url = "/"

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", reader_views.favicon),
    path(
        f"{settings.ADMIN_URL}language/",
        admin.site.admin_view(admin_language),
        name="admin-language",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # Parts of pages cached apart (The Latest beside a story), for ESI; the
    # same in every edition (the argument names it).
    re_path(
        r"^_include/(?P<name>[a-z0-9_]+)/(?P<arg>[A-Za-z0-9_]{0,40})/$",
        fragments.view,
        name="fragment",
    ),
    # One robots.txt for the host, naming every edition's sitemaps.
    path("robots.txt", cached_page()(syndication_views.robots_txt), name="robots"),
    # Each edition under its prefix (/ckb/, /ar/ ...), the default one at /.
    *edition_patterns(
        path("", include("reader.urls")),
        path("search/", include("search.urls")),
        path("", include("syndication.urls")),
    ),
]

if settings.BENCH_FLOOR:
    # The benchmark's yardstick (bench/floor.py), never on in production.
    from bench.floor import floor

    urlpatterns.insert(0, path("bench/floor/", floor))

if settings.SERVE_MEDIA:
    # No front server: the app serves uploads itself (SERVE_MEDIA=0 hands
    # MEDIA_URL to nginx or object storage).
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media),
    ]

handler400 = "reader.views.bad_request"
handler403 = "reader.views.permission_denied"
handler404 = "reader.views.page_not_found"
handler500 = "reader.views.server_error"
