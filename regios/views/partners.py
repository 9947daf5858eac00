"""Dossier pages: the organisations that take part in a region (partners), adding one that
is already known or a new one, the penvoerder, and removing a partner."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from ecosysteem.rechten import mag
from partners.models import Aanmelding, Aanmeldingstatus, Organisatie
from partners.validators import normaliseer_kvk

from ..forms_partners import (
    NieuwePartnerForm,
    PartnerToevoegenForm,
    PartnerVerwijderenForm,
    PenvoerderForm,
)
from ..models import LOPENDE_DEELNAME, Deelname
from ..selectors import bestaande_organisaties, erkende_contactadressen
from ..services import (
    PENVOERDER_SOORTEN,
    beeindig_deelname,
    maak_partner,
    verwijder_deelname,
    voeg_organisatie_toe,
    wijs_penvoerder_aan,
)
from ..services.aanmelding import wachtende_aanmelding, wijs_aanmelding_af
from .basis import DossierMixin, voer_uit

# Search: fewer characters match half the register; more results do not fit a short list.
ZOEK_MINIMUM = 2
ZOEK_MAXIMUM = 10


class AlleenBewerkenMixin:
    """For pages that exist only to change the dossier (a form, a confirmation). Someone who
    may read but not change the dossier, or who opens it after it was submitted, is sent
    back to the part's overview with an explanation instead of an empty form; a POST is
    refused by :class:`DossierMixin` already."""

    terug_naar = "regios:partners"

    def get(self, request, *args, **kwargs):
        if not self.mag_bewerken:
            messages.info(request, _("U kunt dit onderdeel van het dossier nu niet wijzigen."))
            return redirect(self.terug_naar, slug=self.regio.slug)
        return super().get(request, *args, **kwargs)


class OnderdeelMixin:
    """A page below Partners or Rollen: the breadcrumb passes through that part."""

    onderdeel_titel = gettext_lazy("Partners")
    onderdeel_url = "regios:partners"

    def kruimelpad(self):
        pad = super().kruimelpad()
        pad.insert(-1, (self.onderdeel_titel, reverse(self.onderdeel_url, args=[self.regio.slug])))
        return pad


def zoek_organisaties(regio, zoekterm: str):
    """Organisations whose name contains the search term, or whose KvK or BRIN number starts
    with it, each marked with whether it already takes part in the region."""
    zoekterm = zoekterm.strip()
    if len(zoekterm) < ZOEK_MINIMUM:
        return None
    voorwaarde = Q(naam__icontains=zoekterm)
    cijfers = normaliseer_kvk(zoekterm)
    if re.fullmatch(r"[0-9]+", cijfers):
        voorwaarde |= Q(kvk_nummer__startswith=cijfers)
    if re.fullmatch(r"[0-9]{2}[A-Za-z]{0,2}", zoekterm):
        voorwaarde |= Q(brin_nummer__startswith=zoekterm.upper())
    return list(
        Organisatie.objects.filter(voorwaarde)
        .annotate(
            doet_mee=Exists(
                Deelname.objects.filter(LOPENDE_DEELNAME, regio=regio, organisatie=OuterRef("pk"))
            )
        )
        .order_by("naam")[:ZOEK_MAXIMUM]
    )


class PartnersView(DossierMixin, TemplateView):
    template_name = "regios/partners.html"
    dossierdeel = "partners"
    titel = gettext_lazy("Partners")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One query for the whole table, however many partners: the organisation comes
        # along, the number of its contact persons is counted in the database.
        deelnames = list(
            Deelname.objects.filter(LOPENDE_DEELNAME, regio=self.regio, organisatie__isnull=False)
            .select_related("organisatie")
            .annotate(aantal_contactpersonen=Count("organisatie__contactpersonen"))
            .order_by("-is_penvoerder", "organisatie__naam", "id")
        )
        zoekterm = self.request.GET.get("q", "").strip()
        context.update(
            deelnames=deelnames,
            penvoerder=next((d for d in deelnames if d.is_penvoerder), None),
            penvoerder_soorten=PENVOERDER_SOORTEN,
            zoekterm=zoekterm,
            zoekresultaten=zoek_organisaties(self.regio, zoekterm) if self.mag_bewerken else None,
            zoek_minimum=ZOEK_MINIMUM,
        )
        if mag("regios.aanmeldingen_beoordelen", self.request.user, self.regio):
            # Registrations through the public form wait here for the programme manager,
            # who also gets the link to share. Unconfirmed ones are listed too, so one made
            # with somebody else's KvK number can be rejected before it expires.
            wachtend = list(
                Aanmelding.objects.filter(wachtende_aanmelding(), regio=self.regio)
                .select_related("vestiging")
                .order_by("aangemaakt_op", "pk")
            )
            bestaand = bestaande_organisaties(wachtend)
            erkend = erkende_contactadressen(a.email for a in wachtend if a.pk in bestaand)
            for aanmelding in wachtend:
                aanmelding.bestaande_organisatie = bestaand.get(aanmelding.pk)
                aanmelding.contact_al_erkend = (
                    aanmelding.bestaande_organisatie is not None
                    and (aanmelding.email.lower(), aanmelding.bestaande_organisatie.pk) in erkend
                )
            context.update(
                mag_beslissen=True,
                aanmeldingen=[a for a in wachtend if a.status == Aanmeldingstatus.BEVESTIGD],
                onbevestigd=[a for a in wachtend if a.status == Aanmeldingstatus.TE_BEVESTIGEN],
                bevestigen_dagen=settings.AANMELDING_BEVESTIGEN_DAGEN,
                aanmeldlink=self.request.build_absolute_uri(
                    reverse("regios:aanmelden", args=[self.regio.slug])
                ),
            )
        return context


class PartnerZoekenView(DossierMixin, TemplateView):
    """Search suggestions for htmx, as the search field is typed in. Without htmx, the
    search form goes to the Partners page itself, which shows the same results."""

    template_name = "regios/partners_zoekresultaten.html"
    dossierdeel = "partners"

    def get(self, request, *args, **kwargs):
        if not self.mag_bewerken:
            # Searching is a step of adding a partner, which a reader cannot do.
            raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
        if not request.htmx:
            return redirect(
                reverse("regios:partners", args=[self.regio.slug])
                + "?"
                + request.GET.urlencode()
                + "#zoeken"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zoekterm = self.request.GET.get("q", "").strip()
        context.update(
            zoekterm=zoekterm,
            zoekresultaten=zoek_organisaties(self.regio, zoekterm),
            zoek_minimum=ZOEK_MINIMUM,
        )
        return context


class PartnerToevoegenView(DossierMixin, View):
    """Adds an organisation picked from the search results. The answer, success or refusal,
    is a message on the Partners page, which shows the same search again."""

    dossierdeel = "partners"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PartnerToevoegenForm(request.POST)
        terug = reverse("regios:partners", args=[self.regio.slug])
        zoekterm = request.POST.get("q", "").strip()
        if zoekterm:
            terug += "?" + urlencode({"q": zoekterm}) + "#zoeken"
        if not form.is_valid():
            for fouten in form.errors.values():
                for fout in fouten:
                    messages.error(request, fout)
            return redirect(terug)
        organisatie = form.cleaned_data["organisatie"]
        gelukt, _deelname = voer_uit(
            request,
            None,
            lambda: voeg_organisatie_toe(
                regio=self.regio,
                organisatie=organisatie,
                door=request.user,
                versie=form.cleaned_data["versie"],
            ),
        )
        if not gelukt:
            return redirect(terug)
        messages.success(
            request, _("%(organisatie)s doet nu mee als partner.") % {"organisatie": organisatie}
        )
        return redirect("regios:partners", slug=self.regio.slug)


class PartnerNieuwView(OnderdeelMixin, DossierMixin, AlleenBewerkenMixin, FormView):
    template_name = "regios/partners_nieuw.html"
    form_class = NieuwePartnerForm
    dossierdeel = "partners"
    titel = gettext_lazy("Nieuwe organisatie toevoegen")

    def get_initial(self):
        # "Not found? Create it": the search term becomes the proposed name.
        return {"versie": self.regio.versie, "naam": self.request.GET.get("naam", "")}

    def form_valid(self, form):
        velden = form.organisatievelden()
        gelukt, deelname = voer_uit(
            self.request,
            form,
            lambda: maak_partner(
                regio=self.regio,
                door=self.request.user,
                versie=form.cleaned_data["versie"],
                **velden,
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(organisatie)s is aangemaakt en doet nu mee als partner.")
            % {"organisatie": deelname.organisatie.naam},
        )
        return redirect("regios:partners", slug=self.regio.slug)


class DeelnameMixin:
    """Loads the region's running participation of an organisation named in the URL."""

    def deelname(self) -> Deelname:
        if not hasattr(self, "_deelname"):
            self._deelname = get_object_or_404(
                Deelname.objects.filter(LOPENDE_DEELNAME).select_related("organisatie"),
                pk=self.kwargs["deelname"],
                regio=self.regio,
                organisatie__isnull=False,
            )
        return self._deelname


