from .views import convenant, dossier, kaart, partners, rollen, vestigingen

app_name = "regios"

urlpatterns = (
    dossier.urlpatterns
    + vestigingen.urlpatterns
    + partners.urlpatterns
    + rollen.urlpatterns
    + convenant.urlpatterns
    + kaart.urlpatterns
)
