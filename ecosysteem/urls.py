from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .account.inloggen import InloggenView
from .views import PrivacyView, ToegankelijkheidView, niet_gevonden

admin.site.site_header = _("Regioportaal Techkwadraat – beheer")
admin.site.site_title = _("Regioportaal beheer")
admin.site.index_title = _("Beheer")

# The API, version 1: each app's resources from its own ``api`` module (included by name, as
# ecosysteem imports no app), under one namespace ``api``.
api_v1 = [
    path("", include("ecosysteem.api.urls")),
    path("", include("partners.api")),
    path("", include("regios.api")),
    path("", include("kompas.api")),
    path("", include("subsidie.api")),
]

urlpatterns = [
    # The home page lists the periods, which are the regions app's (ecosysteem imports no
    # app, so it is included by name).
    path("", include("regios.views.home")),
    path("inloggen/", InloggenView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("privacy/", PrivacyView.as_view(), name="privacy"),
    path("toegankelijkheid/", ToegankelijkheidView.as_view(), name="toegankelijkheid"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("ecosysteem.account.urls")),
    path("", include("regios.urls")),
    path("", include("subsidie.urls")),
    path("", include("kompas.urls")),
    path("", include("ecosysteem.views_tokens")),
    path("api/v1/", include((api_v1, "api"))),
    path("beheer/", admin.site.urls),
]

handler404 = niet_gevonden
# The 403 page's advice reads the person's roles in the region, which are the regions
# app's (by name, as the home page above).
handler403 = "regios.views.geen_toegang.geen_toegang"
