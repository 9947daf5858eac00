"""The help page: the questions people ask (registering as a partner, the programme
manager, what counts for the subsidy) and where to ask the rest. The amounts are the
regulation's rows per period, never text in the template."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from partners.models import Schoolsoort
from regios.models import Tijdvak

from ..models import Regeling


@dataclass(frozen=True)
class Regelingregel:
    tijdvak: Tijdvak
    regeling: Regeling | None
    schoolsoorten: list[str]
    leerwegen: list[str]


def regelingen() -> list[Regelingregel]:
    """Every period with its regulation (one query), newest first."""
    uitkomst = []
    for tijdvak in Tijdvak.objects.select_related("regeling").order_by("-startdatum"):
        regeling = getattr(tijdvak, "regeling", None)
        uitkomst.append(
            Regelingregel(
                tijdvak=tijdvak,
                regeling=regeling,
                schoolsoorten=[
                    str(Schoolsoort(s).label) if s in Schoolsoort.values else s
                    for s in (regeling.tellende_schoolsoorten if regeling else [])
                ],
                leerwegen=[
                    str(w).upper() for w in (regeling.tellende_leerwegen if regeling else [])
                ],
            )
        )
    return uitkomst


class HulpView(TemplateView):
    template_name = "subsidie/hulp.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            regelingen=regelingen(),
            contactadres=settings.CONTACT_EMAIL,
            lijst=reverse("regios:regiolijst"),
            privacy=reverse("privacy"),
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (gettext_lazy("Hulp"), None),
            ],
        )
        return context


urlpatterns = [path("hulp/", HulpView.as_view(), name="hulp")]
