from .views import begroting, beoordeling, cofinanciering, dossier, ministerie, vestigingen

app_name = "subsidie"

urlpatterns = (
    dossier.urlpatterns
    + vestigingen.urlpatterns
    + cofinanciering.urlpatterns
    + begroting.urlpatterns
    + ministerie.urlpatterns
    + beoordeling.urlpatterns
)
