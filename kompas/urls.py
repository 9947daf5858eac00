from .views import activiteiten, kompas, scan

app_name = "kompas"

urlpatterns = kompas.urlpatterns + activiteiten.urlpatterns + scan.urlpatterns
