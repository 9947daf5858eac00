from .views import (
    aanmelding,
    convenant,
    gegevens,
    kaart,
    partners,
    regiolijst,
    rollen,
    uitnodigen,
)

app_name = "regios"

urlpatterns = (
    gegevens.urlpatterns
    + partners.urlpatterns
    + rollen.urlpatterns
    + uitnodigen.urlpatterns
    + convenant.urlpatterns
    + kaart.urlpatterns
    + aanmelding.urlpatterns
    + regiolijst.urlpatterns
)
