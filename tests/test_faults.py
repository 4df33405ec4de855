"""What people see when something is wrong: a hostile Host header, an error to be logged,
a database that stops answering."""

import io
import logging
import socket
import struct
import threading
import time
from contextlib import contextmanager, suppress

import pytest
from django.db import OperationalError, connection, connections
from django.db.utils import load_backend

from legpoints.settings import postgres_options

pytestmark = pytest.mark.django_db


@contextmanager
def stderr_of(logger_name):
    """What the logger's stderr handlers write, while the block runs."""
    handlers = [
        h for h in logging.getLogger(logger_name).handlers if isinstance(h, logging.StreamHandler)
    ]
    assert handlers, f"{logger_name} logs nowhere"
    written = io.StringIO()
    old = [handler.setStream(written) for handler in handlers]
    try:
        yield written
    finally:
        for handler, stream in zip(handlers, old, strict=True):
            handler.setStream(stream)


@pytest.mark.parametrize("url", ["/healthz", "/", "/points/st36/", "/nowhere/"])
def test_a_host_not_allowed_gets_a_400_page_and_a_log_line(client, url):
    client.raise_request_exception = False
    with stderr_of("django.security") as log:
        response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.text
    assert "evil.example" not in response.text
    assert "Invalid HTTP_HOST header" in log.getvalue()


