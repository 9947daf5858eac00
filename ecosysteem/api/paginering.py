from rest_framework.pagination import PageNumberPagination


class Paginering(PageNumberPagination):
    """Pages of 50 (``?pagina=2``); ``?per_pagina=`` up to 500."""

    page_size = 50
    page_query_param = "pagina"
    page_size_query_param = "per_pagina"
    max_page_size = 500
