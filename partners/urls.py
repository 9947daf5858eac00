from django.urls import path

from . import views_aanmelding as views
from . import views_contact

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
    path("mijn-organisatie/", views_contact.MijnOrganisatieView.as_view(), name="mijn_organisatie"),
    path(
        "mijn-organisatie/<int:organisatie>/gegevens/",
        views_contact.GegevensView.as_view(),
        name="mijn_organisatie_gegevens",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/<slug:slug>/cofinanciering/toevoegen/",
        views_contact.ToezeggingToevoegenView.as_view(),
        name="mijn_toezegging_toevoegen",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/<slug:slug>/cofinanciering/<int:pk>/wijzigen/",
        views_contact.ToezeggingWijzigenView.as_view(),
        name="mijn_toezegging_wijzigen",
    ),
    path(
        "mijn-organisatie/<int:organisatie>/<slug:slug>/cofinanciering/<int:pk>/verwijderen/",
        views_contact.ToezeggingVerwijderenView.as_view(),
        name="mijn_toezegging_verwijderen",
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
