"""The client's address behind the portal's own proxies: only what they wrote counts."""

import pytest
from django.test import RequestFactory

from ecosysteem.netwerk import client_adres


def verzoek(remote="10.0.0.2", xff=None):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("proxies", "xff", "verwacht"),
    [
        # No trusted proxy: the header is the client's own words and is ignored.
        (0, "203.0.113.7", "10.0.0.2"),
        (0, None, "10.0.0.2"),
        # One proxy: the address it appended, the rightmost; what the client put before
        # it is not believed.
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1,203.0.113.7", "203.0.113.7"),
        # Two proxies: the second from the right.
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        # Fewer entries than proxies: all of them come from our proxies; the leftmost.
        (2, "203.0.113.7", "203.0.113.7"),
        # Not through the proxies at all (a health check): the direct peer.
        (1, None, "10.0.0.2"),
        (1, "", "10.0.0.2"),
        # Rubbish where an address belongs: the direct peer, never the rubbish.
        (1, "198.51.100.1, niet-een-adres", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_reads_no_more_than_the_trusted_proxies(settings, proxies, xff, verwacht):
    settings.VERTROUWDE_PROXIES = proxies
    assert client_adres(verzoek(xff=xff)) == verwacht


def test_the_setting_defaults_to_no_proxy(settings):
    assert settings.VERTROUWDE_PROXIES == 0
