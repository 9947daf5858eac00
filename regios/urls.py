from .views import dossier, partners, rollen, vestigingen

app_name = "regios"

urlpatterns = (
    dossier.urlpatterns + vestigingen.urlpatterns + partners.urlpatterns + rollen.urlpatterns
)
