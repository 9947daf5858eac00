"""What every page of a region's dossier shares: finding the region, checking who may see
and change it, the dossier's sub-navigation, and turning a service's refusal into form
errors."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from ecosysteem.rechten import mag, waarom_niet

from .. import voortgang
from ..bewerken import DossierBevroren, DossierGewijzigd
from ..forms import VerwijderForm
from ..models import Regio

VEILIGE_METHODEN = frozenset({"GET", "HEAD", "OPTIONS"})

# The dossier's parts, in the order of the sub-navigation. The eligibility rules name the
# part where a failing rule is fixed (``Toetsresultaat.plek``); this maps it to a page.
DOSSIERDELEN: list[tuple[str, str, Any]] = [
    ("overzicht", "subsidie:dossier", _("Overzicht")),
    ("gegevens", "regios:gegevens", _("Gegevens en STO")),
    ("vestigingen", "subsidie:vestigingen", _("Vestigingen")),
    ("partners", "regios:partners", _("Partners")),
    ("rollen", "regios:rollen", _("Rollen")),
    ("cofinanciering", "subsidie:cofinanciering", _("Cofinanciering")),
    ("begroting", "subsidie:begroting", _("Begroting")),
    ("activiteiten", "kompas:activiteiten", _("Activiteiten")),
    ("convenant", "regios:convenant", _("Convenant")),
    ("scan", "kompas:scan", _("Samenwerkingsscan")),
    ("indienen", "subsidie:indienen", _("Indienen")),
    ("tijdlijn", "regios:tijdlijn", _("Tijdlijn")),
]


def dossierdeel_url(plek: str, regio: Regio) -> str:
    for code, url_naam, _label in DOSSIERDELEN:
        if code == plek:
            return reverse(url_naam, kwargs={"slug": regio.slug})
    return reverse("subsidie:dossier", kwargs={"slug": regio.slug})


class DossierMixin(LoginRequiredMixin):
    """Loads ``self.regio`` from the URL. Someone who may not see the dossier gets 404 (the
    region's existence is not confirmed to outsiders); someone who may see but not change
    it gets 403 on every write."""

    dossierdeel = "overzicht"
    titel: Any = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.regio = get_object_or_404(Regio.objects.select_related("tijdvak"), slug=kwargs["slug"])
        if not mag("regios.dossier_bekijken", request.user, self.regio):
            raise Http404
        self.mag_bewerken = mag("regios.dossier_bewerken", request.user, self.regio)
        if request.method not in VEILIGE_METHODEN and not self.vraag_schrijfrecht(request):
            raise PermissionDenied(
                waarom_niet(self.schrijfrecht, request.user, self.regio)
                or _("U mag dit dossier niet wijzigen.")
            )
        return super().dispatch(request, *args, **kwargs)

    # The permission a POST needs. Pages that may post after submission (the service then
    # explains the refusal) name ``regios.dossier_beheren``; others their own.
    schrijfrecht = "regios.dossier_bewerken"

    def vraag_schrijfrecht(self, request) -> bool:
        """Whether this POST is allowed; by default the page's ``schrijfrecht``."""
        if self.schrijfrecht == "regios.dossier_bewerken":
            return self.mag_bewerken
        return mag(self.schrijfrecht, request.user, self.regio)

    def geposte_versie(self) -> int | None:
        """The dossier version the form was opened on (a hidden field ``versie``)."""
        try:
            return int(self.request.POST.get("versie", ""))
        except ValueError:
            return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            regio=self.regio,
            mag_bewerken=self.mag_bewerken,
            # The frame offers reopening only where it is possible, to who may do it.
            mag_heropenen=mag("regios.dossier_heropenen", self.request.user, self.regio),
            dossierdeel=self.dossierdeel,
            dossierdelen=self.dossierdelen(voortgang.lees(self.regio)),
            kruimelpad=self.kruimelpad(),
            titel=self.titel,
        )
        return context

    def dossierdelen(self, compleet: dict[str, bool]) -> list[tuple[str, str, Any, bool | None]]:
        """The parts of the dossier: code, url, name, and whether the part's rules all pass
        (None for a part without rules, or when it is not known)."""
        return [
            (code, reverse(url_naam, kwargs={"slug": self.regio.slug}), label, compleet.get(code))
            for code, url_naam, label in DOSSIERDELEN
        ]

    def met_toetsing(self, context, resultaten) -> None:
        """For a page that checked the rules anyway: the navigation shows the fresh result
        (and the other pages of this version of the dossier remember it)."""
        context["dossierdelen"] = self.dossierdelen(voortgang.onthoud(self.regio, resultaten))

    def kruimelpad(self):
        pad = [
            (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
            (_("Mijn regio"), reverse("subsidie:mijn_regio")),
        ]
        if self.dossierdeel == "overzicht":
            pad.append((self.regio.naam, None))
        else:
            pad.append(
                (self.regio.naam, reverse("subsidie:dossier", kwargs={"slug": self.regio.slug}))
            )
            pad.append((self.titel, None))
        return pad


def voer_uit(request, form: Form | None, actie: Callable[[], Any]) -> tuple[bool, Any]:
    """Run a service call; put a refusal on the form (next to the field it concerns) or,
    without a form, in the page messages. Returns (succeeded, result)."""
    try:
        return True, actie()
    except (DossierGewijzigd, DossierBevroren) as fout:
        if form is None:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return False, None
        form.add_error(None, fout.messages)
        if isinstance(fout, DossierGewijzigd) and "versie" in form.fields:
            # The person has now been told; the form moves to the current version so that
            # submitting it again (after checking) is not refused forever.
            regio = Regio.objects.only("versie").get(slug=request.resolver_match.kwargs["slug"])
            form.data = form.data.copy()
            form.data[form.add_prefix("versie")] = str(regio.versie)
        return False, None
    except ValidationError as fout:
        if form is None:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return False, None
        if hasattr(fout, "error_dict"):
            for veld, fouten in fout.error_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            form.add_error(None, fout)
        return False, None


# --- the parts of the dossier, shared by the apps above ---------------------------------


class Dossierdeel(DossierMixin):
    """A dossier page that reads what it shows once, in a fixed number of queries, so the
    page costs the same with three rows or three hundred. Each app says what it reads
    (``lees_dossier``): subsidie the whole dossier, kompas the activity plan; the result
    has at least ``regio``, freshly read."""

    deel_url_naam = ""

    @property
    def deel_url(self) -> str:
        return reverse(self.deel_url_naam, kwargs={"slug": self.regio.slug})

    def lees_dossier(self) -> Any:
        raise NotImplementedError

    @cached_property
    def dossier(self) -> Any:
        return self.lees_dossier()

    @property
    def schooljaren(self) -> list[int]:
        tijdvak = self.regio.tijdvak
        return list(
            range(tijdvak.eerste_schooljaar, tijdvak.eerste_schooljaar + tijdvak.aantal_schooljaren)
        )

    def toon_opnieuw(self, form) -> None:
        """Prepare a refused form to be shown again: after a refusal for a changed dossier
        it carries the current version, so the next submit, made after seeing the current
        data, goes through."""
        if form.was_verouderd:
            form.vernieuw_versie(self.dossier.regio.versie)


class Onderdeel(Dossierdeel):
    """A page below a dossier part that changes or removes one row of this region. Only
    for who may change the dossier; the row is looked up among this region's rows, so a
    row of another region is not found (404)."""

    deel_titel = ""

    def get(self, request, *args, **kwargs):
        if not self.mag_bewerken:
            raise PermissionDenied(_("U mag dit dossier niet wijzigen."))
        return super().get(request, *args, **kwargs)

    def rij(self, rijen):
        """The row with the URL's pk among this region's rows, or 404."""
        pk = self.kwargs["pk"]
        gevonden = next((r for r in rijen if r.pk == pk), None)
        if gevonden is None:
            raise Http404
        return gevonden

    def kruimelpad(self):
        pad = super().kruimelpad()
        return [*pad[:-1], (self.deel_titel, self.deel_url), pad[-1]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deel_url"] = self.deel_url
        return context


class Verwijderen(Onderdeel, TemplateView):
    """Confirm, then remove one row. A plain page with a form, so it works without
    JavaScript; the form carries the version the page showed."""

    template_name = "subsidie/verwijderen.html"

    def object(self):
        raise NotImplementedError

    def beschrijving(self, obj) -> list[tuple[str, str]]:
        raise NotImplementedError

    def verwijder(self, obj, versie):
        raise NotImplementedError

    def gelukt_bericht(self, obj) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object()
        context["beschrijving"] = self.beschrijving(obj)
        context["form"] = kwargs.get("form") or VerwijderForm(
            initial={"versie": self.dossier.regio.versie}
        )
        return context

    def post(self, request, *args, **kwargs):
        obj = self.object()
        form = VerwijderForm(request.POST)
        if form.is_valid():
            gelukt, _resultaat = form.voer_uit(
                lambda: self.verwijder(obj, form.cleaned_data["versie"])
            )
            if gelukt:
                messages.success(request, self.gelukt_bericht(obj))
                return redirect(self.deel_url)
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))
