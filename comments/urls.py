from django.urls import path

import articles.converters  # noqa: F401 (registers <any_slug:>)
from comments import views

app_name = "comments"

urlpatterns = [
    path("news/<any_slug:slug>/comment/", views.post_comment, name="post"),
    path("news/<any_slug:slug>/comments/", views.comment_pages, name="list"),
    path("community-guidelines/", views.guidelines, name="guidelines"),
]
