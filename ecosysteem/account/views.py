"""The account pages: one's own account, the second factor, passwords (choosing one with a
link, a forgotten one, changing it) and confirming the login again.

Pages that do not need a finished login (a forgotten password, a link from an e-mail) are
open to anyone and say the same whether or not an address has an account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import FormView, TemplateView, View

from ..models import Gebruiker
from . import tweestaps
from .diensten import (
    link_geldig_tot,
    stel_wachtwoord_in,
    vraag_wachtwoordlink,
    vraag_wachtwoordlink_voor_adres,
)
from .forms import AppInstellenForm, CodeForm, HerbevestigenForm
from .herbevestiging import VereistHerbevestiging, markeer_bevestigd
from .wachtwoorden import WachtwoordKiezenForm, WachtwoordVergetenForm, WachtwoordWijzigenForm

NIEUWE_SLEUTEL = "tweestaps_nieuwe_sleutel"
NIEUWE_CODES = "tweestaps_reservecodes"


class Paginatitel:
    """The page's title and a breadcrumb through "Mijn account"."""

    titel = ""
    via_account = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pad = [(pgettext_lazy("kruimelpad", "Home"), reverse("home"))]
        if self.via_account and self.request.user.is_authenticated:
            pad.append((gettext_lazy("Mijn account"), reverse("account:overzicht")))
        pad.append((self.titel, None))
        context.update(titel=self.titel, kruimelpad=pad)
        return context


def volgende_adres(request, standaard: str = "") -> str:
    """The ``next`` of the request when it points into this portal; else ``standaard``."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return standaard or resolve_url("subsidie:mijn_regio")


# --- the account ------------------------------------------------------------------------------


class AccountView(LoginRequiredMixin, Paginatitel, TemplateView):
    template_name = "account/overzicht.html"
    titel = gettext_lazy("Mijn account")
    via_account = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        gebruiker = self.request.user
        app = tweestaps.heeft_app(gebruiker)
        context.update(
            app=app,
            verplicht=tweestaps.tweede_factor_verplicht(gebruiker),
            reservecodes=tweestaps.resterende_reservecodes(gebruiker) if app else 0,
        )
        return context


class WachtwoordWijzigenView(LoginRequiredMixin, Paginatitel, FormView):
    template_name = "account/formulier.html"
    form_class = WachtwoordWijzigenForm
    titel = gettext_lazy("Wachtwoord wijzigen")
    knoptekst = gettext_lazy("Wachtwoord wijzigen")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "knoptekst": self.knoptekst,
            "inleiding": _(
                "Vul eerst uw huidige wachtwoord in en daarna twee keer het nieuwe. Andere "
                "apparaten waar u bent ingelogd, worden daarbij uitgelogd."
            ),
        }

    def form_valid(self, form):
        try:
            gebruiker = stel_wachtwoord_in(
                gebruiker=self.request.user,
                wachtwoord=form.cleaned_data["new_password1"],
                door=self.request.user,
                via_link=False,
            )
        except ValidationError as fout:
            form.add_error("new_password1", fout)
            return self.form_invalid(form)
        # This session stays logged in; every other session of the account ends.
        update_session_auth_hash(self.request, gebruiker)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return redirect("account:overzicht")


# --- a password with a link from an e-mail --------------------------------------------------


class WachtwoordVergetenView(Paginatitel, FormView):
    template_name = "account/formulier.html"
    form_class = WachtwoordVergetenForm
    titel = gettext_lazy("Wachtwoord vergeten")
    via_account = False

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "knoptekst": _("Stuur mij een link"),
            "inleiding": _(
                "Vul het e-mailadres van uw account in. U krijgt dan een e-mail met een link "
                "waarmee u een nieuw wachtwoord kiest. Dat werkt ook als u de link uit uw "
                "uitnodiging niet meer hebt, of als inloggen tijdelijk is geblokkeerd."
            ),
        }

    def form_valid(self, form):
        vraag_wachtwoordlink_voor_adres(email=form.cleaned_data["email"])
        return redirect("account:wachtwoord_vergeten_verstuurd")


class LinkVerstuurdView(Paginatitel, TemplateView):
    template_name = "account/link_verstuurd.html"
    titel = gettext_lazy("Kijk in uw e-mail")
    via_account = False

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "geldig_tot": link_geldig_tot()}


class WachtwoordKiezenView(Paginatitel, auth_views.PasswordResetConfirmView):
    """The link from an invitation, an approved registration or a forgotten password.
    A link that expired or was used already offers a new one on the spot; the new link
    goes to the account's own e-mail address, never to one typed here."""

    template_name = "account/wachtwoord_kiezen.html"
    form_class = WachtwoordKiezenForm
    success_url = reverse_lazy("account:wachtwoord_gekozen")
    titel = gettext_lazy("Kies een wachtwoord")
    via_account = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["uidb64"] = self.kwargs.get("uidb64", "")
        context["gebruikersnaam"] = self.user.get_username() if context.get("validlink") else ""
        return context

    def form_valid(self, form):
        try:
            stel_wachtwoord_in(
                gebruiker=self.user,
                wachtwoord=form.cleaned_data["new_password1"],
                door=None,
                via_link=True,
            )
        except ValidationError as fout:
            form.add_error("new_password1", fout)
            return self.form_invalid(form)
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        return HttpResponseRedirect(self.get_success_url())


