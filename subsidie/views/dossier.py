"""The dossier as an application: "Mijn regio", the overview (with its amounts and the
ministry's review), submitting and reopening. In subsidie because they read the whole
subsidy dossier and the kompas app's scan and coverage; the region's general data and the
timeline are regios' (regios/views/gegevens.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView, TemplateView, View

from ecosysteem.inhoudsbeleid import document_met_eigen_stijl
from ecosysteem.rechten import mag, weigering
from kompas.selectors import gepubliceerde_kompaspunten, kompasdekking, open_rondes_voor
from regios.models import Regio, Rolsoort
from regios.rules import LEZENDE_ROLLEN, is_ministerie, regiorollen
from regios.views.basis import DossierMixin, dossierdeel_url, voer_uit

from ..dossier import laad_dossier
from ..forms import HeropenForm
from ..models import Besluit
from ..services import AlIngediend, dien_in, heropen
from ..services.beoordeling import open_aanvullingsverzoek
from .rapporten import rapportsoorten_voor


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
        self.met_toetsing(context, dossier.toetsing)
        context["toetsing"] = [
            (resultaat, dossierdeel_url(resultaat.plek, self.regio))
            for resultaat in dossier.toetsing
        ]
        context["indieningen"] = list(self.regio.indieningen.select_related("ingediend_door"))
        if self.regio.is_bij_ministerie:
            # Where the ministry's review stands: open questions, or the decision.
            context["aanvullingsverzoek"] = open_aanvullingsverzoek(self.regio)
            # The sent letters (a correction after the one it corrects); the last is in force.
            brieven = list(
                Besluit.objects.verstuurd().filter(regio=self.regio).order_by("verstuurd_op", "id")
            )
            context["brieven"] = brieven
            context["besluit"] = brieven[-1] if brieven else None
        context["dekking"] = kompasdekking(dossier.activiteiten, gepubliceerde_kompaspunten())
        context["rapportsoorten"] = rapportsoorten_voor(self.request.user, self.regio)
        # The reports of each submitted version and the PDF of each sent letter.
        context["mag_versierapporten"] = bool(context["indieningen"]) and mag(
            "subsidie.rapport_bekijken", self.request.user, self.regio
        )
        return context


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
        self.met_toetsing(context, dossier.toetsing)
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
            return redirect("subsidie:dossier", slug=self.regio.slug)
        except PermissionDenied:
            raise
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return redirect("subsidie:indienen", slug=self.regio.slug)
        messages.success(
            request,
            _(
                "Het dossier is ingediend (versie %(versie)s). U vindt de ingediende versie "
                "onder Overzicht."
            )
            % {"versie": indiening.versie},
        )
        return redirect("subsidie:dossier", slug=self.regio.slug)


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
            return redirect("subsidie:indienen", slug=self.regio.slug)
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
        return redirect("subsidie:dossier", slug=self.regio.slug)


class BeschikkingView(DossierMixin, View):
    """A sent decision letter as it was sent (stored HTML), for whoever reads the dossier.
    A draft is the ministry's and does not exist here."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        besluit = get_object_or_404(
            Besluit.objects.verstuurd(), regio=self.regio, kenmerk=kwargs["kenmerk"]
        )
        # The letter carries its own style sheet: this response allows that one, by hash.
        return document_met_eigen_stijl(besluit.brief_html)


urlpatterns = [
    path("mijn-regio/", MijnRegiosView.as_view(), name="mijn_regio"),
    path("regio/<slug:slug>/", DossierOverzichtView.as_view(), name="dossier"),
    path("regio/<slug:slug>/indienen/", IndienenView.as_view(), name="indienen"),
    path("regio/<slug:slug>/heropenen/", HeropenenView.as_view(), name="heropenen"),
    path(
        "regio/<slug:slug>/beschikking/<str:kenmerk>/",
        BeschikkingView.as_view(),
        name="beschikking",
    ),
]
