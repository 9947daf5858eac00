from .views import aanmelding, convenant, gegevens, kaart, partners, rollen

app_name = "regios"

urlpatterns = (
    gegevens.urlpatterns
    + partners.urlpatterns
    + rollen.urlpatterns
    + convenant.urlpatterns
    + kaart.urlpatterns
    + aanmelding.urlpatterns
)
