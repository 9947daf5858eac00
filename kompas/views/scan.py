"""Dossier pages: samenwerkingsscan. The programme manager opens and closes rounds; the
programme team and steering group read the results; everyone with a role in the region
answers.

Results appear only for a closed round with enough respondents. Showing a running tally
would let anyone who watches it change after one answer work out that answer, so the
numbers wait for the round to close.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from ecosysteem.rechten import mag
from partners.models import Persoon
from regios.models import Regio
from regios.views.basis import DossierMixin

from ..forms_scan import ScanantwoordForm, ScanrondeForm, ScanrondeSluitenForm
from ..models import Scaninzending, Scanronde
from ..scan import CONDITIES, SCHAAL, bereken_uitslag, minimum_respondenten, trend
from ..scangrafieken import Staaf, Staafgroep, spreidingsdiagram, staafdiagram
from ..selectors import antwoorden_per_ronde, rondes_met_aantallen
from ..services_scan import (
    beantwoord_scan,
    open_scanronde,
    sluit_scanronde,
)


class ScanMixin(DossierMixin):
    """A scan page in the dossier. Writes are for the programme manager, whatever the
    dossier's state: the scan reflects on the collaboration and is not part of the
    application, so a submitted dossier does not freeze it."""

    dossierdeel = "scan"
    titel = gettext_lazy("Samenwerkingsscan")

    @cached_property
    def mag_beheren(self) -> bool:
        return mag("kompas.scan_beheren", self.request.user, self.regio)

    schrijfrecht = "kompas.scan_beheren"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The frame's "read only" notice concerns the application; here it follows who
        # may manage the scan.
        context["mag_bewerken"] = self.mag_beheren
        context["minimum"] = minimum_respondenten()
        return context

    @property
    def scan_url(self) -> str:
        return reverse("kompas:scan", kwargs={"slug": self.regio.slug})


class Overzicht(ScanMixin, TemplateView):
    template_name = "kompas/scan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rondes = rondes_met_aantallen(self.regio, voor=self.request.user)
        context["rondes"] = list(reversed(rondes))
        context["open_ronde"] = next((r for r in rondes if r.is_open), None)
        if self.mag_beheren and context["open_ronde"] is None:
            context["form"] = kwargs.get("form") or ScanrondeForm()
        return context

    def post(self, request, *args, **kwargs):
        form = ScanrondeForm(request.POST)
        if form.is_valid():
            gelukt, ronde = form.voer_uit(
                lambda: open_scanronde(
                    regio=self.regio,
                    naam=form.cleaned_data["naam"],
                    toelichting=form.cleaned_data["toelichting"],
                    door=request.user,
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _(
                        "De scanronde ‘%(naam)s’ staat open. Iedereen met een rol in de regio kan "
                        "nu antwoorden."
                    )
                    % {"naam": ronde.naam},
                )
                return redirect(self.scan_url)
        return self.render_to_response(self.get_context_data(form=form))


class Sluiten(ScanMixin, TemplateView):
    """Closing a round: a page that says what closing means (nobody can answer any more,
    the results appear, or stay hidden with too few respondents) and asks for a ticked
    confirmation; without it the round stays open."""

    template_name = "kompas/scan_sluiten.html"

    @cached_property
    def ronde(self) -> Scanronde:
        return get_object_or_404(Scanronde, regio=self.regio, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        if not self.mag_beheren:
            raise PermissionDenied
        if not self.ronde.is_open:
            messages.info(
                request, _("De scanronde ‘%(naam)s’ is al gesloten.") % {"naam": self.ronde.naam}
            )
            return redirect(self.scan_url)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ronde"] = self.ronde
        context["aantal"] = self.ronde.inzendingen.count()
        context["form"] = kwargs.get("form") or ScanrondeSluitenForm()
        return context

    def post(self, request, *args, **kwargs):
        ronde = self.ronde
        form = ScanrondeSluitenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            sluit_scanronde(ronde=ronde, door=request.user)
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
        else:
            messages.success(
                request, _("De scanronde ‘%(naam)s’ is gesloten.") % {"naam": ronde.naam}
            )
        return redirect(self.scan_url)


def _grafiek_uitslag(uitslag) -> str:
    return staafdiagram(
        id="grafiek-gemiddelden",
        titel=_("Gemiddelde score per conditie en succesfactor"),
        beschrijving=_(
            "Staafdiagram op de schaal van 1 (helemaal niet) tot 5 (helemaal), op basis van "
            "%(aantal)s respondenten. De cijfers staan ook in de tabel onder de grafiek."
        )
        % {"aantal": uitslag.aantal},
        groepen=[
            Staafgroep(
                kop=_("Condities"),
                staven=[Staaf(str(u.vraag.titel), u.gemiddelde) for u in uitslag.condities],
            ),
            Staafgroep(
                kop=_("Succesfactoren"),
                staven=[Staaf(str(u.vraag.titel), u.gemiddelde) for u in uitslag.succesfactoren],
            ),
        ],
    )


def groepslabel(groep) -> str:
    label = str(groep.label)
    if groep.samengevoegd:
        label = _("%(label)s (met %(andere)s)") % {
            "label": label,
            "andere": ", ".join(str(s) for s in groep.samengevoegd),
        }
    return label


def _grafiek_spreiding(uitslag) -> str:
    return spreidingsdiagram(
        id="grafiek-spreiding",
        titel=_("Gemiddelde score per soort partner"),
        beschrijving=_(
            "Stippen per soort partner op de schaal van 1 tot 5, per conditie en "
            "succesfactor. Elke soort partner heeft een eigen vorm. De cijfers staan ook in "
            "de tabel onder de grafiek."
        ),
        reeksen=[f"{groepslabel(g)} ({g.aantal})" for g in uitslag.groepen],
        rijen=[
            (str(u.vraag.titel), [g.gemiddelden.get(u.vraag.code) for g in uitslag.groepen])
            for u in uitslag.vragen
        ],
    )


def _grafiek_trend(rondes, reeksen) -> str:
    return staafdiagram(
        id="grafiek-trend",
        titel=_("Ontwikkeling per conditie over de scanrondes"),
        beschrijving=_(
            "Per conditie een staaf per gesloten scanronde, van oud naar nieuw, op de schaal "
            "van 1 tot 5. Rondes met te weinig antwoorden hebben geen staaf. De cijfers "
            "staan ook in de tabel onder de grafiek."
        ),
        groepen=[
            Staafgroep(
                kop=str(reeks.vraag.titel),
                staven=[
                    Staaf(r.naam, waarde)
                    for r, waarde in zip(rondes, reeks.gemiddelden, strict=True)
                ],
            )
            for reeks in reeksen
        ],
    )


class Uitslag(ScanMixin, TemplateView):
    template_name = "kompas/scan_uitslag.html"

    @cached_property
    def rondes(self) -> list[Scanronde]:
        return rondes_met_aantallen(self.regio)

    @cached_property
    def ronde(self) -> Scanronde:
        gevonden = next((r for r in self.rondes if r.pk == self.kwargs["pk"]), None)
        if gevonden is None:
            raise Http404
        return gevonden

    @property
    def titel(self):
        return _("Uitslag: %(naam)s") % {"naam": self.ronde.naam}

    def kruimelpad(self):
        pad = super().kruimelpad()
        return [*pad[:-1], (_("Samenwerkingsscan"), self.scan_url), pad[-1]]

    def get_context_data(self, **kwargs):
        ronde = self.ronde
        context = super().get_context_data(**kwargs)
        context.update(ronde=ronde, scan_url=self.scan_url, schaal=SCHAAL)
        if ronde.is_open or ronde.aantal_antwoorden < minimum_respondenten():
            # Not a single number of this round leaves the server.
            context["uitslag"] = None
            return context
        per_ronde = antwoorden_per_ronde(self.regio)
        uitslag = bereken_uitslag(per_ronde.get(ronde.pk, []))
        context["uitslag"] = uitslag
        if not uitslag.zichtbaar:
            context["uitslag"] = None
            return context
        gesloten = [r for r in self.rondes if not r.is_open]
        reeksen = trend([per_ronde.get(r.pk, []) for r in gesloten], CONDITIES)
        context.update(
            grafiek_gemiddelden=_grafiek_uitslag(uitslag),
            groepen=[(g, groepslabel(g)) for g in uitslag.groepen],
            spreidingsrijen=[
                (u.vraag.titel, [g.gemiddelde_tekst(u.vraag.code) for g in uitslag.groepen])
                for u in uitslag.vragen
            ],
            grafiek_spreiding=_grafiek_spreiding(uitslag) if len(uitslag.groepen) > 1 else "",
            trendrondes=gesloten,
            trendreeksen=reeksen,
            grafiek_trend=_grafiek_trend(gesloten, reeksen) if len(gesloten) > 1 else "",
            opmerkingen=[
                (u.vraag, uitslag.opmerkingen[u.vraag.code])
                for u in uitslag.vragen
                if u.vraag.code in uitslag.opmerkingen
            ],
        )
        return context


class Invullen(LoginRequiredMixin, TemplateView):
    """Answering a round. Not a dossier page: partner contacts answer too, and they do
    not see the dossier. Anyone without a current role in the region gets 404."""

    template_name = "kompas/scan_invullen.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        if not mag("kompas.scan_invullen", request.user, self.regio):
            raise Http404
        self.ronde = get_object_or_404(Scanronde, regio=self.regio, pk=kwargs["pk"])
        self.persoon = Persoon.objects.filter(gebruiker=request.user).first()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def al_ingevuld(self) -> bool:
        return (
            self.persoon is not None
            and Scaninzending.objects.filter(ronde=self.ronde, persoon=self.persoon).exists()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            regio=self.regio,
            ronde=self.ronde,
            al_ingevuld=self.al_ingevuld,
            zonder_persoon=self.persoon is None,
            mag_dossier_zien=self.request.user.has_perm("regios.dossier_bekijken", self.regio),
            schaal=SCHAAL,
            minimum=minimum_respondenten(),
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (_("Mijn regio"), reverse("subsidie:mijn_regio")),
                (_("Samenwerkingsscan invullen"), None),
            ],
        )
        if self.ronde.is_open and not self.al_ingevuld and self.persoon is not None:
            context["form"] = kwargs.get("form") or ScanantwoordForm()
        return context

    def post(self, request, *args, **kwargs):
        # Refusals for the round's state come before the answers are read: whoever sent
        # them cannot fix that in the form.
        if self.persoon is None:
            messages.error(request, _("Uw account is niet aan een persoon gekoppeld."))
            return redirect(request.path)
        if not self.ronde.is_open:
            messages.error(request, _("Deze scanronde is gesloten; u kunt niet meer antwoorden."))
            return redirect(request.path)
        if self.al_ingevuld:
            messages.error(request, _("U hebt deze scanronde al ingevuld."))
            return redirect(request.path)
        form = ScanantwoordForm(request.POST)
        if form.is_valid():
            gelukt, _inzending = form.voer_uit(
                lambda: beantwoord_scan(
                    ronde=self.ronde,
                    door=request.user,
                    scores=form.scores(),
                    toelichtingen=form.toelichtingen(),
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _("Dank u wel. Uw antwoorden op ‘%(naam)s’ zijn opgeslagen.")
                    % {"naam": self.ronde.naam},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("regio/<slug:slug>/scan/", Overzicht.as_view(), name="scan"),
    path("regio/<slug:slug>/scan/<int:pk>/", Uitslag.as_view(), name="scan_uitslag"),
    path("regio/<slug:slug>/scan/<int:pk>/sluiten/", Sluiten.as_view(), name="scan_sluiten"),
    path("regio/<slug:slug>/scan/<int:pk>/invullen/", Invullen.as_view(), name="scan_invullen"),
]
