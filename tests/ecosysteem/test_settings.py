"""Production settings come from the environment and refuse unsafe defaults."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTIE_OMGEVING = {
    "DJANGO_SETTINGS_MODULE": "ecosysteem.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DATABASE_URL": "postgres://regioportaal:geheim@db.example.nl:5432/regioportaal",
    "DJANGO_EMAIL_HOST": "smtp.example.nl",
    "CELERY_BROKER_URL": "redis://redis.example.nl:6379/0",
    "DJANGO_ALLOWED_HOSTS": "regioportaal.example.nl",
    "DJANGO_SITE_URL": "https://regioportaal.example.nl",
    # Behind the TLS proxy of docker-compose.yml.
    "VERTROUWDE_PROXIES": "1",
    "DJANGO_DEFAULT_FROM_EMAIL": "noreply@regioportaal.example.nl",
    "PRIVACY_CONTACT_EMAIL": "privacy@regioportaal.example.nl",
    "CONTACT_EMAIL": "vragen@regioportaal.example.nl",
}


def django_check(omgeving: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DJANGO_", "DATABASE_", "VERTROUWDE_", "SESSIE_", "PRIVACY_", "CONTACT_")
        )
    }
    env.update(omgeving)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_check():
    resultaat = django_check(PRODUCTIE_OMGEVING, "--deploy", "--fail-level", "WARNING")
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_production_refuses_to_start_without_a_secret_key():
    omgeving = {k: v for k, v in PRODUCTIE_OMGEVING.items() if k != "DJANGO_SECRET_KEY"}
    resultaat = django_check(omgeving)
    assert resultaat.returncode != 0
    assert "DJANGO_SECRET_KEY" in resultaat.stderr


def test_production_refuses_a_short_secret_key():
    resultaat = django_check({**PRODUCTIE_OMGEVING, "DJANGO_SECRET_KEY": "kort"})
    assert resultaat.returncode != 0
    assert "minstens 50 tekens" in resultaat.stderr


def test_without_a_broker_tasks_run_in_process(settings):
    from ecosysteem.celery import app

    assert settings.CELERY_TASK_ALWAYS_EAGER is (not settings.CELERY_BROKER_URL)
    assert app.main == "ecosysteem"


def test_production_refuses_to_start_without_its_own_address_for_e_mail_links():
    omgeving = {k: v for k, v in PRODUCTIE_OMGEVING.items() if k != "DJANGO_SITE_URL"}
    resultaat = django_check(omgeving)
    assert resultaat.returncode != 0
    assert "DJANGO_SITE_URL" in resultaat.stderr


def productie_instelling(omgeving: dict[str, str], naam: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(omgeving)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; "
            f"print(repr(settings.{naam}))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.strip()


def test_the_https_header_of_the_proxy_is_believed_only_behind_a_proxy():
    assert productie_instelling(PRODUCTIE_OMGEVING, "SECURE_PROXY_SSL_HEADER") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    zonder = {**PRODUCTIE_OMGEVING, "VERTROUWDE_PROXIES": "0"}
    assert productie_instelling(zonder, "SECURE_PROXY_SSL_HEADER") == "None"
    assert productie_instelling(PRODUCTIE_OMGEVING, "USE_X_FORWARDED_HOST") == "False"


def test_session_timeouts_come_from_the_environment():
    omgeving = {**PRODUCTIE_OMGEVING, "SESSIE_INACTIEF_MINUTEN": "15", "SESSIE_MAXIMAAL_UREN": "8"}
    assert productie_instelling(omgeving, "SESSIE_INACTIEF_MINUTEN") == "15"
    assert productie_instelling(omgeving, "SESSION_COOKIE_AGE") == str(8 * 3600)


def test_production_refuses_to_start_without_a_privacy_contact():
    omgeving = {k: v for k, v in PRODUCTIE_OMGEVING.items() if k != "PRIVACY_CONTACT_EMAIL"}
    resultaat = django_check(omgeving)
    assert resultaat.returncode != 0
    assert "PRIVACY_CONTACT_EMAIL" in resultaat.stderr


def test_production_refuses_the_no_reply_sender_as_privacy_contact():
    resultaat = django_check(
        {**PRODUCTIE_OMGEVING, "PRIVACY_CONTACT_EMAIL": "NoReply@regioportaal.example.nl"}
    )
    assert resultaat.returncode != 0
    assert "niet de afzender" in resultaat.stderr


def test_production_refuses_to_start_without_a_contact_address():
    omgeving = {k: v for k, v in PRODUCTIE_OMGEVING.items() if k != "CONTACT_EMAIL"}
    resultaat = django_check(omgeving)
    assert resultaat.returncode != 0
    assert "CONTACT_EMAIL" in resultaat.stderr


def test_production_refuses_the_no_reply_sender_as_contact_address():
    resultaat = django_check(
        {**PRODUCTIE_OMGEVING, "CONTACT_EMAIL": "noreply@regioportaal.example.nl"}
    )
    assert resultaat.returncode != 0
    assert "CONTACT_EMAIL moet een adres zijn" in resultaat.stderr
