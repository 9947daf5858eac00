"""The reviewers' side of an application: the queue of submitted dossiers, the submission
as it was frozen (with its completeness check and the changes since the previous version),
and the steps of the review: assigning a reviewer, asking for more information, the
assessment per criterion and the decision (four eyes, and never above the maximum).

Everybody in the ministry's groups may read these pages; each step is open only to the
person whose step it is. The services in ``subsidie.services.beoordeling`` check all of
this again when something is written."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView, TemplateView, View

from ecosysteem.account.herbevestiging import VereistHerbevestiging
from ecosysteem.inhoudsbeleid import sta_stijl_toe
from ecosysteem.opmaak import euro
from ecosysteem.rechten import mag, weigering
from regios.models import Regio
from regios.views.basis import voer_uit
from regios.views.gegevens import tijdlijnpagina

from ..brieven import briefcontext, uitkomst_in_woorden
from ..filters import WachtrijFilter, standaard_tijdvak, toon_tijdvak
from ..forms_beoordeling import (
    AanvullingForm,
    BeoordelingForm,
    BesluitForm,
    ToewijzenForm,
)
from ..models import (
    Aanvullingsverzoek,
    Beoordeling,
    Beoordelingscriterium,
    Besluit,
)
from ..rules import is_beoordelaar, onthoud_stand
from ..selectors import beoordelingswachtrij
from ..services.beoordeling import (
    concept_motivering,
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    vraag_aanvulling,
    wijs_beoordelaar_toe,
)
from ..versies import vergelijk_indieningen
from .ministerie import MinisterieToegang
from .rapporten import rapportsoorten_voor

# The steps of the review and the permission (subsidie/rules.py) that decides each.
STAPPEN = {
    "toewijzen": "subsidie.beoordelaar_toewijzen",
    "vragen": "subsidie.aanvulling_vragen",
    "beoordelen": "subsidie.beoordelen",
    "besluiten": "subsidie.besluiten",
    "corrigeren": "subsidie.besluit_corrigeren",
}


# --- the queue ---------------------------------------------------------------------------


class WachtrijView(MinisterieToegang, TemplateView):
    """The submitted dossiers of a period, to be assigned, assessed and decided."""

    template_name = "subsidie/beoordeling_wachtrij.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The same FilterSet as the API's queue (/api/v1/wachtrij/): a wrong value gets its
        # message next to the field and that filter is left out.
        filter_ = WachtrijFilter(self.request.GET or None, queryset=Regio.objects.none())
        if filter_.is_bound:
            filter_.is_valid()
        gegevens = getattr(filter_.form, "cleaned_data", {})
        tijdvak = gegevens.get("tijdvak") or standaard_tijdvak()
        sorteer = filter_.sortering
        filter_.queryset = (
            beoordelingswachtrij(tijdvak=tijdvak) if tijdvak else Regio.objects.none()
        )
        regios = filter_.qs
        toon_tijdvak(filter_.form, tijdvak)
        pagina = Paginator(regios, 50).get_page(self.request.GET.get("page"))
        context.update(
            filter=filter_.form,
            tijdvak=tijdvak,
            pagina=pagina,
            rijen=[
                (
                    regio,
                    getattr(regio, "beoordeling", None),
                    next(iter(regio.geldende_besluiten), None),
                )
                for regio in pagina
            ],
            sorteer=sorteer.lstrip("-"),
            aflopend=sorteer.startswith("-"),
            kolommen=[
                ("naam", _("Regio")),
                ("status", _("Status")),
                ("ingediend", _("Laatst ingediend")),
                ("subsidie", _("Maximale subsidie")),
            ],
            gebruiker_is_beoordelaar=is_beoordelaar(self.request.user),
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (gettext_lazy("Beoordelen"), None),
            ],
        )
        return context


# --- one dossier ------------------------------------------------------------------------

BEOORDELINGSDELEN = [
    ("aanvraag", "subsidie:beoordeling", gettext_lazy("Aanvraag")),
    ("beoordeling", "subsidie:beoordeling_stand", gettext_lazy("Beoordeling en besluit")),
    ("tijdlijn", "subsidie:beoordeling_tijdlijn", gettext_lazy("Tijdlijn")),
]


class BeoordelingMixin(MinisterieToegang):
    """Loads the region and its review. A region that never submitted anything is not
    the ministry's business yet: 404."""

    deel = "aanvraag"
    titel = gettext_lazy("Aanvraag")

    def voorbereiden(self, request, *args, **kwargs):
        self.regio = get_object_or_404(Regio.objects.select_related("tijdvak"), slug=kwargs["slug"])
        self.indieningen = list(
            self.regio.indieningen.select_related("ingediend_door").order_by("-versie")
        )
        if not self.indieningen:
            raise Http404
        self.laatste = self.indieningen[0]
        self.beoordeling = (
            Beoordeling.objects.filter(regio=self.regio)
            .select_related("beoordelaar", "indiening")
            .first()
        )
        # Every decision of the region in one query: the draft, the one in force (the
        # last sent) and the earlier letters it corrected.
        self.besluiten = list(
            Besluit.objects.filter(regio=self.regio)
            .select_related("genomen_door", "verstuurd_door")
            .order_by("verstuurd_op", "id")
        )
        verstuurd = [b for b in self.besluiten if b.is_verstuurd]
        self.besluit = verstuurd[-1] if verstuurd else None
        self.concept = next((b for b in self.besluiten if not b.is_verstuurd), None)
        gebruiker = request.user
        self.is_eigen_beoordeling = (
            self.beoordeling is not None and self.beoordeling.beoordelaar_id == gebruiker.pk
        )
        onthoud_stand(self.regio, beoordeling=self.beoordeling, laatste=self.laatste)
        # Per step: None when this person may take it now, else why not (subsidie/rules.py).
        self.weigeringen = {
            stap: weigering(recht, gebruiker, self.regio) for stap, recht in STAPPEN.items()
        }
        self.mag = {stap: reden is None for stap, reden in self.weigeringen.items()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            regio=self.regio,
            indieningen=self.indieningen,
            laatste=self.laatste,
            beoordeling=self.beoordeling,
            besluit=self.besluit,
            besluiten=[b for b in self.besluiten if b.is_verstuurd],
            concept=self.concept,
            mag=self.mag,
            is_eigen_beoordeling=self.is_eigen_beoordeling,
            deel=self.deel,
            titel=self.titel,
            delen=[
                (code, reverse(naam, kwargs={"slug": self.regio.slug}), label)
                for code, naam, label in BEOORDELINGSDELEN
            ],
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (gettext_lazy("Beoordelen"), reverse("subsidie:wachtrij")),
                (self.regio.naam, None),
            ],
        )
        return context


