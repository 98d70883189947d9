from django.urls import path

from editorial import views

app_name = "editorial"

urlpatterns = [
    path("preview/<str:token>/", views.shared_preview, name="shared-preview"),
]
