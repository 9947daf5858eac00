from .views import (
    aanmeldingen,
    begroting,
    beoordeling,
    cofinanciering,
    contact,
    dossier,
    hulp,
    ministerie,
    privacy,
    rapporten,
    vestigingen,
)

app_name = "subsidie"

urlpatterns = (
    dossier.urlpatterns
    + vestigingen.urlpatterns
    + cofinanciering.urlpatterns
    + begroting.urlpatterns
    + ministerie.urlpatterns
    + beoordeling.urlpatterns
    + aanmeldingen.urlpatterns
    + contact.urlpatterns
    + rapporten.urlpatterns
    + privacy.urlpatterns
    + hulp.urlpatterns
)
