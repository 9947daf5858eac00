"""The visitor's address behind a configured number of proxies (ecosysteem/netwerk.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from ecosysteem.netwerk import client_adres

PROXY = "10.0.0.5"


def verzoek(xff: str | None = None, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_header_is_ignored(settings):
    settings.VERTROUWDE_PROXIES = 0
    assert client_adres(verzoek("198.51.100.7", remote="203.0.113.9")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_appended_is_the_visitor(settings):
    settings.VERTROUWDE_PROXIES = 1
    assert client_adres(verzoek("203.0.113.9")) == "203.0.113.9"


def test_what_the_visitor_puts_in_front_is_not_believed(settings):
    settings.VERTROUWDE_PROXIES = 1
    # The visitor sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the real address.
    assert client_adres(verzoek("1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    # Each visitor of a spoofing script thus still counts as itself, not as 1.2.3.4.
    assert client_adres(verzoek("1.2.3.4, 198.51.100.20")) == "198.51.100.20"


def test_behind_two_proxies_the_second_from_the_right(settings):
    settings.VERTROUWDE_PROXIES = 2
    # visitor -> CDN (appends the visitor) -> TLS proxy (appends the CDN) -> portal
    assert client_adres(verzoek("6.6.6.6, 203.0.113.9, 192.0.2.44")) == "203.0.113.9"


def test_several_headers_arrive_joined_and_are_read_in_order(settings):
    settings.VERTROUWDE_PROXIES = 2
    assert client_adres(verzoek("6.6.6.6,203.0.113.9 ,  192.0.2.44")) == "203.0.113.9"


def test_too_short_a_chain_falls_back_to_the_direct_peer(settings):
    settings.VERTROUWDE_PROXIES = 2
    # Fewer entries than proxies: the request did not pass both; nothing in it is trusted.
    assert client_adres(verzoek("203.0.113.9")) == PROXY
    assert client_adres(verzoek()) == PROXY
    assert client_adres(verzoek("")) == PROXY


@pytest.mark.parametrize(
    ("ingang", "verwacht"),
    [
        ("2001:DB8::1", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("203.0.113.9:51234", "203.0.113.9"),
        ("onbekend", PROXY),
        ("203.0.113.999", PROXY),
    ],
)
def test_the_trusted_entry_is_read_as_an_address(settings, ingang, verwacht):
    settings.VERTROUWDE_PROXIES = 1
    assert client_adres(verzoek(ingang)) == verwacht


def test_the_setting_comes_from_the_environment_and_defaults_to_no_proxy():
    wortel = Path(__file__).resolve().parents[2]
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.VERTROUWDE_PROXIES)"
    )
    for waarde, verwacht in ((None, "0"), ("2", "2")):
        env = {**omgeving, "DJANGO_SETTINGS_MODULE": "ecosysteem.settings.dev"}
        env.pop("VERTROUWDE_PROXIES", None)
        if waarde is not None:
            env["VERTROUWDE_PROXIES"] = waarde
        uit = subprocess.run(
            [sys.executable, "-c", code], cwd=wortel, env=env, capture_output=True, text=True
        )
        assert uit.stdout.strip() == verwacht, uit.stderr