class AanvraagView(BeoordelingMixin, TemplateView):
    """The submission as it was frozen: the completeness check, figures and every part of
    the dossier. ``?versie=`` shows an earlier version; the changes since the version
    before it are listed."""

    template_name = "subsidie/beoordeling_aanvraag.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_versie = {i.versie: i for i in self.indieningen}
        try:
            gekozen = per_versie[int(self.request.GET.get("versie", self.laatste.versie))]
        except (KeyError, ValueError):
            raise Http404 from None
        vorige = per_versie.get(gekozen.versie - 1)
        activiteiten = gekozen.inhoud.get("activiteiten", [])
        context.update(
            kompasdekking=sorted(
                Counter(p for a in activiteiten for p in a.get("kompaspunten", [])).items()
            ),
            indiening=gekozen,
            inhoud=gekozen.inhoud,
            vorige=vorige,
            wijzigingen=vergelijk_indieningen(vorige.inhoud, gekozen.inhoud) if vorige else None,
            is_laatste=gekozen.pk == self.laatste.pk,
            rapportsoorten=rapportsoorten_voor(self.request.user, self.regio, gekozen),
            mag_auditdossier=mag("subsidie.auditdossier_maken", self.request.user, self.regio),
        )
        return context


class StandView(BeoordelingMixin, TemplateView):
    """Where the review stands: the reviewer, the questions and answers, the assessment
    per criterion and the decision, with the next step for whoever may take it."""

    template_name = "subsidie/beoordeling_stand.html"
    deel = "beoordeling"
    titel = gettext_lazy("Beoordeling en besluit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verzoeken"] = list(
            Aanvullingsverzoek.objects.filter(regio=self.regio)
            .select_related("gesteld_door", "indiening", "beantwoord_met")
            .order_by("gesteld_op")
        )
        context["scores"] = (
            list(self.beoordeling.scores.select_related("criterium"))
            if self.beoordeling and self.beoordeling.beoordeeld_op
            else []
        )
        context["totaal"] = sum(s.score for s in context["scores"])
        context["maximaal"] = sum(s.criterium.maximale_score for s in context["scores"])
        context["beoordeling_verouderd"] = bool(
            self.beoordeling
            and self.beoordeling.indiening_id
            and self.beoordeling.indiening_id != self.laatste.pk
        )
        return context


