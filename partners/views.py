"""Setting the password of a contact person's new account, from the link in the e-mail."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy


class WachtwoordInstellenView(auth_views.PasswordResetConfirmView):
    template_name = "partners/aanmelding_wachtwoord.html"
    success_url = reverse_lazy("partners:wachtwoord_ingesteld")
    title = gettext_lazy("Kies een wachtwoord")


class WachtwoordIngesteldView(auth_views.PasswordResetCompleteView):
    template_name = "partners/aanmelding_wachtwoord_ingesteld.html"
    title = gettext_lazy("Wachtwoord ingesteld")