class PenvoerderView(OnderdeelMixin, DeelnameMixin, DossierMixin, AlleenBewerkenMixin, FormView):
    """Makes a participating school board or school the penvoerder: the table's button
    opens this page, which says what changes and asks for a ticked confirmation; without
    it nothing changes."""

    template_name = "regios/partners_penvoerder.html"
    form_class = PenvoerderForm
    dossierdeel = "partners"
    titel = gettext_lazy("Penvoerder wijzigen")

    def huidige_penvoerder(self) -> Deelname | None:
        return (
            self.regio.deelnames.filter(LOPENDE_DEELNAME, is_penvoerder=True)
            .select_related("organisatie")
            .first()
        )

    def get_initial(self):
        return {"versie": self.regio.versie}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        huidig = self.huidige_penvoerder()
        kwargs["nieuw"] = self.deelname().organisatie.naam
        kwargs["huidig"] = huidig.organisatie.naam if huidig else None
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deelname"] = self.deelname()
        context["huidig"] = self.huidige_penvoerder()
        return context

    def form_valid(self, form):
        deelname = self.deelname()
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: wijs_penvoerder_aan(
                regio=self.regio,
                deelname=deelname,
                door=self.request.user,
                versie=form.cleaned_data["versie"],
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(organisatie)s is nu de penvoerder van de regio.")
            % {"organisatie": deelname.organisatie.naam},
        )
        return redirect("regios:partners", slug=self.regio.slug)