class WachtwoordGekozenView(Paginatitel, TemplateView):
    template_name = "account/wachtwoord_gekozen.html"
    titel = gettext_lazy("Wachtwoord opgeslagen")
    via_account = False


class NieuweLinkView(View):
    """A new link from the page of one that expired: to the account's own address, at
    most one per ``WACHTWOORDLINK_WACHTTIJD_MINUTEN``, and the answer does not say
    whether an account was found."""

    http_method_names = ["post"]

    def post(self, request, uidb64):
        try:
            pk = int(urlsafe_base64_decode(uidb64).decode())
        except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
            pk = None
        gebruiker = Gebruiker.objects.filter(pk=pk, is_active=True).first() if pk else None
        if gebruiker is not None:
            vraag_wachtwoordlink(gebruiker=gebruiker, reden="verlopen")
        return redirect("account:wachtwoord_vergeten_verstuurd")


# --- the second factor ----------------------------------------------------------------------


class CodeGevenView(LoginRequiredMixin, Paginatitel, FormView):
    """The login's second step. Only for a session that has not passed it; after it, back
    to where the person was going."""

    template_name = "account/code_geven.html"
    form_class = CodeForm
    titel = gettext_lazy("Code invullen")
    via_account = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (
            tweestaps.is_geverifieerd(request) or not tweestaps.heeft_app(request.user)
        ):
            return redirect(volgende_adres(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "gebruiker": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "volgende": volgende_adres(self.request)}

    def form_valid(self, form):
        tweestaps.markeer_geverifieerd(self.request, form.apparaat)
        if tweestaps.resterende_reservecodes(self.request.user) <= 2:
            messages.warning(
                self.request,
                _(
                    "U hebt nog weinig reservecodes. Maak nieuwe aan onder Mijn account, "
                    "Tweestapsverificatie."
                ),
            )
        return redirect(volgende_adres(self.request))


class AppInstellenView(LoginRequiredMixin, VereistHerbevestiging, Paginatitel, FormView):
    """Set up the authenticator app: scan the QR code (or type the key), enter its first
    code. Replacing an app that is set up asks for a recent confirmation of the login."""

    template_name = "account/app_instellen.html"
    form_class = AppInstellenForm
    titel = gettext_lazy("Tweestapsverificatie instellen")

    def herbevestiging_nodig(self) -> bool:
        return tweestaps.heeft_app(self.request.user)

    def sleutel(self) -> str:
        sessie = self.request.session
        if not sessie.get(NIEUWE_SLEUTEL):
            sessie[NIEUWE_SLEUTEL] = tweestaps.nieuwe_sleutel()
        return sessie[NIEUWE_SLEUTEL]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sleutel": self.sleutel()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        gebruiker = self.request.user
        sleutel = self.sleutel()
        context.update(
            qr=tweestaps.qr_code(
                tweestaps.configuratielink(gebruiker, sleutel),
                label=_("QR-code om het Regioportaal aan uw authenticator-app toe te voegen"),
            ),
            sleutel_tekst=tweestaps.sleutel_als_tekst(sleutel),
            verplicht=tweestaps.stand(self.request).verplicht,
            vervangt=tweestaps.heeft_app(gebruiker),
            volgende=volgende_adres(self.request, reverse("account:overzicht")),
        )
        return context

    def form_valid(self, form):
        gebruiker = self.request.user
        apparaat, codes = tweestaps.stel_app_in(
            gebruiker=gebruiker, sleutel=form.sleutel, door=gebruiker
        )
        sessie = self.request.session
        sessie.pop(NIEUWE_SLEUTEL, None)
        tweestaps.markeer_geverifieerd(self.request, apparaat)
        sessie[NIEUWE_CODES] = codes
        messages.success(self.request, _("Tweestapsverificatie staat aan."))
        volgende = volgende_adres(self.request, reverse("account:overzicht"))
        return redirect(f"{reverse('account:reservecodes')}?{urlencode({'next': volgende})}")


class ReservecodesView(LoginRequiredMixin, Paginatitel, TemplateView):
    """New backup codes are shown once, right after they were made; afterwards the page
    says how many are left and makes a new set on request."""

    template_name = "account/reservecodes.html"
    titel = gettext_lazy("Reservecodes")

    def get(self, request, *args, **kwargs):
        if not tweestaps.heeft_app(request.user):
            return redirect("account:tweestaps_instellen")
        self.codes = request.session.pop(NIEUWE_CODES, None)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            codes = tweestaps.vernieuw_reservecodes(gebruiker=request.user, door=request.user)
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return redirect("account:overzicht")
        request.session[NIEUWE_CODES] = codes
        messages.success(request, _("Er zijn nieuwe reservecodes; de vorige werken niet meer."))
        return redirect("account:reservecodes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            codes=self.codes,
            resterend=tweestaps.resterende_reservecodes(self.request.user),
            volgende=volgende_adres(self.request, reverse("account:overzicht")),
        )
        return context


class TweestapsUitzettenView(LoginRequiredMixin, VereistHerbevestiging, Paginatitel, TemplateView):
    template_name = "account/tweestaps_uitzetten.html"
    titel = gettext_lazy("Tweestapsverificatie uitzetten")

    def get(self, request, *args, **kwargs):
        if tweestaps.tweede_factor_verplicht(request.user) or not tweestaps.heeft_app(request.user):
            return redirect("account:overzicht")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            tweestaps.zet_tweestaps_uit(gebruiker=request.user, door=request.user)
        except ValidationError as fout:
            for bericht in fout.messages:
                messages.error(request, bericht)
            return redirect("account:overzicht")
        tweestaps.vergeet_verificatie(request)
        tweestaps.onthoud_stand(request, request.user)
        messages.success(request, _("Tweestapsverificatie staat uit."))
        return redirect("account:overzicht")


class HerbevestigenView(LoginRequiredMixin, Paginatitel, FormView):
    """Password (and code) again, then back to the step that asked for it."""

    template_name = "account/herbevestigen.html"
    form_class = HerbevestigenForm
    titel = gettext_lazy("Inlog bevestigen")
    via_account = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "volgende": volgende_adres(self.request, reverse("account:overzicht")),
            "herbevestiging_minuten": settings.HERBEVESTIGING_MINUTEN,
        }

    def form_valid(self, form):
        markeer_bevestigd(self.request)
        messages.success(
            self.request,
            _("Uw inlog is bevestigd. U kunt nu verder met de stap die u wilde zetten."),
        )
        return redirect(volgende_adres(self.request, reverse("account:overzicht")))
