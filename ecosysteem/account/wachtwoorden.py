"""Passwords: Django's checks with Dutch messages, and the forms to choose and change one.

The checks are Django's own validators; only their texts are the portal's. Django's Dutch
catalogue misses some of them (the minimum length came out in English), and the portal's
own strings are Dutch already. The forms put a refused password's reasons next to the
field where it was typed, not under the repetition as Django does.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from ..formulieren import BewaakteTekstMixin, Formulier

# --- validators ----------------------------------------------------------------------------


class LijktOpGegevens(password_validation.UserAttributeSimilarityValidator):
    def __init__(self, user_attributes=None, max_similarity=0.7):
        super().__init__(
            user_attributes=user_attributes or ("username", "first_name", "last_name", "email"),
            max_similarity=max_similarity,
        )

    def get_error_message(self):
        # Django fills in the field's (Dutch) verbose name, e.g. "e-mailadres".
        return _("Dit wachtwoord lijkt te veel op uw %(verbose_name)s.")

    def get_help_text(self):
        return _("Het lijkt niet op uw naam, gebruikersnaam of e-mailadres.")


class MinimaleLengte(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minstens %(min_length)d tekens.",
            self.min_length,
        )

    def get_help_text(self):
        return ngettext(
            "Het heeft minstens %(min_length)d teken.",
            "Het heeft minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class Veelgebruikt(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden.")

    def get_help_text(self):
        return _("Het is geen veelgebruikt wachtwoord.")


class AlleenCijfers(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers: gebruik ook letters.")

    def get_help_text(self):
        return _("Het bestaat niet alleen uit cijfers.")


# --- forms -----------------------------------------------------------------------------------


class WachtwoordVelden:
    """Form mixin: a refused new password's reasons go next to ``new_password1`` (where it
    was typed), a difference between the two next to ``new_password2``. (Django puts both
    under the repetition.)"""

    @sensitive_variables("wachtwoord", "herhaling")
    def validate_passwords(self, password1_field_name="", password2_field_name=""):
        wachtwoord = self.cleaned_data.get("new_password1")
        herhaling = self.cleaned_data.get("new_password2")
        if wachtwoord and herhaling and wachtwoord != herhaling:
            self.add_error(
                "new_password2",
                ValidationError(
                    _(
                        "De twee wachtwoorden zijn niet gelijk. Typ het nieuwe wachtwoord twee "
                        "keer hetzelfde."
                    ),
                    code="password_mismatch",
                ),
            )

    @sensitive_variables("wachtwoord")
    def validate_password_for_user(self, user, password_field_name=""):
        wachtwoord = self.cleaned_data.get("new_password1")
        if not wachtwoord:
            return
        try:
            password_validation.validate_password(wachtwoord, user)
        except ValidationError as fout:
            self.add_error("new_password1", fout)


def _nieuw_wachtwoord_velden(form: forms.Form) -> None:
    form.fields["new_password1"].label = _("Nieuw wachtwoord")
    form.fields[
        "new_password1"
    ].help_text = password_validation.password_validators_help_text_html()
    form.fields["new_password2"].label = _("Herhaal het nieuwe wachtwoord")
    form.fields["new_password2"].help_text = ""
    for naam in ("new_password1", "new_password2"):
        form.fields[naam].error_messages["required"] = _("Vul een wachtwoord in.")


class WachtwoordKiezenForm(BewaakteTekstMixin, WachtwoordVelden, auth_forms.SetPasswordForm):
    """Choosing a password from a link in an e-mail (an invitation, a forgotten password)."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        _nieuw_wachtwoord_velden(self)


class WachtwoordWijzigenForm(BewaakteTekstMixin, WachtwoordVelden, auth_forms.PasswordChangeForm):
    """Changing one's own password: the current one first."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": _("Dit is niet uw huidige wachtwoord. Probeer het opnieuw."),
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("Huidig wachtwoord")
        self.fields["old_password"].error_messages["required"] = _("Vul uw huidige wachtwoord in.")
        _nieuw_wachtwoord_velden(self)


class WachtwoordVergetenForm(Formulier):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het e-mailadres van uw account in het Regioportaal."),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
