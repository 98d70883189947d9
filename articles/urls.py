from django.urls import path

import articles.converters  # noqa: F401 (registers <any_slug:>)
from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.front, name="front"),
    path("latest/", views.latest, name="latest"),
    path("news/<any_slug:slug>/", views.article_detail, name="detail"),
    path("section/<any_slug:slug>/", views.section, name="section"),
    path("tag/<any_slug:slug>/", views.tag, name="tag"),
    path("author/<any_slug:slug>/", views.author, name="author"),
]
