from django.urls import path

from reader import commenting, previews, reporting, views

app_name = "reader"

urlpatterns = [
    path("", views.front, name="front"),
    path("latest/", views.latest, name="latest"),
    path("news/<any_slug:slug>/", views.article_detail, name="article"),
    path("news/<any_slug:slug>/comment/", commenting.post_comment, name="comment"),
    path("news/<any_slug:slug>/comment/token/", commenting.comment_token, name="comment-token"),
    path("news/<any_slug:slug>/comments/", commenting.comment_pages, name="comments"),
    path("section/<any_slug:slug>/", views.section, name="section"),
    path("tag/<any_slug:slug>/", views.topic, name="topic"),
    path("author/<any_slug:slug>/", views.author, name="author"),
    path("community-guidelines/", commenting.guidelines, name="guidelines"),
    path("comments/<int:pk>/report/", reporting.report_comment, name="report-comment"),
    path("info/<any_slug:slug>/", views.publication_page, name="page"),
    # Tokens are URL-safe base64 (editorial.models.new_token): a slug's
    # characters. Anything else (a NUL, which PostgreSQL refuses in a query)
    # names no share link.
    path("preview/unsaved/", previews.unsaved_preview, name="unsaved-preview"),
    path("preview/unsaved/<int:pk>/", previews.unsaved_preview, name="unsaved-preview-story"),
    path("preview/<slug:token>/", previews.shared_preview, name="shared-preview"),
    path("preview/story/<int:pk>/", previews.staff_preview, name="staff-preview"),
]