class PartnerVerwijderenView(
    OnderdeelMixin, DeelnameMixin, DossierMixin, AlleenBewerkenMixin, FormView
):
    """Confirmation, then removal (a mistake) or ending (the partner stops) of a partner."""

    template_name = "regios/partners_verwijderen.html"
    form_class = PartnerVerwijderenForm
    dossierdeel = "partners"
    titel = gettext_lazy("Partner verwijderen")

    def get_initial(self):
        return {"versie": self.regio.versie, "wijze": PartnerVerwijderenForm.GESTOPT}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deelname"] = self.deelname()
        return context

    def form_valid(self, form):
        deelname = self.deelname()
        if form.cleaned_data["wijze"] == PartnerVerwijderenForm.VERGISSING:
            service, bericht = (
                verwijder_deelname,
                _("%(organisatie)s is uit de regio verwijderd."),
            )
        else:
            service, bericht = (
                beeindig_deelname,
                _("De deelname van %(organisatie)s is beëindigd."),
            )
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: service(
                deelname=deelname,
                door=self.request.user,
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(self.request, bericht % {"organisatie": deelname.organisatie.naam})
        return redirect("regios:partners", slug=self.regio.slug)


class AanmeldingBesluitMixin(DossierMixin):
    """Approving or rejecting a registration: only the region's programme manager, also
    after submission, so that approving a frozen dossier is refused with the dossier's own
    explanation rather than a bare 403."""

    dossierdeel = "partners"
    http_method_names = ["post"]

    schrijfrecht = "regios.aanmeldingen_beoordelen"

    def aanmelding(self) -> Aanmelding:
        return get_object_or_404(Aanmelding, pk=self.kwargs["aanmelding"], regio=self.regio)

    def terug(self):
        return redirect(reverse("regios:partners", args=[self.regio.slug]) + "#aanmeldingen")


class AanmeldingAfwijzenView(AanmeldingBesluitMixin, View):
    def post(self, request, *args, **kwargs):
        aanmelding = self.aanmelding()
        gelukt, _resultaat = voer_uit(
            request,
            None,
            lambda: wijs_aanmelding_af(
                aanmelding=aanmelding, door=request.user, reden=request.POST.get("reden", "")
            ),
        )
        if gelukt:
            messages.success(
                request,
                _("De aanmelding van %(naam)s is afgewezen.") % {"naam": aanmelding.naam},
            )
        return self.terug()


urlpatterns = [
    path("regio/<slug:slug>/partners/", PartnersView.as_view(), name="partners"),
    path("regio/<slug:slug>/partners/zoeken/", PartnerZoekenView.as_view(), name="partners_zoeken"),
    path(
        "regio/<slug:slug>/partners/toevoegen/",
        PartnerToevoegenView.as_view(),
        name="partner_toevoegen",
    ),
    path("regio/<slug:slug>/partners/nieuw/", PartnerNieuwView.as_view(), name="partner_nieuw"),
    path(
        "regio/<slug:slug>/partners/<int:deelname>/penvoerder/",
        PenvoerderView.as_view(),
        name="partner_penvoerder",
    ),
    path(
        "regio/<slug:slug>/partners/<int:deelname>/verwijderen/",
        PartnerVerwijderenView.as_view(),
        name="partner_verwijderen",
    ),
    path(
        "regio/<slug:slug>/partners/aanmeldingen/<int:aanmelding>/afwijzen/",
        AanmeldingAfwijzenView.as_view(),
        name="aanmelding_afwijzen",
    ),
]
