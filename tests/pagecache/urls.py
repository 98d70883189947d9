"""A page with a form, as the comment form will be, for the CSRF tests."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import include, path

from pagecache import cached_page, tag_page

FORM = engines["django"].from_string(
    "<!doctype html><title>Form</title>"
    "{% for message in messages %}<p class=message>{{ message }}</p>{% endfor %}"
    '<form method="post" action="/post/">{% csrf_token %}'
    '<input name="text"><button>Send</button></form>'
)


renders = []  # one entry per view call: a cache hit adds none


def form_page(request):
    renders.append(request.path)
    tag_page(request, "test:form")
    return HttpResponse(FORM.render({}, request))


def post(request):
    messages.success(request, "Your comment awaits moderation.")
    return redirect("/form/")


@cached_page(lambda slug: f"test:plain-{slug}")
def plain(request, slug):
    renders.append(request.path)
    return HttpResponse(f"<!doctype html><title>{slug}</title><p>{slug}</p>")


def listing(request):
    """A list page reading `?page=`, as The Latest reads its cursor."""
    renders.append(request.get_full_path())
    tag_page(request, "test:list", params=("page",))
    return HttpResponse(f"<!doctype html><title>List</title><p>{request.GET.get('page')}</p>")


def preview(request):
    """Like a share-link preview: anonymous, but the view tags nothing."""
    renders.append(request.path)
    return HttpResponse("<!doctype html><title>Draft</title><p>Draft</p>")


urlpatterns = [
    path("preview/", preview),
    path("form/", form_page),
    path("post/", post),
    path("plain/<slug:slug>/", plain),
    path("list/", listing),
    # The site's own pages (and the URLs its templates link to, such as the
    # feeds and the CSRF failure page's design).
    path("", include("newsroom.urls")),
]
