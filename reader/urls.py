from django.urls import path

from reader import commenting, previews, views

app_name = "reader"

urlpatterns = [
    path("", views.front, name="front"),
    path("latest/", views.latest, name="latest"),
    path("news/<slug:slug>/", views.article_detail, name="article"),
    path("news/<slug:slug>/comment/", commenting.post_comment, name="comment"),
    path("news/<slug:slug>/comments/", commenting.comment_pages, name="comments"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("tag/<slug:slug>/", views.topic, name="topic"),
    path("author/<slug:slug>/", views.author, name="author"),
    path("community-guidelines/", commenting.guidelines, name="guidelines"),
    path("preview/<str:token>/", previews.shared_preview, name="shared-preview"),
]
