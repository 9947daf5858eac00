"""Dossier page: the school branches of a region.

The programme manager searches the national register, adds and removes branches, and states
the eligible pupils where the register cannot split them. The list is read through
``laad_dossier``, so the page costs the same number of queries for 25 or 250 branches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from partners.models import Vestiging
from partners.validators import BRIN_PATROON, VESTIGINGSCODE_PATROON
from regios.bewerken import DossierBevroren, DossierGewijzigd
from regios.models import LOPENDE_DEELNAME, Deelname, Regio
from regios.services import (
    beeindig_deelname,
    verwijder_deelname,
    voeg_vestiging_toe,
    wijzig_deelname,
)
from regios.views.basis import DossierMixin, voer_uit

from ..berekening import (
    Parameters,
    VestigingInvoer,
    VestigingUitkomst,
    beoordeel_vestiging,
    bereken_subsidie,
)
from ..dossier import laad_dossier, vestiging_invoer
from ..forms_vestigingen import LeerlingenForm, VerwijderForm
from ..models import Regeling

# --- searching the register ---------------------------------------------------------------

MAX_RESULTATEN = 20
MAX_ZOEKTEKST = 100
# A postcode, whole or the first part: "9801", "9801 A", "9801 AB", "9801ab".
POSTCODE_BEGIN = re.compile(r"^[1-9][0-9]{3}[A-Z]{0,2}$")
VESTIGINGSCODE = re.compile(VESTIGINGSCODE_PATROON)
BRIN = re.compile(BRIN_PATROON)


@dataclass(frozen=True)
class Zoekresultaat:
    vestiging: Vestiging
    telt_mee: bool
    reden: str
    opgave_nodig: bool
    deelname: Deelname | None  # a running participation in this period, in any region
    in_deze_regio: bool

    @property
    def toelichten(self) -> bool:
        """Whether the reason says more than "counts"."""
        return not self.telt_mee or self.opgave_nodig

    @property
    def kan_toevoegen(self) -> bool:
        return self.deelname is None and self.vestiging.in_register


@dataclass(frozen=True)
class Zoekuitkomst:
    zoektekst: str
    resultaten: list[Zoekresultaat]
    totaal: int  # matches in the register; more than shown when the search is too broad

    @property
    def te_kort(self) -> bool:
        return 0 < len(self.zoektekst) < 2

    @property
    def meer(self) -> bool:
        return self.totaal > len(self.resultaten)


def zoekfilter(zoektekst: str) -> Q | None:
    """Register branches matching every word in name or place, or the text as BRIN number,
    branch code or postcode (with or without the space)."""
    tekst = " ".join(zoektekst.split())
    compact = tekst.replace(" ", "").upper()
    if len(compact) < 2:
        return None
    if POSTCODE_BEGIN.match(compact):
        return Q(postcode__startswith=compact)
    filter_ = Q()
    for woord in tekst.split(" "):
        hoofdletters = woord.upper()
        deel = Q(naam__icontains=woord) | Q(plaats__icontains=woord)
        if VESTIGINGSCODE.match(hoofdletters):
            deel |= Q(vestigingscode=hoofdletters)
        elif BRIN.match(hoofdletters):
            deel |= Q(brin_nummer=hoofdletters)
        filter_ &= deel
    return filter_


def zoek_in_register(zoektekst: str, *, regio: Regio, parameters: Parameters) -> Zoekuitkomst:
    """At most ``MAX_RESULTATEN`` branches: an exact code first, then names that start with
    the text, names that contain it, and branches in a place of that name; each with
    whether it counts and where it already takes part this period."""
    zoektekst = " ".join(zoektekst.split())[:MAX_ZOEKTEKST]
    filter_ = zoekfilter(zoektekst)
    if filter_ is None:
        return Zoekuitkomst(zoektekst=zoektekst, resultaten=[], totaal=0)
    compact = zoektekst.replace(" ", "").upper()
    rang = Case(
        When(Q(vestigingscode=compact) | Q(brin_nummer=compact), then=Value(0)),
        When(naam__istartswith=zoektekst, then=Value(1)),
        When(naam__icontains=zoektekst, then=Value(2)),
        When(plaats__iexact=zoektekst, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    gevonden = list(
        Vestiging.objects.filter(filter_)
        .annotate(rang=rang)
        # Closed branches last: they can no longer be added, but someone looking for one
        # should learn why it is missing.
        .order_by("-in_register", "rang", "naam", "vestigingscode")
        .prefetch_related(
            Prefetch(
                "deelnames",
                queryset=Deelname.objects.filter(
                    LOPENDE_DEELNAME, tijdvak_id=regio.tijdvak_id
                ).select_related("regio"),
                to_attr="lopende_deelnames",
            )
        )[: MAX_RESULTATEN + 1]
    )
    totaal = len(gevonden)
    if totaal > MAX_RESULTATEN:
        totaal = Vestiging.objects.filter(filter_).count()
    resultaten = []
    for vestiging in gevonden[:MAX_RESULTATEN]:
        telt_mee, reden, opgave_nodig = beoordeel_vestiging(parameters, _invoer(vestiging))
        deelname = next(iter(vestiging.lopende_deelnames), None)
        resultaten.append(
            Zoekresultaat(
                vestiging=vestiging,
                telt_mee=telt_mee,
                reden=reden,
                opgave_nodig=opgave_nodig,
                deelname=deelname,
                in_deze_regio=deelname is not None and deelname.regio_id == regio.pk,
            )
        )
    return Zoekuitkomst(zoektekst=zoektekst, resultaten=resultaten, totaal=totaal)


def _invoer(vestiging: Vestiging) -> VestigingInvoer:
    return VestigingInvoer(
        vestigingscode=vestiging.vestigingscode,
        naam=vestiging.naam,
        schoolsoort=vestiging.schoolsoort,
        sector=vestiging.sector,
        onderwijstype=vestiging.onderwijstype,
        leerlingen_register=vestiging.leerlingen,
    )


def zoekstatus(uitkomst: Zoekuitkomst) -> str:
    """The sentence the live region announces after each search."""
    if not uitkomst.zoektekst:
        return ""
    if uitkomst.te_kort:
        return _("Typ minstens 2 tekens om te zoeken.")
    if not uitkomst.resultaten:
        return _("Geen vestigingen gevonden voor ‘%(tekst)s’.") % {"tekst": uitkomst.zoektekst}
    if uitkomst.meer:
        return _(
            "De eerste %(getoond)s van %(totaal)s vestigingen. Maak de zoekopdracht "
            "specifieker, bijvoorbeeld met de plaats erbij."
        ) % {"getoond": len(uitkomst.resultaten), "totaal": uitkomst.totaal}
    return ngettext(
        "%(aantal)s vestiging gevonden.", "%(aantal)s vestigingen gevonden.", uitkomst.totaal
    ) % {"aantal": uitkomst.totaal}


# --- the list of participating branches ---------------------------------------------------


@dataclass(frozen=True)
class Rij:
    deelname: Deelname
    uitkomst: VestigingUitkomst

    @property
    def vestiging(self) -> Vestiging:
        return self.deelname.vestiging

    @property
    def onderwijstype(self) -> str:
        """The register's type with a line-break opportunity after each slash, so a long
        "VBO/MAVO/HAVO/VWO" does not widen the table."""
        delen = self.vestiging.onderwijstype.split("/")
        return format_html_join(mark_safe("/<wbr>"), "{}", ((deel,) for deel in delen))

    @property
    def opgave_mogelijk(self) -> bool:
        """Whether the region may state the eligible pupils: the register total includes
        tracks that do not count, it gives no number, or a number was stated before."""
        u = self.uitkomst
        return u.telt_mee and (
            u.opgave_nodig
            or u.invoer.leerlingen_register is None
            or self.deelname.opgegeven_leerlingen is not None
        )

    @property
    def opgave_open(self) -> bool:
        """The branch counts, but its eligible pupils still have to be stated."""
        u = self.uitkomst
        return u.telt_mee and (
            u.leerlingen_bron == "ontbreekt"
            or (u.opgave_nodig and u.leerlingen_bron != "opgegeven")
        )


@dataclass(frozen=True)
class Norm:
    """The regulation's minimum of counting branches of one sector, and how far along."""

    sector: str
    label: str
    aantal: int
    minimum: int

    @property
    def tekort(self) -> int:
        return max(self.minimum - self.aantal, 0)


