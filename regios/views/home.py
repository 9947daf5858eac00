"""The home page: the periods and how many regions take part in each."""

from django.db.models import Count
from django.urls import path
from django.views.generic import TemplateView

from ..models import Tijdvak


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One query, however many periods and regions: the count is an annotation.
        context["tijdvakken"] = Tijdvak.objects.annotate(
            aantal_regios=Count("regios", distinct=True)
        )
        return context


# Included by the root URLconf without a namespace: the name "home" is used everywhere.
urlpatterns = [path("", HomeView.as_view(), name="home")]
