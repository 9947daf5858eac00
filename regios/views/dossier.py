"""The dossier's overview, its general data and STO alignment, submitting and reopening."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView, TemplateView

from ecosysteem.rechten import mag, weigering
from kompas.services_activiteiten import gepubliceerde_kompaspunten, kompasdekking
from partners.models import Gemeente, Provincie
from subsidie.dossier import laad_dossier
from subsidie.models import Besluit
from subsidie.services import AlIngediend, dien_in, heropen
from subsidie.services_beoordeling import open_aanvullingsverzoek

from ..models import Regio, Rolsoort, StoRelatie
from ..rules import LEZENDE_ROLLEN, is_ministerie, regiorollen
from ..services import wijzig_regio
from .basis import DossierMixin, dossierdeel_url, voer_uit


class MijnRegiosView(LoginRequiredMixin, TemplateView):
    """The regions the user works in, with their state at a glance."""

    template_name = "regios/mijn_regio.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rollen = regiorollen(self.request.user)
        regios = (
            Regio.objects.filter(pk__in=rollen.keys())
            .select_related("tijdvak")
            .annotate(
                aantal_vestigingen=Count(
                    "deelnames",
                    filter=Q(deelnames__vestiging__isnull=False)
                    & Q(deelnames__status__in=["aangemeld", "actief"]),
                ),
                aantal_partners=Count(
                    "deelnames",
                    filter=Q(deelnames__organisatie__isnull=False)
                    & Q(deelnames__status__in=["aangemeld", "actief"]),
                ),
            )
            .order_by("tijdvak__startdatum", "naam")
        )
        # A partner's contact person has a role in the region but does not read its
        # dossier; for them the region is not a link to it.
        context["regios"] = [
            (
                regio,
                [Rolsoort(s).label for s in sorted(rollen.get(regio.pk, ()))],
                bool(LEZENDE_ROLLEN & rollen.get(regio.pk, frozenset())),
            )
            for regio in regios
        ]
        context["kruimelpad"] = [
            (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
            (gettext_lazy("Mijn regio"), None),
        ]
        context["is_ministerie"] = is_ministerie(self.request.user)
        # Imported here: the scan lives in the kompas app, which itself builds on regios.
        from kompas.services_scan import open_rondes_voor

        context["open_scanrondes"] = open_rondes_voor(self.request.user)
        return context


class DossierOverzichtView(DossierMixin, TemplateView):
    template_name = "regios/dossier_overzicht.html"
    dossierdeel = "overzicht"
    titel = gettext_lazy("Overzicht")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = laad_dossier(self.regio)
        context["dossier"] = dossier
        context["toetsing"] = [
            (resultaat, dossierdeel_url(resultaat.plek, self.regio))
            for resultaat in dossier.toetsing
        ]
        context["indieningen"] = list(self.regio.indieningen.select_related("ingediend_door"))
        if self.regio.is_bij_ministerie:
            # Where the ministry's review stands: open questions, or the decision.
            context["aanvullingsverzoek"] = open_aanvullingsverzoek(self.regio)
            context["besluit"] = Besluit.objects.filter(regio=self.regio).first()
        context["dekking"] = kompasdekking(dossier.activiteiten, gepubliceerde_kompaspunten())
        return context


class RegiogegevensForm(forms.Form):
    naam = forms.CharField(label=gettext_lazy("Naam van de regio"), max_length=160)
    visie = forms.CharField(
        label=gettext_lazy("Visie"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy("Waar wil het leerecosysteem over een paar jaar staan?"),
    )
    provincies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Provincies"),
        queryset=Provincie.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Gemeenten"),
        queryset=Gemeente.objects.select_related("provincie"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        required=False,
        help_text=gettext_lazy("Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen."),
    )
    sto_relatie = forms.ChoiceField(
        label=gettext_lazy("Hoe verhoudt de regio zich tot de STO-regio?"),
        choices=StoRelatie.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    sto_regio_naam = forms.CharField(
        label=gettext_lazy("Naam van de STO-regio"), max_length=160, required=False
    )
    sto_toelichting = forms.CharField(
        label=gettext_lazy("Hoe stemt u af met de STO-regio?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy(
            "Bijvoorbeeld: gedeelde stuurgroep, dezelfde penvoerder, gezamenlijke activiteiten."
        ),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("sto_regio_naam") and not gegevens.get("sto_relatie"):
            self.add_error("sto_relatie", _("Kies hoe de regio zich tot de STO-regio verhoudt."))
        return gegevens


class RegiogegevensView(DossierMixin, FormView):
    template_name = "regios/dossier_gegevens.html"
    form_class = RegiogegevensForm
    dossierdeel = "gegevens"
    titel = gettext_lazy("Gegevens en STO")

    def get_initial(self):
        return {
            "naam": self.regio.naam,
            "visie": self.regio.visie,
            "sto_relatie": self.regio.sto_relatie,
            "sto_regio_naam": self.regio.sto_regio_naam,
            "sto_toelichting": self.regio.sto_toelichting,
            "versie": self.regio.versie,
            "provincies": list(self.regio.provincies.all()),
            "gemeenten": list(self.regio.gemeenten.all()),
        }

    def form_valid(self, form):
        gegevens = dict(form.cleaned_data)
        versie = gegevens.pop("versie")
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: wijzig_regio(
                regio=self.regio, door=self.request.user, versie=versie, **gegevens
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(self.request, _("De gegevens van de regio zijn opgeslagen."))
        return redirect("regios:gegevens", slug=self.regio.slug)


class IndienenView(DossierMixin, TemplateView):
    """Shows what is still missing, or the button that submits the dossier."""

    template_name = "regios/dossier_indienen.html"
    dossierdeel = "indienen"
    titel = gettext_lazy("Indienen")

    # A second click on "submit" must not become a 403: the service says it was done.
    schrijfrecht = "regios.dossier_beheren"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = laad_dossier(self.regio)
        context["dossier"] = dossier
        context["open_punten"] = [
            (r, dossierdeel_url(r.plek, self.regio)) for r in dossier.open_punten
        ]
        context["mag_indienen"] = mag("regios.dossier_indienen", self.request.user, self.regio)
        context["aanvullingsverzoek"] = open_aanvullingsverzoek(self.regio)
        context["mag_heropenen"] = mag("regios.dossier_heropenen", self.request.user, self.regio)
        return context

    def post(self, request, *args, **kwargs):
        try:
            indiening = dien_in(
                regio=self.regio,
                door=request.user,
                versie=self.geposte_versie(),
                antwoord=request.POST.get("antwoord", ""),
            )
        except AlIngediend:
            messages.info(request, _("Het dossier was al ingediend; er is niets dubbel verstuurd."))
            return redirect("regios:dossier", slug=self.regio.slug)
        except PermissionDenied:
            raise
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return redirect("regios:indienen", slug=self.regio.slug)
        messages.success(
            request,
            _(
                "Het dossier is ingediend (versie %(versie)s). U vindt de ingediende versie "
                "onder Overzicht."
            )
            % {"versie": indiening.versie},
        )
        return redirect("regios:dossier", slug=self.regio.slug)


class HeropenForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Waarom heropent u het dossier?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class HeropenenView(DossierMixin, FormView):
    """Reopening, for the programme manager while the ministry has not started its review.
    Otherwise there is no form: the page (which every reader may open) says why, and a
    POST is refused with the reason: 403 for whoever may never reopen, back to
    "Indienen" when the dossier is past it (or not submitted)."""

    template_name = "regios/dossier_heropenen.html"
    form_class = HeropenForm
    dossierdeel = "indienen"
    titel = gettext_lazy("Dossier heropenen")
    schrijfrecht = "regios.dossier_beheren"

    def dispatch(self, request, *args, **kwargs):
        # Set before DossierMixin runs the page, which asks for it.
        self.weigering = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.weigering = weigering("regios.dossier_heropenen", request.user, self.regio)
        if self.weigering is not None:
            return self.render_to_response(self.get_context_data(form=None))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        reden = weigering("regios.dossier_heropenen", request.user, self.regio)
        if reden is not None:
            if reden.is_rol:
                raise PermissionDenied(reden.reden)
            messages.error(request, reden.reden)
            return redirect("regios:indienen", slug=self.regio.slug)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["weigering"] = self.weigering
        return context

    def form_valid(self, form):
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: heropen(
                regio=self.regio, door=self.request.user, reden=form.cleaned_data["reden"]
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(self.request, _("Het dossier is heropend en kan weer worden gewijzigd."))
        return redirect("regios:dossier", slug=self.regio.slug)


class TijdlijnView(DossierMixin, TemplateView):
    """Everything that happened to the dossier, newest first: who, when, what and why."""

    template_name = "regios/dossier_tijdlijn.html"
    dossierdeel = "tijdlijn"
    titel = gettext_lazy("Tijdlijn")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pagina"] = tijdlijnpagina(self.regio, self.request)
        return context


def tijdlijnpagina(regio: Regio, request):
    """One page of the region's audit trail, newest first: for the region's timeline and
    the ministry's alike."""
    gebeurtenissen = regio.gebeurtenissen.select_related("door").order_by("-tijdstip", "-id")
    return Paginator(gebeurtenissen, 50).get_page(request.GET.get("page"))


urlpatterns = [
    path("mijn-regio/", MijnRegiosView.as_view(), name="mijn_regio"),
    path("regio/<slug:slug>/", DossierOverzichtView.as_view(), name="dossier"),
    path("regio/<slug:slug>/gegevens/", RegiogegevensView.as_view(), name="gegevens"),
    path("regio/<slug:slug>/indienen/", IndienenView.as_view(), name="indienen"),
    path("regio/<slug:slug>/heropenen/", HeropenenView.as_view(), name="heropenen"),
    path("regio/<slug:slug>/tijdlijn/", TijdlijnView.as_view(), name="tijdlijn"),
]