class BeoordelingTijdlijnView(BeoordelingMixin, TemplateView):
    template_name = "subsidie/beoordeling_tijdlijn.html"
    deel = "tijdlijn"
    titel = gettext_lazy("Tijdlijn")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pagina"] = tijdlijnpagina(self.regio, self.request)
        return context


# --- the steps ---------------------------------------------------------------------------


class StapToegang(BeoordelingMixin):
    """A step of the review. ``stap`` names its permission in ``STAPPEN``. Refused for who
    the person is: 403 with the reason. Refused for the dossier's state (it moved on): back
    to the review with the explanation."""

    stap = ""
    deel = "beoordeling"

    def controleer(self):
        reden = self.weigeringen[self.stap]
        if reden is None:
            return None
        if reden.is_rol:
            raise PermissionDenied(reden.reden)
        messages.error(self.request, reden.reden)
        return redirect("subsidie:beoordeling_stand", slug=self.regio.slug)

    def klaar(self, bericht: str):
        messages.success(self.request, bericht)
        return redirect("subsidie:beoordeling_stand", slug=self.regio.slug)


class StapView(StapToegang, FormView):
    """A step of the review on a page of its own, with its form."""

    def get(self, request, *args, **kwargs):
        return self.controleer() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.controleer() or super().post(request, *args, **kwargs)


