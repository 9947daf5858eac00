"""Public pages of the intervention compass."""

from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [path("kompas/", TemplateView.as_view(template_name="base.html"), name="kompas")]
