from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .account.inloggen import InloggenView
from .views import PrivacyView, ToegankelijkheidView

admin.site.site_header = _("Regioportaal Techkwadraat – beheer")
admin.site.site_title = _("Regioportaal beheer")
admin.site.index_title = _("Beheer")

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
    path("beheer/", admin.site.urls),
]

# The 403 page's advice reads the person's roles in the region, which are the regions
# app's (by name, as the home page above).
handler403 = "regios.views.geen_toegang.geen_toegang"
