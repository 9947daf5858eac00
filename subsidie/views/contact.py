"""Mijn organisatie: a partner's contact person keeps the organisation's data and its
co-financing pledges up to date.

Who may see what: a visitor goes to the login page; a logged-in user without a current
contact role gets 403; an organisation, region or pledge the user is not the contact for
is not found (404), so its existence is not confirmed. Every page reads what the user
represents once, in a fixed number of queries (``contactorganisaties``)."""

from __future__ import annotations

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView, TemplateView, View

from partners.models import Persoon
from regios.forms import VerwijderForm
from regios.models import Regio
from regios.selectors import koppelverzoeken_van
from regios.services.koppeling import keur_koppelverzoek_goed, wijs_koppelverzoek_af
from regios.views.basis import voer_uit

from ..forms_contact import OrganisatiegegevensForm, ToezeggingForm
from ..models import Cofinanciering
from ..selectors import Contactorganisatie, Contactregio, contactorganisaties, waarde_uitleg
from ..services.contact import (
    ORGANISATIEVELDEN,
    sla_toezegging_op,
    verwijder_toezegging,
    wijzig_organisatiegegevens,
)


class ContactMixin(LoginRequiredMixin):
    titel = gettext_lazy("Mijn organisatie")
    is_overzicht = False
    # Pages that show or decide on requests to act for an organisation.
    leest_verzoeken = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisaties = contactorganisaties(request.user)
        # Requests of the user to act for an organisation that existed before (the overview
        # is open to them while they wait), and others' requests the user decides on.
        self.eigen_verzoeken, self.te_beoordelen = (
            koppelverzoeken_van(request.user, (co.organisatie.pk for co in self.organisaties))
            if self.leest_verzoeken
            else ([], [])
        )
        if not self.organisaties and not (self.is_overzicht and self.eigen_verzoeken):
            raise PermissionDenied(
                _(
                    "Deze pagina is voor contactpersonen van partnerorganisaties. U bent nu "
                    "geen contactpersoon van een organisatie in een regio."
                )
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def contactorganisatie(self) -> Contactorganisatie:
        pk = self.kwargs["organisatie"]
        gevonden = next((co for co in self.organisaties if co.organisatie.pk == pk), None)
        if gevonden is None:
            raise Http404
        return gevonden

    def overzicht_url(self, contactregio: Contactregio | None = None) -> str:
        url = reverse("subsidie:mijn_organisatie")
        if contactregio is None:
            return url
        return f"{url}#{anker(self.contactorganisatie, contactregio)}"

    def kruimelpad(self):
        pad = [(pgettext_lazy("kruimelpad", "Home"), reverse("home"))]
        if self.is_overzicht:
            return [*pad, (self.titel, None)]
        return [*pad, (ContactMixin.titel, self.overzicht_url()), (self.titel, None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(titel=self.titel, kruimelpad=self.kruimelpad())
        return context


def anker(co: Contactorganisatie, contactregio: Contactregio) -> str:
    return f"cofinanciering-{co.organisatie.pk}-{contactregio.regio.slug}"


class MijnOrganisatieView(ContactMixin, TemplateView):
    template_name = "partners/mijn_organisatie.html"
    is_overzicht = True
    leest_verzoeken = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisaties"] = [
            (co, [(cr, anker(co, cr)) for cr in co.regios]) for co in self.organisaties
        ]
        context["eigen_verzoeken"] = self.eigen_verzoeken
        context["te_beoordelen"] = self.te_beoordelen
        return context


class KoppelverzoekBesluitMixin(ContactMixin, View):
    """Deciding on somebody's request to act for one of the user's organisations: a button
    on the overview (POST only). A request for an organisation the user does not act for
    is not found."""

    http_method_names = ["post"]
    leest_verzoeken = True

    def verzoek(self):
        gevonden = next((v for v in self.te_beoordelen if v.pk == self.kwargs["verzoek"]), None)
        if gevonden is None:
            raise Http404
        return gevonden

    def terug(self):
        return redirect(reverse("subsidie:mijn_organisatie") + "#verzoeken")


class KoppelverzoekGoedkeurenView(KoppelverzoekBesluitMixin):
    def post(self, request, *args, **kwargs):
        verzoek = self.verzoek()
        gelukt, _resultaat = voer_uit(
            request, None, lambda: keur_koppelverzoek_goed(verzoek=verzoek, door=request.user)
        )
        if gelukt:
            messages.success(
                request,
                _("%(persoon)s mag nu namens %(organisatie)s optreden.")
                % {"persoon": verzoek.persoon.volledige_naam, "organisatie": verzoek.organisatie},
            )
        return self.terug()


class KoppelverzoekAfwijzenView(KoppelverzoekBesluitMixin):
    def post(self, request, *args, **kwargs):
        verzoek = self.verzoek()
        gelukt, _resultaat = voer_uit(
            request,
            None,
            lambda: wijs_koppelverzoek_af(
                verzoek=verzoek, door=request.user, reden=request.POST.get("reden", "")
            ),
        )
        if gelukt:
            messages.success(
                request,
                _("Het verzoek van %(persoon)s is afgewezen.")
                % {"persoon": verzoek.persoon.volledige_naam},
            )
        return self.terug()


class GegevensView(ContactMixin, FormView):
    """The organisation's own data and the contact's phone and function. Always open: they
    are not part of what a region submits."""

    template_name = "partners/mijn_organisatie_gegevens.html"
    form_class = OrganisatiegegevensForm
    titel = gettext_lazy("Gegevens wijzigen")

    def get_initial(self):
        organisatie = self.contactorganisatie.organisatie
        persoon = Persoon.objects.filter(gebruiker=self.request.user).first()
        initial = {veld: getattr(organisatie, veld) for veld in ORGANISATIEVELDEN}
        initial["geopend_op"] = organisatie.bijgewerkt_op.isoformat()
        if persoon is not None:
            initial.update(contact_telefoon=persoon.telefoon, contact_functie=persoon.functie)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisatie=self.contactorganisatie.organisatie, terug_url=self.overzicht_url()
        )
        return context

    def form_valid(self, form):
        organisatie = self.contactorganisatie.organisatie
        try:
            gewijzigd = wijzig_organisatiegegevens(
                organisatie=organisatie, door=self.request.user, **form.servicevelden()
            )
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, fout)
            return self.form_invalid(form)
        if gewijzigd:
            messages.success(
                self.request,
                _("De gegevens van %(naam)s zijn opgeslagen.") % {"naam": organisatie.naam},
            )
        else:
            messages.info(self.request, _("Er was niets gewijzigd."))
        return redirect(self.overzicht_url())


