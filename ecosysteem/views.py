from django.db.models import Count
from django.views.generic import TemplateView

from regios.models import Regio, Tijdvak


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tijdvakken"] = Tijdvak.objects.annotate(
            aantal_regios=Count("regios", distinct=True)
        )
        context["aantal_regios"] = Regio.objects.count()
        return context
