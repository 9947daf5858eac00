"""Which personal items the main menu shows, decided once at login.

The menu is on every page, and checking groups and roles there would add queries to every
page. So the choice is made when someone logs in and kept in the session. It only decides
what the menu offers: every page checks access itself, so a choice that went stale (a role
granted or ended during the session) never opens a page to the wrong person. It is
refreshed at the next login.

Here and not in ecosysteem: the choice reads the regions' roles, and ecosysteem imports no
app. The layout only reads the session key (``ecosysteem.context_processors``).
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from ecosysteem.context_processors import SESSIESLEUTEL

from .models import Rolsoort
from .rules import is_ministerie, regiorollen


def menukeuze(user) -> dict[str, bool]:
    rollen = regiorollen(user)
    return {
        "ministerie": is_ministerie(user),
        "contactpersoon": any(Rolsoort.CONTACTPERSOON in soorten for soorten in rollen.values()),
    }


@receiver(user_logged_in, dispatch_uid="portaal_menu")
def onthoud_menu(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSIESLEUTEL] = menukeuze(user)
