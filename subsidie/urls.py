from .views import begroting, cofinanciering

app_name = "subsidie"

urlpatterns = cofinanciering.urlpatterns + begroting.urlpatterns
