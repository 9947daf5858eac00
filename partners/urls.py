from django.urls import path

from . import views_aanmelding as views

app_name = "partners"

urlpatterns = [
    path(
        "aanmelden/bevestigen/<str:token>/",
        views.AanmeldingBevestigenView.as_view(),
        name="aanmelding_bevestigen",
    ),
    path("aanmelden/<slug:slug>/", views.AanmeldenView.as_view(), name="aanmelden"),
    path(
        "aanmelden/<slug:slug>/scholen/",
        views.ScholenZoekenView.as_view(),
        name="aanmelding_scholen",
    ),
    path(
        "aanmelden/<slug:slug>/verzonden/",
        views.AanmeldingVerzondenView.as_view(),
        name="aanmelding_verzonden",
    ),
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
