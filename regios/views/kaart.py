"""The public network map."""

from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [
    path("netwerkkaart/", TemplateView.as_view(template_name="base.html"), name="netwerkkaart")
]
