"""Public pages of partner self-registration: the form of a region, the page after sending
it, and the confirmation link from the e-mail. No login: the organisation has no account
yet."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from ecosysteem.netwerk import client_adres
from partners.forms_aanmelding import HONINGPOT, AanmeldingForm
from partners.models import Vestiging
from partners.selectors import aanmeldgegevens_van_school, scholenzoekstatus, zoek_scholen

from ..models import LOPENDE_DEELNAME, Deelname, Regio
from ..services.aanmelding import (
    AanmeldingGesloten,
    OngeldigeLink,
    TeVeelAanmeldingen,
    bevestig_aanmelding,
    dien_aanmelding_in,
)


class RegioMixin:
    def dispatch(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regio"] = self.regio
        return context


class AanmeldenView(RegioMixin, FormView):
    template_name = "partners/aanmelding_formulier.html"
    form_class = AanmeldingForm

    def get(self, request, *args, **kwargs):
        if not self.regio.neemt_aanmeldingen_aan:
            return self.gesloten()
        return super().get(request, *args, **kwargs)

    def gesloten(self, status: int = 200):
        """The page that says why the form is closed and whom to ask instead."""
        penvoerder = (
            Deelname.objects.filter(LOPENDE_DEELNAME, regio=self.regio, is_penvoerder=True)
            .select_related("organisatie")
            .first()
        )
        return self.response_class(
            request=self.request,
            template=["partners/aanmelding_gesloten.html"],
            context={
                "regio": self.regio,
                "penvoerder": penvoerder.organisatie if penvoerder else None,
            },
            using=self.template_engine,
            status=status,
        )

    def get_initial(self):
        """A school chosen on the search page (without JavaScript) comes back as
        ``?vestiging=<code>``: the form starts with what the register knows of it."""
        initial = super().get_initial()
        code = self.request.GET.get("vestiging", "").replace(" ", "").upper()[:10]
        if code:
            vestiging = Vestiging.objects.filter(vestigingscode=code, in_register=True).first()
            if vestiging is not None:
                initial.update(
                    {k: v for k, v in aanmeldgegevens_van_school(vestiging).items() if v}
                )
        return initial

    def form_valid(self, form):
        if self.request.POST.get(HONINGPOT):
            # A field people cannot see was filled in: a robot. Nothing is stored; the
            # message is plain, without telling which check refused it.
            form.add_error(
                None,
                _("Uw aanmelding kon niet worden verwerkt. Neem contact op met de regio."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            dien_aanmelding_in(
                regio=self.regio,
                ip_adres=client_adres(self.request),
                **form.aanmeldingvelden(),
            )
        except AanmeldingGesloten:
            # Refused by the service, which checked the status itself; nothing was written.
            return self.gesloten(status=403)
        except TeVeelAanmeldingen as fout:
            form.add_error(None, fout)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, fout)
            return self.form_invalid(form)
        return redirect("regios:aanmelding_verzonden", slug=self.regio.slug)


class ScholenZoekenView(RegioMixin, TemplateView):
    """Schools from the register while typing in the registration form (htmx, a list of
    choices that fill in the branch code); without JavaScript, the same search as a page of
    its own whose choices lead back to the form with the school filled in. Public, like the
    form, and only over the current register: it shows what DUO publishes anyway."""

    template_name = "partners/aanmelding_scholen.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["partners/partials/school_zoekresultaten.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        uitkomst = zoek_scholen(self.request.GET.get("q", ""))
        context.update(
            zoeken=uitkomst,
            zoekstatus=scholenzoekstatus(uitkomst),
            keuzes=[(v, aanmeldgegevens_van_school(v)) for v in uitkomst.scholen],
            met_script=bool(self.request.htmx),
        )
        return context


class AanmeldingVerzondenView(RegioMixin, TemplateView):
    template_name = "partners/aanmelding_verzonden.html"


class AanmeldingBevestigenView(TemplateView):
    template_name = "partners/aanmelding_bevestigd.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["aanmelding"] = bevestig_aanmelding(token=self.kwargs["token"])
        except OngeldigeLink as fout:
            context["fout"] = fout.messages[0]
            context["verlopen"] = fout.code in ("verlopen", "verwijderd")
            context["regio"] = fout.regio
        return context

    def render_to_response(self, context, **kwargs):
        return super().render_to_response(context, status=400 if "fout" in context else 200)


urlpatterns = [
    path(
        "aanmelden/bevestigen/<str:token>/",
        AanmeldingBevestigenView.as_view(),
        name="aanmelding_bevestigen",
    ),
    path("aanmelden/<slug:slug>/", AanmeldenView.as_view(), name="aanmelden"),
    path("aanmelden/<slug:slug>/scholen/", ScholenZoekenView.as_view(), name="aanmelding_scholen"),
    path(
        "aanmelden/<slug:slug>/verzonden/",
        AanmeldingVerzondenView.as_view(),
        name="aanmelding_verzonden",
    ),
]
