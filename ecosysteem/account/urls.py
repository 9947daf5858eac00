from django.urls import path

from . import views

app_name = "account"

urlpatterns = [
    path("account/", views.AccountView.as_view(), name="overzicht"),
    path("account/wachtwoord/", views.WachtwoordWijzigenView.as_view(), name="wachtwoord_wijzigen"),
    path(
        "account/tweestapsverificatie/",
        views.AppInstellenView.as_view(),
        name="tweestaps_instellen",
    ),
    path(
        "account/tweestapsverificatie/reservecodes/",
        views.ReservecodesView.as_view(),
        name="reservecodes",
    ),
    path(
        "account/tweestapsverificatie/uitzetten/",
        views.TweestapsUitzettenView.as_view(),
        name="tweestaps_uitzetten",
    ),
    path("account/bevestigen/", views.HerbevestigenView.as_view(), name="herbevestigen"),
    path("inloggen/code/", views.CodeGevenView.as_view(), name="tweestaps_controleren"),
    path(
        "wachtwoord-vergeten/",
        views.WachtwoordVergetenView.as_view(),
        name="wachtwoord_vergeten",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.LinkVerstuurdView.as_view(),
        name="wachtwoord_vergeten_verstuurd",
    ),
    # Before the link itself, whose token would otherwise match "nieuwe-link".
    path(
        "wachtwoord/<uidb64>/nieuwe-link/",
        views.NieuweLinkView.as_view(),
        name="nieuwe_link",
    ),
    # The paths of the links in e-mails already sent (approved registrations) stay valid.
    path(
        "wachtwoord/<uidb64>/<token>/",
        views.WachtwoordKiezenView.as_view(),
        name="wachtwoord_kiezen",
    ),
    path("wachtwoord/ingesteld/", views.WachtwoordGekozenView.as_view(), name="wachtwoord_gekozen"),
]
