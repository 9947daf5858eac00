"""A real Redis and a real Celery worker for tests that must see background work as it
runs in production: through a broker, in another thread, with its own database
connection. No mocks.

Use the ``celery_werker`` fixture together with ``transactional_db`` (the worker's thread
only sees committed rows). It yields the project's Celery app, pointed at a throw-away
redis-server on a free port, with a worker consuming from it; afterwards the app's
previous configuration (eager mode for the other tests) is restored.

``wisselende_broker`` gives a Redis of the test's own that it can stop and start again on
the same port, to see what a step does while the broker is down and what follows once it
is back; ``broker_onbereikbaar`` points Celery at a port nobody listens on.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import redis
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


class RedisServer:
    """A throw-away redis-server on a fixed port, in memory only, that a test may stop and
    start again: as when the broker goes down and comes back at the same address."""

    def __init__(self, poort: int | None = None):
        self.programma = shutil.which(REDIS_SERVER)
        if self.programma is None:
            # Fail rather than skip: a skipped broker test would hide that background work
            # is no longer tested for real.
            pytest.fail(
                "redis-server is niet gevonden. Installeer het (Debian: apt-get install "
                "redis-server) om de tests met een echte Celery-worker te draaien."
            )
        self.poort = poort or vrije_poort()
        self.proces: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        if self.proces is not None:
            return
        self.proces = subprocess.Popen(
            [
                self.programma,
                "--port",
                str(self.poort),
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
            wacht_op_poort(self.poort, self.proces, OPSTARTTIJD)
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server; clients then get "connection refused" on its port."""
        if self.proces is None:
            return
        self.proces.terminate()
        try:
            self.proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()
        self.proces = None

    @property
    def draait(self) -> bool:
        return self.proces is not None


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A fresh redis-server for this test session, in memory only; its URL."""
    server = RedisServer()
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def celery_naar(instellingen: dict) -> Iterator:
    """The project's Celery app with ``instellingen``, and the previous ones afterwards.
    Cached connections are dropped both times: they were made for the other URLs."""
    vorige = {sleutel: celery_app.conf[sleutel] for sleutel in instellingen}
    vergeet_verbindingen(celery_app)
    celery_app.conf.update(instellingen)
    try:
        yield celery_app
    finally:
        celery_app.conf.update(vorige)
        vergeet_verbindingen(celery_app)


@contextmanager
def werker() -> Iterator:
    """A Celery worker thread consuming from the app's current broker."""
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=20):
            yield celery_app
    finally:
        # The worker thread opened its own database connection; close it so the test
        # database can be flushed and dropped.
        connections.close_all()


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
    with celery_naar(instellingen), werker():
        yield celery_app


@pytest.fixture
def broker_onbereikbaar():
    """Celery sends to a broker nobody listens on, as when Redis is down."""
    with celery_naar(
        {"broker_url": f"redis://127.0.0.1:{vrije_poort()}/0", "task_always_eager": False}
    ):
        yield celery_app


@dataclass
class WisselendeBroker:
    """The broker of :func:`wisselende_broker`: ``stop()`` and ``start()`` it, and run a
    worker with ``werker()`` while it is up."""

    server: RedisServer
    app: object

    def stop(self) -> None:
        self.server.stop()

    def start(self) -> None:
        self.server.start()

    def werker(self):
        return werker()

    def wachtrij(self) -> int:
        """How many task messages wait in the default queue."""
        return redis.Redis.from_url(self.server.url).llen("celery")


@pytest.fixture
def wisselende_broker(transactional_db, django_db_serialized_rollback):
    """The project's Celery app with broker and result backend on a redis-server of its
    own, as in production, which the test can stop and start again on the same port.
    Starts running; no worker until the test starts one. Transactional database, as for
    :func:`celery_werker`."""
    server = RedisServer()
    server.start()
    instellingen = {
        "broker_url": server.url,
        "result_backend": server.url,
        "task_always_eager": False,
    }
    try:
        with celery_naar(instellingen) as app:
            yield WisselendeBroker(server=server, app=app)
    finally:
        server.stop()
