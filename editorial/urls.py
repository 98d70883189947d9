from django.urls import path

from editorial import views

app_name = "editorial"

urlpatterns = [
    # Tokens are URL-safe base64 (editorial.models.new_token): letters,
    # digits, - and _, a slug's characters. Anything else (a NUL, which
    # PostgreSQL refuses in a query) names no share link.
    path("preview/<slug:token>/", views.shared_preview, name="shared-preview"),
]
