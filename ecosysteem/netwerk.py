"""The client's address as the portal sees it behind its own reverse proxies.

Behind ``VERTROUWDE_PROXIES`` proxies, each proxy appends the address it received the request
from to ``X-Forwarded-For``. Only what those proxies wrote can be trusted: the entries to the
left of them are whatever the client chose to send. So the client is the N-th address from
the right (N trusted proxies), and with no trusted proxy it is ``REMOTE_ADDR``. An entry
that is not an IP address is never used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _ip(waarde: str) -> str | None:
    waarde = waarde.strip()
    try:
        return str(ipaddress.ip_address(waarde))
    except ValueError:
        return None


def client_adres(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, read through no more than
    ``settings.VERTROUWDE_PROXIES`` trusted proxies."""
    direct = request.META.get("REMOTE_ADDR", "") or ""
    aantal = max(0, int(getattr(settings, "VERTROUWDE_PROXIES", 0) or 0))
    if aantal == 0:
        return direct
    kop = request.META.get("HTTP_X_FORWARDED_FOR", "")
    adressen = [deel for deel in kop.split(",") if deel.strip()]
    if not adressen:
        # Not through the proxies (a health check from inside): the direct peer.
        return direct
    # With fewer entries than trusted proxies every entry was written by one of them (the
    # request entered behind the outermost); the leftmost is then the furthest known.
    gekozen = adressen[-aantal] if len(adressen) >= aantal else adressen[0]
    return _ip(gekozen) or direct
