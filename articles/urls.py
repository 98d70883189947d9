from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.front, name="front"),
    path("latest/", views.latest, name="latest"),
    path("news/<slug:slug>/", views.article_detail, name="detail"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
]
