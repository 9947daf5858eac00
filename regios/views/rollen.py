"""Dossier pages: how a region is governed. Its bodies (steering group, core group, working
groups...) and the people with a role in it."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from ecosysteem.rechten import mag

from ..forms_partners import OrgaanForm, RedenForm, RolForm
from ..models import Bestuursorgaan, Orgaansoort, Rol, Rolsoort
from ..rules import LEZENDE_ROLLEN, vergeet_rollen
from ..services import ken_rol_toe, maak_orgaan, trek_rol_in, verwijder_orgaan
from .basis import DossierMixin, voer_uit
from .partners import AlleenBewerkenMixin, OnderdeelMixin

# The membership role that fits a body of each kind, proposed when adding a member to it.
LIDROL = {
    Orgaansoort.STUURGROEP: Rolsoort.STUURGROEPLID,
    Orgaansoort.ADVIESRAAD: Rolsoort.ADVIESRAADLID,
    Orgaansoort.KERNGROEP: Rolsoort.KERNGROEPLID,
    Orgaansoort.WERKGROEP: Rolsoort.WERKGROEPLID,
    Orgaansoort.PROJECTGROEP: Rolsoort.WERKGROEPLID,
    Orgaansoort.IMPLEMENTATIEGROEP: Rolsoort.WERKGROEPLID,
}
ROLVOLGORDE = {soort: positie for positie, soort in enumerate(Rolsoort.values)}
# Bodies in the order the kinds are declared: steering group first, working groups last.
ORGAANVOLGORDE = {soort: positie for positie, soort in enumerate(Orgaansoort.values)}


class RollenOnderdeelMixin(OnderdeelMixin, AlleenBewerkenMixin):
    dossierdeel = "rollen"
    onderdeel_titel = gettext_lazy("Rollen")
    onderdeel_url = "regios:rollen"
    terug_naar = "regios:rollen"


class RollenView(DossierMixin, TemplateView):
    template_name = "regios/rollen.html"
    dossierdeel = "rollen"
    titel = gettext_lazy("Rollen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Two queries, however many bodies and people: the roles with their person,
        # body and organisation, and the bodies.
        rollen = list(
            Rol.objects.filter(regio=self.regio)
            .select_related("persoon__organisatie", "persoon__gebruiker", "orgaan", "namens")
            .order_by("persoon__achternaam", "persoon__voornaam", "id")
        )
        organen = sorted(
            self.regio.organen.all(),
            key=lambda orgaan: (ORGAANVOLGORDE.get(orgaan.soort, len(ORGAANVOLGORDE)), orgaan.naam),
        )
        per_orgaan: dict[int, list[Rol]] = defaultdict(list)
        zonder_orgaan: list[Rol] = []
        for rol in rollen:
            (per_orgaan[rol.orgaan_id] if rol.orgaan_id else zonder_orgaan).append(rol)
        zonder_orgaan.sort(key=lambda rol: ROLVOLGORDE.get(rol.soort, len(ROLVOLGORDE)))
        context.update(
            organen=[
                (orgaan, per_orgaan[orgaan.pk], f"orgaan-{orgaan.pk}-leden") for orgaan in organen
            ],
            zonder_orgaan=zonder_orgaan,
            aantal_personen=len({rol.persoon_id for rol in rollen}),
            mag_uitnodigen=mag("regios.account_uitnodigen", self.request.user, self.regio),
        )
        return context


class OrgaanNieuwView(RollenOnderdeelMixin, DossierMixin, FormView):
    template_name = "regios/rollen_orgaan_nieuw.html"
    form_class = OrgaanForm
    titel = gettext_lazy("Orgaan instellen")

    def get_initial(self):
        return {"versie": self.regio.versie}

    def form_valid(self, form):
        gegevens = form.cleaned_data
        gelukt, orgaan = voer_uit(
            self.request,
            form,
            lambda: maak_orgaan(
                regio=self.regio,
                soort=gegevens["soort"],
                naam=gegevens["naam"],
                taak=gegevens["taak"],
                door=self.request.user,
                versie=gegevens["versie"],
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(self.request, _("%(orgaan)s is ingesteld.") % {"orgaan": orgaan.naam})
        return redirect("regios:rollen", slug=self.regio.slug)


class OrgaanOpheffenView(RollenOnderdeelMixin, DossierMixin, FormView):
    template_name = "regios/rollen_orgaan_opheffen.html"
    form_class = RedenForm
    titel = gettext_lazy("Orgaan opheffen")

    def orgaan(self) -> Bestuursorgaan:
        if not hasattr(self, "_orgaan"):
            self._orgaan = get_object_or_404(
                Bestuursorgaan.objects.select_related("regio"),
                pk=self.kwargs["orgaan"],
                regio=self.regio,
            )
        return self._orgaan

    def get_initial(self):
        return {"versie": self.regio.versie}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orgaan = self.orgaan()
        context["orgaan"] = orgaan
        context["leden"] = list(
            orgaan.leden.select_related("persoon").order_by("persoon__achternaam")
        )
        return context

    def form_valid(self, form):
        orgaan = self.orgaan()
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: verwijder_orgaan(
                orgaan=orgaan,
                door=self.request.user,
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(self.request, _("%(orgaan)s is opgeheven.") % {"orgaan": orgaan.naam})
        return redirect("regios:rollen", slug=self.regio.slug)


class RolNieuwView(RollenOnderdeelMixin, DossierMixin, FormView):
    template_name = "regios/rollen_nieuw.html"
    form_class = RolForm
    titel = gettext_lazy("Rol toekennen")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio": self.regio}

    def get_initial(self):
        initial = {"versie": self.regio.versie, "persoon_keuze": RolForm.NIEUW}
        # "Add a member" next to a body proposes that body and its membership role.
        orgaan = self.regio.organen.filter(pk=self.request.GET.get("orgaan") or None).first()
        if orgaan is not None:
            initial["orgaan"] = orgaan
            if orgaan.soort in LIDROL:
                initial["soort"] = LIDROL[orgaan.soort]
        soort = self.request.GET.get("soort")
        if soort in Rolsoort.values:
            initial["soort"] = soort
        return initial

    def form_valid(self, form):
        gegevens = form.cleaned_data
        gelukt, rol = voer_uit(
            self.request,
            form,
            lambda: ken_rol_toe(
                regio=self.regio,
                soort=gegevens["soort"],
                persoon=form.persoon,
                nieuwe_persoon=form.nieuwe_persoon(),
                orgaan=gegevens["orgaan"],
                namens=gegevens["namens"],
                door=self.request.user,
                versie=gegevens["versie"],
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        persoon = rol.persoon
        bericht = _("%(persoon)s is nu %(rol)s%(orgaan)s.") % {
            "persoon": persoon.volledige_naam,
            "rol": rol.get_soort_display(),
            "orgaan": f" ({rol.orgaan.naam})" if rol.orgaan_id else "",
        }
        if persoon.gebruiker_id is None:
            bericht += " " + _(
                "Deze persoon heeft nog geen account in het portaal; met Uitnodigen in de "
                "tabel krijgt de persoon er een."
            )
        elif rol.soort in LEZENDE_ROLLEN:
            bericht += " " + _(
                "Deze persoon heeft al een account in het portaal en kan het dossier nu lezen."
            )
        else:
            bericht += " " + _("Deze persoon heeft al een account in het portaal.")
        messages.success(self.request, bericht)
        return redirect("regios:rollen", slug=self.regio.slug)


class RolIntrekkenView(RollenOnderdeelMixin, DossierMixin, FormView):
    template_name = "regios/rollen_intrekken.html"
    form_class = RedenForm
    titel = gettext_lazy("Rol intrekken")

    def rol(self) -> Rol:
        if not hasattr(self, "_rol"):
            self._rol = get_object_or_404(
                Rol.objects.select_related("persoon", "orgaan", "regio", "namens"),
                pk=self.kwargs["rol"],
                regio=self.regio,
            )
        return self._rol

    def get_initial(self):
        return {"versie": self.regio.versie}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rol = self.rol()
        context["rol"] = rol
        context["eigen_rol"] = rol.persoon.gebruiker_id == self.request.user.pk
        return context

    def form_valid(self, form):
        rol = self.rol()
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: trek_rol_in(
                rol=rol,
                door=self.request.user,
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(persoon)s is geen %(rol)s meer.")
            % {"persoon": rol.persoon.volledige_naam, "rol": rol.get_soort_display()},
        )
        # Someone who withdrew their own role may no longer see this dossier.
        vergeet_rollen(self.request.user)
        if not self.request.user.has_perm("regios.dossier_bekijken", self.regio):
            return redirect("subsidie:mijn_regio")
        return redirect("regios:rollen", slug=self.regio.slug)


urlpatterns = [
    path("regio/<slug:slug>/rollen/", RollenView.as_view(), name="rollen"),
    path("regio/<slug:slug>/rollen/nieuw/", RolNieuwView.as_view(), name="rol_nieuw"),
    path(
        "regio/<slug:slug>/rollen/<int:rol>/intrekken/",
        RolIntrekkenView.as_view(),
        name="rol_intrekken",
    ),
    path("regio/<slug:slug>/rollen/organen/nieuw/", OrgaanNieuwView.as_view(), name="orgaan_nieuw"),
    path(
        "regio/<slug:slug>/rollen/organen/<int:orgaan>/opheffen/",
        OrgaanOpheffenView.as_view(),
        name="orgaan_opheffen",
    ),
]
