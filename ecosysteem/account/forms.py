"""Forms of the second factor and of confirming the login again."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..formulieren import Formulier
from . import tweestaps


def codeveld(**kwargs) -> forms.CharField:
    return forms.CharField(
        max_length=20,
        strip=True,
        error_messages={"required": _("Vul de code in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
        **kwargs,
    )


class CodeForm(Formulier):
    """The second step of the login: the app's code, or a backup code."""

    code = codeveld(
        label=_("Code"),
        help_text=_(
            "De code van zes cijfers uit uw authenticator-app. Hebt u uw telefoon niet bij de "
            "hand? Vul dan een van uw reservecodes in; elke reservecode werkt één keer."
        ),
    )

    def __init__(self, *args, gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.gebruiker = gebruiker
        self.apparaat = None

    def clean_code(self):
        apparaat, reden = tweestaps.controleer_code(self.gebruiker, self.cleaned_data["code"])
        if apparaat is None:
            raise ValidationError(reden, code="onjuist")
        self.apparaat = apparaat
        return self.cleaned_data["code"]


class AppInstellenForm(Formulier):
    """The first code of a new app: proof that it was set up with the key shown."""

    code = codeveld(
        label=_("Code uit de app"),
        help_text=_("Na het scannen toont de app een code van zes cijfers. Vul die hier in."),
    )

    def __init__(self, *args, sleutel: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.sleutel = sleutel

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not tweestaps.code_klopt_voor_sleutel(self.sleutel, code):
            raise ValidationError(
                _(
                    "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en "
                    "vul de code in die de app nu toont."
                ),
                code="onjuist",
            )
        return code


class HerbevestigenForm(Formulier):
    """Password and (with an app) code again. A wrong password counts as a failed login
    for the lock-out, like on the login page."""

    wachtwoord = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        error_messages={"required": _("Vul uw wachtwoord in.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.gebruiker = request.user
        self.apparaat = None
        if tweestaps.heeft_app(self.gebruiker):
            self.fields["code"] = codeveld(
                label=_("Code"),
                help_text=_("De code uit uw authenticator-app, of een reservecode."),
            )

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data["wachtwoord"]
        gebruiker = authenticate(
            self.request, username=self.gebruiker.get_username(), password=wachtwoord
        )
        if gebruiker is None or gebruiker.pk != self.gebruiker.pk:
            raise ValidationError(
                _("Dit wachtwoord klopt niet. Probeer het opnieuw."), code="onjuist"
            )
        return wachtwoord

    def clean(self):
        gegevens = super().clean()
        # The code only once the password is right: a wrong code costs a use of a backup
        # code or a throttling step, which a wrong password should not.
        if "code" in self.fields and "wachtwoord" in gegevens and gegevens.get("code"):
            apparaat, reden = tweestaps.controleer_code(self.gebruiker, gegevens["code"])
            if apparaat is None:
                self.add_error("code", ValidationError(reden, code="onjuist"))
            self.apparaat = apparaat
        return gegevens
