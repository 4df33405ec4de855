"""Slow clients cannot take the server: gunicorn as `make serve` configures it
(gunicorn.conf.py, legpoints/worker.py) answers a normal request while hundreds of
connections are held open sending nothing or half a request (slowloris).

These start the real server (one worker, two threads, so that a handful of slow
clients would be enough to stop it) over an empty SQLite database: /healthz needs no
tables. No timing is asserted beyond "answered at all within a few seconds"."""

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, closing
from pathlib import Path

import pytest

from legpoints.worker import MAX_BUFFERED, request_complete

ROOT = Path(__file__).resolve().parent.parent
IDLE, HALF_SENT = 150, 150


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site under gunicorn.conf.py on a port of its own: its base URL."""
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env |= {
        "DJANGO_SECRET_KEY": "test-only-secret-key",
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "1",
        "THREADS": "2",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(gunicorn), "legpoints.wsgi", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            assert process.poll() is None, (tmp / "gunicorn.log").read_text()
            try:
                if status(base + "/healthz") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start within 15 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def status(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


def hold(stack, base, count, send=b""):
    port = int(base.rsplit(":", 1)[1])
    for _ in range(count):
        sock = stack.enter_context(closing(socket.create_connection(("127.0.0.1", port))))
        if send:
            sock.sendall(send)


def test_a_request_is_answered_while_hundreds_of_connections_send_nothing(served):
    with ExitStack() as stack:
        hold(stack, served, IDLE)
        time.sleep(0.5)  # the worker has accepted them
        assert status(served + "/healthz") == 200


def test_a_request_is_answered_while_hundreds_of_requests_are_half_sent(served):
    with ExitStack() as stack:
        hold(stack, served, HALF_SENT, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        hold(stack, served, 20, b"POST /suggest/ HTTP/1.1\r\nContent-Length: 500\r\n\r\nab")
        time.sleep(0.5)
        assert status(served + "/healthz") == 200


def test_a_request_sent_a_byte_at_a_time_is_answered(served):
    port = int(served.rsplit(":", 1)[1])
    with closing(socket.create_connection(("127.0.0.1", port), timeout=5)) as sock:
        for byte in b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n":
            sock.sendall(bytes([byte]))
        assert sock.recv(100).startswith(b"HTTP/1.1 200 ")


def test_a_kept_alive_connection_is_answered_each_time(served):
    port = int(served.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    for _ in range(3):
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        assert response.status == 200 and b"database" in response.read()
    connection.close()


def test_a_body_that_comes_after_its_head_is_read_before_the_request_is_served(served):
    port = int(served.rsplit(":", 1)[1])
    with closing(socket.create_connection(("127.0.0.1", port), timeout=5)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\n")
        time.sleep(0.3)
        sock.sendall(b"a=bc")
        assert sock.recv(100).startswith(b"HTTP/1.1 200 ")


def test_a_connection_that_never_finishes_its_request_is_closed(served):
    port = int(served.rsplit(":", 1)[1])
    with closing(socket.create_connection(("127.0.0.1", port), timeout=15)) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        assert sock.recv(100) == b""  # closed by the server after its keepalive (5 s)


@pytest.mark.parametrize(
    "data, complete",
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\n", False),
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", False),
        (b"POST / HTTP/1.1\r\ncontent-length: 5\r\n\r\nabcde", True),
        (b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", True),  # the parser's 400
        (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", True),
        (b"POST / HTTP/1.1\r\nContent-Length: 999999\r\n\r\n", True),  # read by the thread
        (b"GET /" + b"a" * MAX_BUFFERED, True),  # the parser refuses it
    ],
)
def test_a_request_goes_to_a_thread_once_it_has_arrived(data, complete):
    assert request_complete(bytearray(data)) is complete