class ToezeggingMixin(ContactMixin):
    """A page about one region's pledges of the contact's organisation."""

    template_name = "partners/mijn_toezegging.html"

    @cached_property
    def contactregio(self) -> Contactregio:
        gevonden = self.contactorganisatie.contactregio(self.kwargs["slug"])
        if gevonden is None:
            raise Http404
        return gevonden

    @property
    def schooljaren(self) -> list[int]:
        tijdvak = self.contactregio.regio.tijdvak
        return list(
            range(tijdvak.eerste_schooljaar, tijdvak.eerste_schooljaar + tijdvak.aantal_schooljaren)
        )

    def huidige_versie(self) -> int:
        return Regio.objects.only("versie").get(pk=self.contactregio.regio.pk).versie

    def toon_opnieuw(self, form) -> None:
        if form.was_verouderd:
            form.vernieuw_versie(self.huidige_versie())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisatie=self.contactorganisatie.organisatie,
            contactregio=self.contactregio,
            regio=self.contactregio.regio,
            terug_url=self.overzicht_url(self.contactregio),
        )
        return context


class ToezeggingToevoegenView(ToezeggingMixin, TemplateView):
    titel = gettext_lazy("Toezegging toevoegen")

    def maak_form(self, data=None):
        return ToezeggingForm(
            data,
            schooljaren=self.schooljaren,
            initial={"versie": self.contactregio.regio.versie},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.contactregio.bewerkbaar:
            context["form"] = kwargs.get("form") or self.maak_form()
        return context

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, toezegging = form.voer_uit(
                lambda: sla_toezegging_op(
                    regio=self.contactregio.regio,
                    organisatie=self.contactorganisatie.organisatie,
                    door=request.user,
                    **form.servicevelden(),
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _("De toezegging voor %(jaar)s in %(regio)s is toegevoegd.")
                    % {"jaar": toezegging.schooljaar_label, "regio": self.contactregio.regio.naam},
                )
                return redirect(self.overzicht_url(self.contactregio))
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class EenToezeggingMixin(ToezeggingMixin):
    """One pledge of the contact's organisation, from the URL; a pledge of another
    organisation or region is not found."""

    @cached_property
    def toezegging(self) -> Cofinanciering:
        gevonden = next(
            (t for t in self.contactregio.toezeggingen if t.pk == self.kwargs["pk"]), None
        )
        if gevonden is None:
            raise Http404
        return gevonden

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(toezegging=self.toezegging, waarde_uitleg=waarde_uitleg(self.toezegging))
        return context


class ToezeggingWijzigenView(EenToezeggingMixin, TemplateView):
    titel = gettext_lazy("Toezegging wijzigen")

    def maak_form(self, data=None):
        t = self.toezegging
        return ToezeggingForm(
            data,
            schooljaren=self.schooljaren,
            initial={
                "versie": self.contactregio.regio.versie,
                "schooljaar": t.schooljaar,
                "soort": t.soort,
                "omschrijving": t.omschrijving,
                "bedrag": t.bedrag,
                "uren": t.uren,
                "uurtarief": t.uurtarief,
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.contactregio.bewerkbaar:
            context["form"] = kwargs.get("form") or self.maak_form()
        return context

    def post(self, request, *args, **kwargs):
        toezegging = self.toezegging
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, opgeslagen = form.voer_uit(
                lambda: sla_toezegging_op(
                    regio=self.contactregio.regio,
                    organisatie=self.contactorganisatie.organisatie,
                    door=request.user,
                    cofinanciering=toezegging,
                    **form.servicevelden(),
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _("De toezegging voor %(jaar)s in %(regio)s is gewijzigd.")
                    % {"jaar": opgeslagen.schooljaar_label, "regio": self.contactregio.regio.naam},
                )
                return redirect(self.overzicht_url(self.contactregio))
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class ToezeggingVerwijderenView(EenToezeggingMixin, TemplateView):
    template_name = "partners/mijn_toezegging_verwijderen.html"
    titel = gettext_lazy("Toezegging verwijderen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.contactregio.bewerkbaar:
            context["form"] = kwargs.get("form") or VerwijderForm(
                initial={"versie": self.contactregio.regio.versie}
            )
        return context

    def post(self, request, *args, **kwargs):
        toezegging = self.toezegging
        form = VerwijderForm(request.POST)
        if form.is_valid():
            gelukt, _resultaat = form.voer_uit(
                lambda: verwijder_toezegging(
                    cofinanciering=toezegging,
                    door=request.user,
                    versie=form.cleaned_data["versie"],
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _("De toezegging voor %(jaar)s in %(regio)s is verwijderd.")
                    % {"jaar": toezegging.schooljaar_label, "regio": self.contactregio.regio.naam},
                )
                return redirect(self.overzicht_url(self.contactregio))
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("mijn-organisatie/", MijnOrganisatieView.as_view(), name="mijn_organisatie"),
    path(
        "mijn-organisatie/verzoeken/<int:verzoek>/goedkeuren/",
        KoppelverzoekGoedkeurenView.as_view(),
        name="koppelverzoek_goedkeuren",
    ),
    path(
        "mijn-organisatie/verzoeken/<int:verzoek>/afwijzen/",
        KoppelverzoekAfwijzenView.as_view(),
        name="koppelverzoek_afwijzen",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/gegevens/",
        GegevensView.as_view(),
        name="mijn_organisatie_gegevens",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/<slug:slug>/cofinanciering/toevoegen/",
        ToezeggingToevoegenView.as_view(),
        name="mijn_toezegging_toevoegen",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/<slug:slug>/cofinanciering/<int:pk>/wijzigen/",
        ToezeggingWijzigenView.as_view(),
        name="mijn_toezegging_wijzigen",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/<slug:slug>/cofinanciering/<int:pk>/verwijderen/",
        ToezeggingVerwijderenView.as_view(),
        name="mijn_toezegging_verwijderen",
    ),
]
