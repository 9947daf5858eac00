from .views import begroting, beoordeling, cofinanciering, ministerie

app_name = "subsidie"

urlpatterns = (
    cofinanciering.urlpatterns
    + begroting.urlpatterns
    + ministerie.urlpatterns
    + beoordeling.urlpatterns
)
