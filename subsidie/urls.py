from .views import begroting, cofinanciering, ministerie

app_name = "subsidie"

urlpatterns = cofinanciering.urlpatterns + begroting.urlpatterns + ministerie.urlpatterns
