from django.utils.translation import gettext_lazy
from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    """Pages of 50 (``?pagina=2``); ``?per_pagina=`` up to 500."""

    page_size = 50
    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    max_page_size = 500
    page_query_description = gettext_lazy("Het nummer van de pagina (vanaf 1).")
    page_size_query_description = gettext_lazy(
        "Hoeveel rijen per pagina (standaard 50, hoogstens 500)."
    )
