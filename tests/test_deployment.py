"""The production set-up of docker-compose.yml: every service has a health check, only the
TLS proxy is reachable from outside, gunicorn sits behind it, and the settings trust exactly
that one proxy."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

WORTEL = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((WORTEL / "docker-compose.yml").read_text(encoding="utf-8"))
DIENSTEN = COMPOSE["services"]


def test_every_service_has_a_health_check():
    assert {"proxy", "db", "redis", "web", "worker", "beat"} <= set(DIENSTEN)
    zonder = [naam for naam, dienst in DIENSTEN.items() if not dienst.get("healthcheck")]
    assert not zonder, f"zonder healthcheck: {zonder}"
    for naam, dienst in DIENSTEN.items():
        assert dienst["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}, naam


def test_only_the_proxy_is_published_and_gunicorn_is_not():
    gepubliceerd = {naam for naam, dienst in DIENSTEN.items() if dienst.get("ports")}
    assert gepubliceerd == {"proxy"}
    assert set(DIENSTEN["proxy"]["ports"]) == {"80:80", "443:443", "443:443/udp"}
    web = DIENSTEN["web"]
    assert "gunicorn" in web["command"] and "0.0.0.0:8000" in web["command"]
    assert web["expose"] == ["8000"]


def test_services_wait_for_what_they_need_to_be_healthy():
    def wacht_op(naam):
        return {
            dienst: voorwaarde["condition"]
            for dienst, voorwaarde in DIENSTEN[naam].get("depends_on", {}).items()
        }

    assert wacht_op("proxy") == {"web": "service_healthy"}
    assert wacht_op("web") == {"db": "service_healthy", "redis": "service_healthy"}
    assert wacht_op("worker") == {"db": "service_healthy", "redis": "service_healthy"}
    assert wacht_op("beat") == {"redis": "service_healthy"}


def test_the_proxy_terminates_tls_and_passes_requests_to_gunicorn():
    caddyfile = (WORTEL / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert re.search(r"^\{\$PORTAAL_DOMEIN\} \{", caddyfile, re.MULTILINE)
    assert re.search(r"^\s*reverse_proxy web:8000$", caddyfile, re.MULTILINE)
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in DIENSTEN["proxy"]["volumes"]


def test_the_application_trusts_exactly_the_one_proxy():
    for naam in ("web", "worker", "beat"):
        omgeving = DIENSTEN[naam]["environment"]
        assert omgeving["VERTROUWDE_PROXIES"] == "1", naam
        assert omgeving["DJANGO_SETTINGS_MODULE"] == "ecosysteem.settings.production"


def test_the_web_image_has_pg_dump_for_the_backup_scripts():
    dockerfile = (WORTEL / "Dockerfile").read_text(encoding="utf-8")
    assert "postgresql-client" in dockerfile
    for script in ("backup.sh", "restore.sh"):
        pad = WORTEL / "scripts" / script
        assert pad.stat().st_mode & 0o111, f"{script} is niet uitvoerbaar"
