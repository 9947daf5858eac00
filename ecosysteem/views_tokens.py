"""Mijn tokens: the signed-in user makes and revokes personal tokens for the API. A new
token is shown once, on the page that answers the form; only its hash is kept."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.generic import TemplateView, View

from .formulieren import Formulier
from .models import Apitoken
from .tokens import GELDIGHEID_KEUZES, maak_token, trek_token_in


class TokenForm(Formulier):
    naam = forms.CharField(
        label=gettext_lazy("Naam van de token"),
        max_length=80,
        help_text=gettext_lazy("Bijvoorbeeld de naam van het systeem dat de token gebruikt."),
    )
    geldig_dagen = forms.TypedChoiceField(
        label=gettext_lazy("Geldig"),
        coerce=int,
        choices=[
            (dagen, ngettext("%(dagen)s dag", "%(dagen)s dagen", dagen) % {"dagen": dagen})
            for dagen in GELDIGHEID_KEUZES
        ],
        initial=90,
    )


class MijnTokensView(LoginRequiredMixin, TemplateView):
    template_name = "tokens.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TokenForm())
        context.update(
            tokens=list(Apitoken.objects.filter(gebruiker=self.request.user)),
            documentatie_url=reverse("api:documentatie"),
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (gettext_lazy("Mijn tokens"), None),
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                rij, token = maak_token(
                    gebruiker=request.user,
                    naam=form.cleaned_data["naam"],
                    geldig_dagen=form.cleaned_data["geldig_dagen"],
                )
            except ValidationError as fout:
                for veld, berichten in fout.message_dict.items():
                    form.add_error(veld if veld in form.fields else None, berichten)
            else:
                # Shown on this answer only; a reload asks the browser to post again.
                return self.render_to_response(
                    self.get_context_data(form=TokenForm(), nieuwe_token=token, nieuw=rij)
                )
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TokenIntrekkenView(LoginRequiredMixin, View):
    def post(self, request, apitoken: int):
        # Someone else's token: the service refuses (403, "Dit is niet uw token.").
        rij = get_object_or_404(Apitoken, pk=apitoken)
        try:
            trek_token_in(token=rij, door=request.user)
        except ValidationError as fout:
            messages.warning(request, " ".join(fout.messages))
        else:
            messages.success(request, _("De token %(naam)s is ingetrokken.") % {"naam": rij.naam})
        return redirect("api_tokens")


urlpatterns = [
    path("mijn-tokens/", MijnTokensView.as_view(), name="api_tokens"),
    path(
        "mijn-tokens/<int:apitoken>/intrekken/",
        TokenIntrekkenView.as_view(),
        name="api_token_intrekken",
    ),
]
