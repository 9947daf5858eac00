"""The schema (generated from the code; the same as the committed docs/openapi.yaml) and
the documentation page that shows it (Redoc, served from this portal, no outside requests)."""

from django.urls import path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


class DocumentatieView(TemplateView):
    template_name = "api_documentatie.html"


urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
        name="schema",
    ),
    path("documentatie/", DocumentatieView.as_view(), name="documentatie"),
]