class ToewijzenView(StapView):
    template_name = "subsidie/beoordeling_stap.html"
    form_class = ToewijzenForm
    stap = "toewijzen"
    titel = gettext_lazy("Beoordelaar toewijzen")

    def get_initial(self):
        if self.beoordeling and self.beoordeling.beoordelaar_id:
            return {"beoordelaar": self.beoordeling.beoordelaar_id}
        if is_beoordelaar(self.request.user):
            return {"beoordelaar": self.request.user.pk}
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["knoptekst"] = _("Toewijzen")
        context["uitleg"] = _(
            "De beoordelaar beoordeelt het dossier en kan de regio om aanvulling vragen. "
            "Het besluit neemt daarna een besluitvormer die het dossier niet heeft beoordeeld."
        )
        if self.beoordeling and self.beoordeling.beoordeeld_op:
            context["waarschuwing"] = _(
                "%(naam)s heeft het dossier al beoordeeld. Kiest u een andere beoordelaar, "
                "dan vervalt die beoordeling en beoordeelt de nieuwe beoordelaar opnieuw."
            ) % {"naam": self.beoordeling.beoordelaar}
        return context

    def form_valid(self, form):
        beoordelaar = form.cleaned_data["beoordelaar"]
        gelukt, _r = voer_uit(
            self.request,
            form,
            lambda: wijs_beoordelaar_toe(
                regio=self.regio, beoordelaar=beoordelaar, door=self.request.user
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        return self.klaar(
            _("%(naam)s beoordeelt nu het dossier van %(regio)s.")
            % {"naam": beoordelaar, "regio": self.regio.naam}
        )


class AanvullingView(StapView):
    template_name = "subsidie/beoordeling_stap.html"
    form_class = AanvullingForm
    stap = "vragen"
    titel = gettext_lazy("Om aanvulling vragen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["knoptekst"] = _("Vragen versturen")
        context["uitleg"] = _(
            "Het dossier gaat terug naar de programmamanager, die het kan aanpassen en met "
            "antwoorden opnieuw indient. De huidige versie blijft bewaard."
        )
        return context

    def form_valid(self, form):
        gelukt, _r = voer_uit(
            self.request,
            form,
            lambda: vraag_aanvulling(
                regio=self.regio, vragen=form.cleaned_data["vragen"], door=self.request.user
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        return self.klaar(_("De vragen zijn verstuurd; het dossier ligt bij de regio."))


class BeoordelenView(StapView):
    template_name = "subsidie/beoordeling_beoordelen.html"
    form_class = BeoordelingForm
    stap = "beoordelen"
    titel = gettext_lazy("Beoordelen")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.criteria = list(Beoordelingscriterium.objects.filter(tijdvak=self.regio.tijdvak))
        kwargs["criteria"] = self.criteria
        return kwargs

    def get_initial(self):
        if self.beoordeling is None:
            return {}
        initial = {"eindoordeel": self.beoordeling.eindoordeel}
        for s in self.beoordeling.scores.select_related("criterium"):
            initial[f"score_{s.criterium.code}"] = str(s.score)
            initial[f"motivering_{s.criterium.code}"] = s.motivering
        return initial

    def form_valid(self, form):
        try:
            leg_beoordeling_vast(
                regio=self.regio,
                scores=form.scores(),
                eindoordeel=form.cleaned_data["eindoordeel"],
                door=self.request.user,
            )
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for sleutel, fouten in fout.error_dict.items():
                    veld = sleutel if sleutel in form.fields else f"motivering_{sleutel}"
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, fout)
            return self.form_invalid(form)
        return self.klaar(
            _("Uw beoordeling van versie %(versie)s is vastgelegd.")
            % {"versie": self.laatste.versie}
        )


class BesluitView(StapView):
    """Draft the decision letter (or change the draft): outcome, amount and the reasons,
    prefilled from the assessment. Saving leads to the summary; nothing is sent yet."""

    template_name = "subsidie/beoordeling_besluit.html"
    form_class = BesluitForm
    stap = "besluiten"
    titel = gettext_lazy("Besluit nemen")
    corrigeert = None

    def get_initial(self):
        if self.concept is not None and self.concept.corrigeert_id == (
            self.corrigeert.pk if self.corrigeert else None
        ):
            return {
                "uitkomst": self.concept.uitkomst,
                "bedrag": self.concept.bedrag,
                "motivering": self.concept.motivering,
            }
        if self.corrigeert is not None:
            return {
                "uitkomst": self.corrigeert.uitkomst,
                "bedrag": self.corrigeert.bedrag,
                "motivering": self.corrigeert.motivering,
            }
        return {"motivering": concept_motivering(self.regio)}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["bedrag"].help_text = _(
            "Nodig bij toekennen, leeg bij afwijzen. Ten hoogste %(max)s: de berekende "
            "maximale subsidie van versie %(versie)s."
        ) % {
            "max": euro(self.laatste.maximale_subsidie),
            "versie": self.laatste.versie,
        }
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["scores"] = list(self.beoordeling.scores.select_related("criterium"))
        context["totaal"] = sum(s.score for s in context["scores"])
        context["maximaal"] = sum(s.criterium.maximale_score for s in context["scores"])
        context["corrigeert"] = self.corrigeert
        return context

    def form_valid(self, form):
        gegevens = form.cleaned_data
        gelukt, _besluit = voer_uit(
            self.request,
            form,
            lambda: neem_besluit(
                regio=self.regio,
                uitkomst=gegevens["uitkomst"],
                motivering=gegevens["motivering"],
                bedrag=gegevens.get("bedrag"),
                corrigeert=self.corrigeert,
                door=self.request.user,
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het concept is opgeslagen. Lees de brief en verstuur hem als hij klopt."),
        )
        return redirect("subsidie:beoordeling_samenvatting", slug=self.regio.slug)


class CorrectieView(BesluitView):
    """Correct a sent decision: a new draft letter, linked to the one in force."""

    stap = "corrigeren"
    titel = gettext_lazy("Besluit corrigeren")

    def voorbereiden(self, request, *args, **kwargs):
        super().voorbereiden(request, *args, **kwargs)
        self.corrigeert = self.besluit


class ConceptMixin(StapToegang):
    """The pages around a draft: the summary and sending. Whose step it is depends on the
    draft: the first decision, or a correction."""

    def voorbereiden(self, request, *args, **kwargs):
        super().voorbereiden(request, *args, **kwargs)
        self.stap = "corrigeren" if self.concept and self.concept.corrigeert_id else "besluiten"

    def controleer(self):
        weigering_ = super().controleer()
        if weigering_ is not None:
            return weigering_
        if self.concept is None:
            messages.error(self.request, _("Er is geen concept van een besluit."))
            return redirect("subsidie:beoordeling_stand", slug=self.regio.slug)
        return None


class SamenvattingView(ConceptMixin, TemplateView):
    """What the decision maker is about to send, in words, before sending it."""

    template_name = "subsidie/beoordeling_samenvatting.html"
    titel = gettext_lazy("Besluit controleren en versturen")

    def get(self, request, *args, **kwargs):
        return self.controleer() or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        brief = briefcontext(self.concept)
        context.update(
            brief=brief,
            uitkomst_in_woorden=brief["uitkomst_in_woorden"],
            bezwaar_tot=brief["bezwaar_tot"],
        )
        return context


class VerstuurView(ConceptMixin, VereistHerbevestiging, View):
    """Send the draft: final from now on. The decision maker confirms the login first
    (password and code) unless that was done in the last minutes."""

    http_method_names = ["post"]
    herbevestiging_terug = "subsidie:beoordeling_samenvatting"

    def post(self, request, *args, **kwargs):
        weigering_ = self.controleer()
        if weigering_ is not None:
            return weigering_
        try:
            besluit = verstuur_besluit(besluit=self.concept, door=request.user)
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return redirect("subsidie:beoordeling_samenvatting", slug=self.regio.slug)
        return self.klaar(
            _("Beschikking %(kenmerk)s is verstuurd: %(uitkomst)s. Bezwaar kan tot en met %(tot)s.")
            % {
                "kenmerk": besluit.kenmerk,
                "uitkomst": uitkomst_in_woorden(besluit).replace("U ", "u ", 1),
                "tot": date_format(besluit.bezwaar_tot, "j F Y"),
            }
        )


class BeschikkingView(BeoordelingMixin, TemplateView):
    """One letter of the region inside the review pages: a draft as it reads now (the
    preview), a sent one as it was sent (stored)."""

    template_name = "subsidie/beoordeling_beschikking.html"
    deel = "beoordeling"
    titel = gettext_lazy("Beschikking")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        brief = next((b for b in self.besluiten if b.kenmerk == self.kwargs["kenmerk"]), None)
        if brief is None:
            raise Http404
        context["brief_besluit"] = brief
        if not brief.is_verstuurd:
            # Rendered on its own: the letter's names (besluit, ...) are not the page's.
            context["brief_inhoud"] = render_to_string(
                "subsidie/brieven/beschikking_inhoud.html",
                {**briefcontext(brief), "kop": 3},
                request=self.request,
            )
        return context

    def render_to_response(self, context, **kwargs):
        antwoord = super().render_to_response(context, **kwargs)
        brief = context["brief_besluit"]
        if brief.is_verstuurd:
            # The sent letter is shown in an <iframe srcdoc>, which inherits this page's
            # policy: allow the letter's own style sheet, by hash, and nothing else inline.
            sta_stijl_toe(antwoord, brief.brief_html)
        return antwoord


urlpatterns = [
    path("ministerie/beoordelen/", WachtrijView.as_view(), name="wachtrij"),
    path("ministerie/regio/<slug:slug>/", AanvraagView.as_view(), name="beoordeling"),
    path(
        "ministerie/regio/<slug:slug>/beoordeling/",
        StandView.as_view(),
        name="beoordeling_stand",
    ),
    path(
        "ministerie/regio/<slug:slug>/tijdlijn/",
        BeoordelingTijdlijnView.as_view(),
        name="beoordeling_tijdlijn",
    ),
    path(
        "ministerie/regio/<slug:slug>/toewijzen/",
        ToewijzenView.as_view(),
        name="beoordeling_toewijzen",
    ),
    path(
        "ministerie/regio/<slug:slug>/aanvulling/",
        AanvullingView.as_view(),
        name="beoordeling_aanvulling",
    ),
    path(
        "ministerie/regio/<slug:slug>/beoordelen/",
        BeoordelenView.as_view(),
        name="beoordeling_beoordelen",
    ),
    path(
        "ministerie/regio/<slug:slug>/besluit/",
        BesluitView.as_view(),
        name="beoordeling_besluit",
    ),
    path(
        "ministerie/regio/<slug:slug>/besluit/samenvatting/",
        SamenvattingView.as_view(),
        name="beoordeling_samenvatting",
    ),
    path(
        "ministerie/regio/<slug:slug>/besluit/versturen/",
        VerstuurView.as_view(),
        name="beoordeling_versturen",
    ),
    path(
        "ministerie/regio/<slug:slug>/besluit/corrigeren/",
        CorrectieView.as_view(),
        name="beoordeling_correctie",
    ),
    path(
        "ministerie/regio/<slug:slug>/beschikking/<str:kenmerk>/",
        BeschikkingView.as_view(),
        name="beoordeling_beschikking",
    ),
]