FILTERS = {
    "alle": (gettext_lazy("Alle"), lambda rij: True),
    "telt_niet": (gettext_lazy("Telt niet mee"), lambda rij: not rij.uitkomst.telt_mee),
    "opgave": (gettext_lazy("Leerlingen opgeven"), lambda rij: rij.opgave_open),
}

# Sort keys; numbers sort largest first, which is what one looks for.
SORTERINGEN = {
    "naam": lambda rij: (rij.vestiging.naam.lower(), rij.vestiging.vestigingscode),
    "plaats": lambda rij: (rij.vestiging.plaats.lower(), rij.vestiging.naam.lower()),
    "leerlingen": lambda rij: (-rij.uitkomst.leerlingen, rij.vestiging.naam.lower()),
    "bedrag": lambda rij: (-rij.uitkomst.bedrag, rij.vestiging.naam.lower()),
}
AFLOPEND = frozenset({"leerlingen", "bedrag"})


class VestigingenView(DossierMixin, TemplateView):
    template_name = "regios/vestigingen.html"
    dossierdeel = "vestigingen"
    titel = gettext_lazy("Vestigingen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = laad_dossier(self.regio)
        self.met_toetsing(context, dossier.toetsing)
        alle = [
            Rij(deelname=d, uitkomst=dossier.uitkomst_per_code[d.vestiging.vestigingscode])
            for d in dossier.vestigingdeelnames
        ]
        toon = self.request.GET.get("toon", "alle")
        if toon not in FILTERS:
            toon = "alle"
        sorteer = self.request.GET.get("sorteer", "naam")
        if sorteer not in SORTERINGEN:
            sorteer = "naam"
        rijen = sorted((r for r in alle if FILTERS[toon][1](r)), key=SORTERINGEN[sorteer])
        berekening, regeling = dossier.berekening, dossier.regeling
        context.update(
            dossier=dossier,
            berekening=berekening,
            regeling=regeling,
            rijen=rijen,
            aantal_deelnemers=len(alle),
            toon=toon,
            sorteer=sorteer,
            aflopend=sorteer in AFLOPEND,
            filters=[
                (code, label, sum(1 for r in alle if test(r)))
                for code, (label, test) in FILTERS.items()
            ],
            filterlabel=FILTERS[toon][0],
            aantal_opgave_open=sum(1 for r in alle if r.opgave_open),
            aantal_niet_tellend=sum(1 for r in alle if not r.uitkomst.telt_mee),
            normen=[
                Norm(
                    "po",
                    _("Tellende po-vestigingen"),
                    berekening.aantal_po,
                    regeling.minimum_po_vestigingen,
                ),
                Norm(
                    "vo",
                    _("Tellende vo-vestigingen"),
                    berekening.aantal_vo,
                    regeling.minimum_vo_vestigingen,
                ),
            ],
        )
        if self.mag_bewerken:
            uitkomst = zoek_in_register(
                self.request.GET.get("q", ""),
                regio=self.regio,
                parameters=dossier.regeling.als_parameters(),
            )
            context.update(
                zoeken=uitkomst,
                zoekstatus=zoekstatus(uitkomst),
                opgaven=[
                    (
                        rij,
                        LeerlingenForm(
                            deelname=rij.deelname,
                            initial={
                                "opgegeven_leerlingen": rij.deelname.opgegeven_leerlingen,
                                "leerlingen_toelichting": rij.deelname.leerlingen_toelichting,
                                "versie": self.regio.versie,
                            },
                        ),
                    )
                    for rij in sorted(alle, key=SORTERINGEN["naam"])
                    if rij.opgave_mogelijk
                ],
            )
        return context


class ZoekenView(DossierMixin, TemplateView):
    """Suggestions while typing (htmx); without htmx, the same search on the full page."""

    template_name = "regios/partials/vestiging_zoekresultaten.html"
    dossierdeel = "vestigingen"

    def get(self, request, *args, **kwargs):
        if not request.htmx or not self.mag_bewerken:
            return redirect(_lijst_url(self.regio, request.GET.get("q", "")))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regeling = Regeling.objects.get(tijdvak_id=self.regio.tijdvak_id)
        uitkomst = zoek_in_register(
            self.request.GET.get("q", ""), regio=self.regio, parameters=regeling.als_parameters()
        )
        context.update(zoeken=uitkomst, zoekstatus=zoekstatus(uitkomst), oob_status=True)
        return context


class SchrijfMixin(DossierMixin):
    """The programme manager may post here even when the dossier was submitted meanwhile:
    the service then refuses with a message that says why, instead of a bare 403."""

    dossierdeel = "vestigingen"

    schrijfrecht = "regios.dossier_beheren"

    def kruimelpad(self):
        pad = super().kruimelpad()
        pad.insert(-1, (_("Vestigingen"), reverse("subsidie:vestigingen", args=[self.regio.slug])))
        return pad


class ToevoegenView(SchrijfMixin, View):
    def get(self, request, *args, **kwargs):
        return redirect("subsidie:vestigingen", slug=self.regio.slug)

    def post(self, request, *args, **kwargs):
        zoektekst = request.POST.get("q", "")
        code = request.POST.get("vestiging", "").strip().upper()
        vestiging = Vestiging.objects.filter(vestigingscode=code).first()
        versie = self.geposte_versie()
        if vestiging is None:
            messages.error(request, _("Deze vestiging staat niet in het scholenregister."))
        elif versie is None:
            messages.error(
                request, _("Het formulier is onvolledig verstuurd; probeer het opnieuw.")
            )
        else:
            gelukt, _deelname = voer_uit(
                request,
                None,
                lambda: voeg_vestiging_toe(
                    regio=self.regio, vestiging=vestiging, door=request.user, versie=versie
                ),
            )
            if gelukt:
                messages.success(
                    request,
                    _("%(vestiging)s doet nu mee in de regio.") % {"vestiging": vestiging.naam},
                )
        # Back to the same search, so the next branch can be added at once.
        return redirect(_lijst_url(self.regio, zoektekst))


class DeelnameMixin(SchrijfMixin):
    """A running participation of a branch in this region, from the URL."""

    @cached_property
    def deelname(self) -> Deelname:
        return get_object_or_404(
            Deelname.objects.filter(
                LOPENDE_DEELNAME, regio=self.regio, vestiging__isnull=False
            ).select_related("vestiging", "regio__tijdvak"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def uitkomst(self) -> VestigingUitkomst:
        regeling = Regeling.objects.get(tijdvak_id=self.regio.tijdvak_id)
        berekening = bereken_subsidie(regeling.als_parameters(), [vestiging_invoer(self.deelname)])
        return berekening.vestigingen[0]

    def get(self, request, *args, **kwargs):
        self.deelname  # noqa: B018 -- 404 for a participation of another region
        if not self.mag_bewerken:
            return redirect("subsidie:vestigingen", slug=self.regio.slug)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.deelname  # noqa: B018 -- 404 first, whatever the form holds
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(deelname=self.deelname, uitkomst=self.uitkomst)
        return context

    def terug_naar_lijst(self, fout: ValidationError) -> HttpResponseRedirect:
        """After a refusal about the whole dossier (changed meanwhile, or frozen): show the
        current data with the message, instead of the form with its stale version."""
        for bericht in fout.messages:
            messages.error(self.request, bericht)
        if self.request.htmx:
            return HttpResponseClientRedirect(_lijst_url(self.regio))
        return redirect("subsidie:vestigingen", slug=self.regio.slug)


class VerwijderenView(DeelnameMixin, FormView):
    """Confirm, then remove a branch added by mistake, or end the participation of one that
    was part of a submitted dossier (that keeps its history)."""

    template_name = "regios/vestigingen_verwijderen.html"
    form_class = VerwijderForm

    @cached_property
    def beeindigen(self) -> bool:
        return self.regio.indieningen.exists()

    @property
    def titel(self):
        return _("Vestiging beëindigen") if self.beeindigen else _("Vestiging verwijderen")

    def get_initial(self):
        return {"versie": self.regio.versie}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["beeindigen"] = self.beeindigen
        return context

    def form_invalid(self, form):
        if "versie" in form.errors:
            messages.error(self.request, _("Het formulier is onvolledig verstuurd."))
            return redirect("subsidie:vestigingen", slug=self.regio.slug)
        return super().form_invalid(form)

    def form_valid(self, form):
        deelname = self.deelname
        versie = form.cleaned_data["versie"]
        reden = form.cleaned_data["reden"]
        try:
            if self.beeindigen:
                beeindig_deelname(
                    deelname=deelname, door=self.request.user, reden=reden, versie=versie
                )
            else:
                verwijder_deelname(
                    deelname=deelname, door=self.request.user, reden=reden, versie=versie
                )
        except (DossierGewijzigd, DossierBevroren) as fout:
            return self.terug_naar_lijst(fout)
        except ValidationError as fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            (
                _("De deelname van %(vestiging)s is beëindigd.")
                if self.beeindigen
                else _("%(vestiging)s is uit de regio verwijderd.")
            )
            % {"vestiging": deelname.vestiging.naam},
        )
        return redirect("subsidie:vestigingen", slug=self.regio.slug)


class LeerlingenView(DeelnameMixin, FormView):
    """The eligible pupils of one branch. Posted from the list (with htmx the form is
    swapped in place); this page also shows the form with its errors without htmx."""

    template_name = "regios/vestigingen_leerlingen.html"
    form_class = LeerlingenForm
    titel = gettext_lazy("Tellende leerlingen opgeven")

    def get_template_names(self):
        if self.request.htmx:
            return ["regios/partials/vestiging_leerlingen_formulier.html"]
        return [self.template_name]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["deelname"] = self.deelname
        return kwargs

    def get_initial(self):
        return {
            "opgegeven_leerlingen": self.deelname.opgegeven_leerlingen,
            "leerlingen_toelichting": self.deelname.leerlingen_toelichting,
            "versie": self.regio.versie,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rij"] = Rij(deelname=self.deelname, uitkomst=self.uitkomst)
        return context

    def form_valid(self, form):
        deelname = self.deelname
        aantal = form.cleaned_data["opgegeven_leerlingen"]
        try:
            wijzig_deelname(
                deelname=deelname,
                door=self.request.user,
                versie=form.cleaned_data["versie"],
                opgegeven_leerlingen=aantal,
                leerlingen_toelichting=form.cleaned_data["leerlingen_toelichting"].strip(),
            )
        except (DossierGewijzigd, DossierBevroren) as fout:
            return self.terug_naar_lijst(fout)
        except ValidationError as fout:
            # The form checks the register's number too; the service has the last word
            # (the register may have been re-imported in between).
            boven = getattr(fout, "code", None) == "leerlingen_boven_register"
            veld = "opgegeven_leerlingen" if boven else None
            form.add_error(veld, fout.messages)
            return self.form_invalid(form)
        if aantal is None:
            bericht = _("%(vestiging)s telt weer met het aantal uit het register.")
        else:
            bericht = _("Het aantal tellende leerlingen van %(vestiging)s is opgeslagen.")
        messages.success(self.request, bericht % {"vestiging": deelname.vestiging.naam})
        if self.request.htmx:
            # Posted from the list: reload it, keeping its filter and scroll position, so
            # the table and the totals show the new count. (A redirect to the same page
            # with only a #fragment would merely scroll, not reload.)
            return HttpResponseClientRefresh()
        return redirect(_lijst_url(self.regio) + f"#vestiging-{deelname.vestiging.vestigingscode}")


def _lijst_url(regio: Regio, zoektekst: str = "") -> str:
    url = reverse("subsidie:vestigingen", kwargs={"slug": regio.slug})
    zoektekst = " ".join(zoektekst.split())[:MAX_ZOEKTEKST]
    return f"{url}?{urlencode({'q': zoektekst})}" if zoektekst else url


urlpatterns = [
    path("regio/<slug:slug>/vestigingen/", VestigingenView.as_view(), name="vestigingen"),
    path(
        "regio/<slug:slug>/vestigingen/zoeken/",
        ZoekenView.as_view(),
        name="vestigingen_zoeken",
    ),
    path(
        "regio/<slug:slug>/vestigingen/toevoegen/",
        ToevoegenView.as_view(),
        name="vestiging_toevoegen",
    ),
    path(
        "regio/<slug:slug>/vestigingen/<int:pk>/verwijderen/",
        VerwijderenView.as_view(),
        name="vestiging_verwijderen",
    ),
    path(
        "regio/<slug:slug>/vestigingen/<int:pk>/leerlingen/",
        LeerlingenView.as_view(),
        name="vestiging_leerlingen",
    ),
]
