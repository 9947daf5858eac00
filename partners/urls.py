from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path(
        "wachtwoord/<uidb64>/<token>/",
        views.WachtwoordInstellenView.as_view(),
        name="wachtwoord_instellen",
    ),
    path(
        "wachtwoord/ingesteld/",
        views.WachtwoordIngesteldView.as_view(),
        name="wachtwoord_ingesteld",
    ),
]
