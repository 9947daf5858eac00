"""Dossier pages: convenant. The region's collaboration agreements, current and past,
who signed them and which partners have not signed yet; the signed document is served
only to people who may see the dossier.

Unlike the other dossier parts, the agreement can be changed after the dossier was
submitted or awarded: partners sign it again every two years, during the period. So the
write check here is "programme manager of the region", not "may change the dossier"
(see :mod:`regios.services.convenant`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from ecosysteem.documenten import registreer_download
from ecosysteem.rechten import mag, waarom_niet
from partners.models import Organisatie

from ..forms_convenant import ConvenantForm, OndertekeningForm
from ..forms_partners import partners_van
from ..models import Convenant, Convenantstatus, Ondertekening
from ..services.convenant import (
    onderteken,
    sla_convenant_op,
    verwijder_ondertekening,
)
from .basis import DossierMixin, voer_uit


@dataclass
class Convenantregel:
    """One agreement as the page shows it."""

    convenant: Convenant
    status: Convenantstatus
    ondertekeningen: list[Ondertekening]
    ontbrekend: list[Organisatie] = field(default_factory=list)
    dagen_tot_einde: int = 0

    @property
    def label(self) -> str:
        return capfirst(Convenantstatus(self.status).label)

    @property
    def loopt_bijna_af(self) -> bool:
        return (
            self.status == "lopend" and self.dagen_tot_einde <= settings.CONVENANT_HERINNERING_DAGEN
        )


def convenantregels(regio, vandaag: datetime.date) -> list[Convenantregel]:
    """The region's agreements, newest first, with their signatures and, for those that
    have not ended, the partners that still have to sign. Three queries in all."""
    convenanten = Convenant.objects.filter(regio=regio).prefetch_related(
        Prefetch(
            "ondertekeningen",
            queryset=Ondertekening.objects.select_related("organisatie").order_by(
                "datum", "organisatie__naam"
            ),
        )
    )
    partners = list(partners_van(regio))
    regels = []
    for convenant in convenanten:
        status = convenant.status_op(vandaag)
        ondertekeningen = list(convenant.ondertekeningen.all())
        getekend = {o.organisatie_id for o in ondertekeningen}
        regels.append(
            Convenantregel(
                convenant=convenant,
                status=status,
                ondertekeningen=ondertekeningen,
                ontbrekend=[]
                if status == "verlopen"
                else [p for p in partners if p.pk not in getekend],
                dagen_tot_einde=(convenant.einddatum - vandaag).days,
            )
        )
    return regels


class ConvenantMixin(DossierMixin):
    dossierdeel = "convenant"
    titel = gettext_lazy("Convenant")

    @cached_property
    def mag_convenant_bewerken(self) -> bool:
        return mag("regios.convenant_bewerken", self.request.user, self.regio)

    # Also after submission: agreements are renewed during the period.
    schrijfrecht = "regios.convenant_bewerken"

    @property
    def overzicht_url(self) -> str:
        return reverse("regios:convenant", kwargs={"slug": self.regio.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The frame's "read only" notice is about the dossier; on this page what counts is
        # whether the agreement may be changed.
        context["dossier_vast"] = self.mag_convenant_bewerken and not self.mag_bewerken
        context["mag_bewerken"] = self.mag_convenant_bewerken
        context["overzicht_url"] = self.overzicht_url
        return context


class Overzicht(ConvenantMixin, TemplateView):
    template_name = "regios/convenant.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regels = convenantregels(self.regio, timezone.localdate())
        context.update(
            actueel=[r for r in regels if r.status != "verlopen"],
            verlopen=[r for r in regels if r.status == "verlopen"],
            bijna_af=[r for r in regels if r.loopt_bijna_af],
        )
        if self.mag_convenant_bewerken:
            context["form"] = kwargs.get("form") or ConvenantForm()
        return context

    def post(self, request, *args, **kwargs):
        form = ConvenantForm(request.POST, request.FILES)
        if form.is_valid():
            gelukt, convenant = voer_uit(
                request,
                form,
                lambda: sla_convenant_op(
                    regio=self.regio, door=request.user, **form.servicevelden()
                ),
            )
            if gelukt:
                messages.success(
                    request,
                    _("Het convenant %(titel)s is toegevoegd.") % {"titel": convenant.korte_titel},
                )
                return redirect(f"{self.overzicht_url}#convenant-{convenant.pk}")
        return self.render_to_response(self.get_context_data(form=form))


class ConvenantOnderdeel(ConvenantMixin):
    """A page below Convenant that changes one agreement: for the programme manager only.
    The agreement is looked up among this region's, so another region's is not found."""

    def get(self, request, *args, **kwargs):
        if not self.mag_convenant_bewerken:
            raise PermissionDenied(
                waarom_niet("regios.convenant_bewerken", self.request.user, self.regio)
            )
        return super().get(request, *args, **kwargs)

    @cached_property
    def convenant(self) -> Convenant:
        return get_object_or_404(Convenant, pk=self.kwargs["pk"], regio=self.regio)

    def kruimelpad(self):
        pad = super().kruimelpad()
        return [*pad[:-1], (_("Convenant"), self.overzicht_url), pad[-1]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["convenant"] = self.convenant
        return context


class Wijzigen(ConvenantOnderdeel, TemplateView):
    template_name = "regios/convenant_wijzigen.html"

    titel = gettext_lazy("Convenant wijzigen")

    def maak_form(self, data=None, files=None):
        c = self.convenant
        return ConvenantForm(
            data,
            files,
            heeft_document=bool(c.document),
            initial={"titel": c.titel, "ingangsdatum": c.ingangsdatum, "einddatum": c.einddatum},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.maak_form()
        return context

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST, request.FILES)
        if form.is_valid():
            gelukt, convenant = voer_uit(
                request,
                form,
                lambda: sla_convenant_op(
                    regio=self.regio,
                    door=request.user,
                    convenant=self.convenant,
                    **form.servicevelden(),
                ),
            )
            if gelukt:
                messages.success(
                    request,
                    _("Het convenant %(titel)s is gewijzigd.") % {"titel": convenant.korte_titel},
                )
                return redirect(f"{self.overzicht_url}#convenant-{convenant.pk}")
        return self.render_to_response(self.get_context_data(form=form))


class Ondertekenen(ConvenantOnderdeel, TemplateView):
    template_name = "regios/convenant_ondertekenen.html"

    titel = gettext_lazy("Ondertekening vastleggen")

    def maak_form(self, data=None):
        getekend = set(self.convenant.ondertekeningen.values_list("organisatie_id", flat=True))
        return OndertekeningForm(
            data, partners=[p for p in partners_van(self.regio) if p.pk not in getekend]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.maak_form()
        return context

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, ondertekening = voer_uit(
                request,
                form,
                lambda: onderteken(
                    convenant=self.convenant, door=request.user, **form.servicevelden()
                ),
            )
            if gelukt:
                messages.success(
                    request,
                    _("De ondertekening door %(organisatie)s is vastgelegd.")
                    % {"organisatie": ondertekening.organisatie.naam},
                )
                return redirect(f"{self.overzicht_url}#convenant-{self.convenant.pk}")
        return self.render_to_response(self.get_context_data(form=form))


class OndertekeningVerwijderen(ConvenantOnderdeel, TemplateView):
    template_name = "regios/convenant_ondertekening_verwijderen.html"

    titel = gettext_lazy("Ondertekening verwijderen")

    @cached_property
    def ondertekening(self) -> Ondertekening:
        return get_object_or_404(
            Ondertekening.objects.select_related("organisatie", "convenant"),
            pk=self.kwargs["pk"],
            convenant__regio=self.regio,
        )

    @cached_property
    def convenant(self) -> Convenant:
        return self.ondertekening.convenant

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ondertekening"] = self.ondertekening
        return context

    def post(self, request, *args, **kwargs):
        ondertekening = self.ondertekening
        gelukt, _resultaat = voer_uit(
            request,
            None,
            lambda: verwijder_ondertekening(ondertekening=ondertekening, door=request.user),
        )
        if gelukt:
            messages.success(
                request,
                _("De ondertekening door %(organisatie)s is verwijderd.")
                % {"organisatie": ondertekening.organisatie.naam},
            )
        return redirect(f"{self.overzicht_url}#convenant-{self.convenant.pk}")


class Document(ConvenantMixin, View):
    """The signed agreement, for whoever may see the dossier. Stored privately and served
    through this view only, never from a public media URL, so the permission check cannot
    be bypassed; every download is recorded (who read what, when)."""

    def get(self, request, *args, **kwargs):
        convenant = get_object_or_404(Convenant, pk=kwargs["pk"], regio=self.regio)
        if not convenant.document:
            raise Http404
        try:
            bestand = convenant.document.open("rb")
        except FileNotFoundError as fout:
            raise Http404 from fout
        registreer_download(
            door=request.user,
            regio=self.regio,
            onderwerp=convenant,
            omschrijving=_("Convenant %(titel)s gedownload") % {"titel": convenant.korte_titel},
            gegevens={"soort": "convenant"},
        )
        antwoord = FileResponse(
            bestand,
            content_type="application/pdf",
            filename=f"{slugify(convenant.titel) or 'convenant'}.pdf",
        )
        antwoord["Cache-Control"] = "private, no-store"
        return antwoord


urlpatterns = [
    path("regio/<slug:slug>/convenant/", Overzicht.as_view(), name="convenant"),
    path(
        "regio/<slug:slug>/convenant/<int:pk>/wijzigen/",
        Wijzigen.as_view(),
        name="convenant_wijzigen",
    ),
    path(
        "regio/<slug:slug>/convenant/<int:pk>/ondertekenen/",
        Ondertekenen.as_view(),
        name="convenant_ondertekenen",
    ),
    path(
        "regio/<slug:slug>/convenant/<int:pk>/document/",
        Document.as_view(),
        name="convenant_document",
    ),
    path(
        "regio/<slug:slug>/convenant/ondertekening/<int:pk>/verwijderen/",
        OndertekeningVerwijderen.as_view(),
        name="convenant_ondertekening_verwijderen",
    ),
]
