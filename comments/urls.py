from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("news/<slug:slug>/comment/", views.post_comment, name="post"),
    path("news/<slug:slug>/comments/", views.comment_pages, name="list"),
    path("community-guidelines/", views.guidelines, name="guidelines"),
]
