from django.conf import settings

# The session key of the personal menu items, which regios/menu.py chooses at login.
SESSIESLEUTEL = "portaal_menu"


def portaal(request):
    """Values every page template uses. No database access: the context processor runs on
    every page, including the error pages."""
    sessie = getattr(request, "session", None)
    return {
        # The personal menu items, chosen at login (see regios/menu.py).
        "portaal_menu": (sessie.get(SESSIESLEUTEL, {}) if sessie is not None else {}),
        "portaal_debug": settings.DEBUG,
        # Where people send questions about privacy and accessibility. Who answers them is
        # for the portal's owner to decide, so it is a setting and not text in a template.
        "portaal_contactadres": settings.CONTACT_EMAIL,
        # When a login ends (ecosysteem/middleware.py), said on the login page.
        "sessie_inactief_minuten": settings.SESSIE_INACTIEF_MINUTEN,
        "sessie_inactief_seconden": settings.SESSIE_INACTIEF_MINUTEN * 60,
        "sessie_maximaal_uren": settings.SESSIE_MAXIMAAL_UREN,
        # Questions about personal data: their own address, never the no-reply sender.
        "privacy_contactadres": settings.PRIVACY_CONTACT_EMAIL,
    }
