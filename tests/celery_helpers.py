"""A real Redis and a real Celery worker for tests that must see background work as it
runs in production: through a broker, in another thread, with its own database
connection. No mocks.

Use the ``celery_werker`` fixture together with ``transactional_db`` (the worker's thread
only sees committed rows). It yields the project's Celery app, pointed at a throw-away
redis-server on a free port, with a worker consuming from it; afterwards the app's
previous configuration (eager mode for the other tests) is restored.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connections
from kombu import pools as kombu_pools

from ecosysteem.celery import app as celery_app

REDIS_SERVER = "redis-server"
OPSTARTTIJD = 10.0  # seconds redis-server may take to accept connections


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op_poort(poort: int, proces: subprocess.Popen, tijd: float) -> None:
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"redis-server stopte meteen (code {proces.returncode}).")
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server luisterde na {tijd} seconden nog niet op poort {poort}.")


def vergeet_verbindingen(app) -> None:
    """Drop the broker connections, producers and result backend the app cached: they
    were made for the URLs of that moment (even eager mode makes some) and would keep
    using them."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # Kombu also keeps producer pools per broker URL, process-wide. The session's Redis has
    # one URL, so a second worker test would get the pool whose connections were closed
    # above ("Acquire on closed pool").
    kombu_pools.reset()
    # The result backend is cached per thread in the same way.
    if hasattr(app._local, "backend"):
        del app._local.backend


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A fresh redis-server for this test session, in memory only; its URL."""
    programma = shutil.which(REDIS_SERVER)
    if programma is None:
        # Fail rather than skip: a skipped broker test would hide that background work
        # is no longer tested for real.
        pytest.fail(
            "redis-server is niet gevonden. Installeer het (Debian: apt-get install "
            "redis-server) om de tests met een echte Celery-worker te draaien."
        )
    poort = vrije_poort()
    proces = subprocess.Popen(
        [
            programma,
            "--port",
            str(poort),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wacht_op_poort(poort, proces, OPSTARTTIJD)
        yield f"redis://127.0.0.1:{poort}/0"
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


@pytest.fixture
def celery_werker(redis_url, transactional_db, django_db_serialized_rollback):
    """The project's Celery app sending to ``redis_url``, with a worker thread consuming.

    Serialized rollback, as the browser tests use: the flush after a transactional test
    otherwise recreates content types that the next serialized-rollback test loads again
    (a duplicate key), and the data migrations' rows (periods) come back for later tests.
    """
    instellingen = {
        "broker_url": redis_url,
        "result_backend": redis_url,
        "task_always_eager": False,
    }
    vorige = {sleutel: celery_app.conf[sleutel] for sleutel in instellingen}
    vergeet_verbindingen(celery_app)
    celery_app.conf.update(instellingen)
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=20):
            yield celery_app
    finally:
        celery_app.conf.update(vorige)
        vergeet_verbindingen(celery_app)
        # The worker thread opened its own database connection; close it so the test
        # database can be flushed and dropped.
        connections.close_all()


@pytest.fixture
def broker_onbereikbaar():
    """Celery sends to a broker nobody listens on, as when Redis is down."""
    instellingen = {
        "broker_url": f"redis://127.0.0.1:{vrije_poort()}/0",
        "task_always_eager": False,
    }
    vorige = {sleutel: celery_app.conf[sleutel] for sleutel in instellingen}
    vergeet_verbindingen(celery_app)
    celery_app.conf.update(instellingen)
    try:
        yield celery_app
    finally:
        celery_app.conf.update(vorige)
        vergeet_verbindingen(celery_app)