def test_a_server_error_leaves_a_line_on_stderr(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the detail for the log")

    monkeypatch.setattr("points.views.point.Point.objects.for_detail", broken)
    client.raise_request_exception = False
    with stderr_of("django.request") as log:
        response = client.get("/points/st36/")
    assert response.status_code == 500
    assert "the detail for the log" not in response.text
    line = log.getvalue()
    assert "ERROR" in line and "/points/st36/" in line and "the detail for the log" in line


# A database that accepts connections and never answers


def sign_in_then_say_nothing(conn):
    """Play PostgreSQL's part up to "ready for query" (no TLS, no password), then fall silent."""
    conn.settimeout(2)
    while True:
        length, code = struct.unpack("!ii", conn.recv(8, socket.MSG_WAITALL))
        if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest: "no"
            conn.sendall(b"N")
            continue
        conn.recv(length - 8, socket.MSG_WAITALL)  # the rest of the startup message
        break
    version = b"server_version\x0015.0\x00"  # what Django checks on connecting
    conn.sendall(
        b"R"
        + struct.pack("!ii", 8, 0)
        + b"S"
        + struct.pack("!i", 4 + len(version))
        + version
        + b"Z"
        + struct.pack("!i", 5)
        + b"I"
    )


@pytest.fixture(params=["from the start", "after signing in"])
def silent_database(request):
    """A TCP server on 127.0.0.1 that accepts connections and never answers (at once, or
    once the client has signed in): the settings of a PostgreSQL database there."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn = server.accept()[0]
            except TimeoutError:
                continue
            held.append(conn)
            if request.param == "after signing in":
                with suppress(OSError, struct.error):
                    sign_in_then_say_nothing(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield {
        "ENGINE": "legpoints.postgresql",  # as settings make it
        "NAME": "silent",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": server.getsockname()[1],
        "OPTIONS": postgres_options(),
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TIME_ZONE": None,
        "TEST": {},
    }
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


@pytest.mark.parametrize("silent_database", ["from the start"], indirect=True)
def test_the_site_gives_up_on_a_silent_database_within_its_connect_timeout(silent_database):
    assert silent_database["OPTIONS"]["connect_timeout"] <= 5
    wrapper = load_backend(silent_database["ENGINE"]).DatabaseWrapper(silent_database, "silent")
    started = time.monotonic()
    with pytest.raises(OperationalError):
        wrapper.ensure_connection()
    assert time.monotonic() - started < silent_database["OPTIONS"]["connect_timeout"] + 2


def test_postgresql_connections_carry_timeouts_and_keepalives():
    options = postgres_options()
    assert "statement_timeout=" in options["options"]
    assert options["keepalives"] == 1 and options["tcp_user_timeout"] > 0
    assert {"keepalives_idle", "keepalives_interval", "keepalives_count"} <= set(options)


def test_healthz_answers_503_within_two_seconds_when_the_database_is_silent(
    client, monkeypatch, silent_database
):
    monkeypatch.setattr("points.database.probe_settings", lambda: silent_database)
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 2.5
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_says_ok_when_postgresql_answers(client, monkeypatch):
    real = {
        **connection.settings_dict,
        "ENGINE": "legpoints.postgresql",  # as settings make it
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": 5432,
        "OPTIONS": postgres_options(),
    }
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 5432)) != 0:
            pytest.skip("no PostgreSQL at 127.0.0.1:5432")
    monkeypatch.setattr("points.database.probe_settings", lambda: real)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


# A database that falls silent on a connection already open (CONN_MAX_AGE)


def finishes_within(seconds, function):
    """Run ``function`` in a thread: what it returned or raised, failing if it hangs."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except Exception as error:  # noqa: BLE001 (handed to the test)
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s"
    return outcome


@pytest.fixture
def short_answers(settings):
    settings.DATABASE_ANSWER_TIMEOUT_MS = 1000
    return {"ENGINE": "legpoints.postgresql", "CONN_MAX_AGE": 600}


def bounded_backend(settings_dict, alias="silent"):
    return load_backend("legpoints.postgresql").DatabaseWrapper(settings_dict, alias)


@pytest.mark.parametrize("silent_database", ["after signing in"], indirect=True)
def test_a_query_to_a_silent_database_fails_within_the_answer_timeout(
    silent_database, short_answers
):
    wrapper = bounded_backend(silent_database | short_answers)
    wrapper.inc_thread_sharing()
    outcome = finishes_within(5, wrapper.ensure_connection)  # its first query: SET TIME ZONE
    assert isinstance(outcome.get("error"), OperationalError)
    assert "did not answer within 1 s" in str(outcome["error"])
    wrapper.close()


@pytest.mark.parametrize("silent_database", ["after signing in"], indirect=True)
def test_a_page_is_the_503_page_while_the_database_is_silent(
    client, silent_database, short_answers
):
    client.raise_request_exception = False

    def get_page():  # in a thread of its own, with a default connection of its own
        connections["default"] = bounded_backend(silent_database | short_answers, "default")
        try:
            return client.get("/points/st36/")
        finally:
            connections["default"].close()

    response = finishes_within(5, get_page)["value"]
    assert response.status_code == 503
    assert "Retry-After" in response


class PausableProxy:
    """A loopback TCP proxy to PostgreSQL that can fall silent (accept, forward nothing)."""

    def __init__(self, upstream=("127.0.0.1", 5432)):
        self.upstream, self.paused = upstream, threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        with suppress(OSError):
            while True:
                client = self.listener.accept()[0]
                server = socket.create_connection(self.upstream)
                for pair in [(client, server), (server, client)]:
                    threading.Thread(target=self.pump, args=pair, daemon=True).start()

    def pump(self, source, target):
        with suppress(OSError):
            while data := source.recv(65536):
                while self.paused.is_set():
                    time.sleep(0.02)
                target.sendall(data)
        for sock in (source, target):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.listener.close()


def test_a_pooled_connection_gives_up_on_a_silent_database_and_recovers(short_answers):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 5432)) != 0:
            pytest.skip("no PostgreSQL at 127.0.0.1:5432")
    proxy = PausableProxy()
    settings_dict = {
        **connection.settings_dict,
        **short_answers,
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": proxy.port,
        "OPTIONS": postgres_options(),
        "TEST": {},
    }
    wrapper = bounded_backend(settings_dict, "pooled")
    connections["pooled"] = wrapper  # django.contrib.postgres looks it up on connecting
    wrapper.inc_thread_sharing()

    def select_one():
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0]

    try:
        assert select_one() == 1
        proxy.paused.set()
        outcome = finishes_within(5, select_one)
        assert isinstance(outcome.get("error"), OperationalError)
        assert not wrapper.is_usable()
        proxy.paused.clear()
        wrapper.close_if_unusable_or_obsolete()  # what Django does when the request ends
        assert select_one() == 1  # a new connection, no restart
    finally:
        proxy.paused.clear()
        wrapper.close()
        del connections["pooled"]
        proxy.close()
