from django.conf import settings


def portaal(request):
    """Values every page template uses."""
    return {"portaal_debug": settings.DEBUG}
