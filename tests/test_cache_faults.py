"""Issue 13, finding 4: a Redis that fails in any way means "not cached", never a 500.

Redis at its memory limit answered every write with an error that became a 500; a
silent Redis cost every request four timeouts; and every distinct query string or
404 filled the cache with a new page.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from redis.exceptions import BusyLoadingError, ConnectionError, ResponseError, TimeoutError

from points import cache as forgiving

pytestmark = pytest.mark.django_db

OOM = ResponseError("OOM command not allowed when used memory > 'maxmemory'.")
FAILURES = [OOM, TimeoutError("Timeout reading from socket"), ConnectionError("refused")]
FAILURES += [BusyLoadingError("Redis is loading"), OSError("Network is unreachable")]


def redis_cache(settings, location="redis://127.0.0.1:6379/12"):
    settings.CACHES = {
        "default": {
            "BACKEND": "points.cache.ForgivingRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "lp-speed-test",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGE_CACHE_SECONDS = 600


class FailingClient:
    """A redis client whose every command fails with one error, counting the attempts."""

    def __init__(self, error):
        self.error, self.calls = error, 0

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            self.calls += 1
            raise self.error

        return fail


@pytest.fixture
def failing_redis(settings, monkeypatch):
    redis_cache(settings)

    def install(error):
        client = FailingClient(error)
        monkeypatch.setattr(
            "django.core.cache.backends.redis.RedisCacheClient.get_client",
            lambda self, key=None, *, write=False: client,
        )
        return client

    return install


@pytest.mark.parametrize("error", FAILURES, ids=lambda e: type(e).__name__)
def test_any_redis_error_means_uncached_pages_not_500s(client, failing_redis, error):
    failing_redis(error)
    client.raise_request_exception = False
    for url in ["/", "/points/st36/", "/points/?region=back", "/points.json?x=1"]:
        assert client.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["cache"] == "tripped"


@pytest.mark.parametrize("error", FAILURES, ids=lambda e: type(e).__name__)
def test_every_cache_operation_forgives_the_error(failing_redis, error):
    failing_redis(error)
    calls = [
        (lambda: cache.get("k", "default"), "default"),
        (lambda: cache.get_many(["a", "b"]), {}),
        (lambda: cache.has_key("k"), False),
        (lambda: cache.set("k", 1), None),
        (lambda: cache.add("k", 1), False),
        (lambda: cache.set_many({"a": 1}), ["a"]),
        (lambda: cache.touch("k"), False),
        (lambda: cache.delete("k"), False),
        (lambda: cache.delete_many(["a"]), None),
        (lambda: cache.clear(), False),
    ]
    for call, fallback in calls:
        forgiving.BREAKERS.clear()  # each call reaches the failing client
        assert call() == fallback
    with pytest.raises(ValueError):  # what incr says of a key it cannot find
        cache.incr("k")


def test_after_a_failure_redis_is_skipped_for_a_while_then_tried_again(failing_redis, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(forgiving.time, "monotonic", lambda: clock[0])
    failing = failing_redis(TimeoutError("Timeout reading from socket"))
    assert cache.get("k") is None and failing.calls == 1
    for _ in range(10):  # a silent Redis would cost a timeout each; skipped instead
        cache.get("k")
        cache.set("k", 1)
    assert failing.calls == 1
    clock[0] += forgiving.BREAK_SECONDS + 0.1
    cache.get("k")
    assert failing.calls == 2  # tried again, failed, skipped again
    cache.get("k")
    assert failing.calls == 2


def test_the_breaker_closes_when_redis_answers_again(client, settings, monkeypatch):
    redis_cache(settings)
    cache.delete("probe")
    clock = [1000.0]
    monkeypatch.setattr(forgiving.time, "monotonic", lambda: clock[0])
    cache.breaker.trip()
    assert client.get("/healthz").json()["cache"] == "tripped"
    clock[0] += forgiving.BREAK_SECONDS + 0.1
    assert client.get("/healthz").json()["cache"] == "ok"
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    cache.delete("probe")


# A real redis-server, at its memory limit and then silent -------------------------


def spare_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def throwaway_redis(tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed")
    port = spare_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--maxmemory", "2mb", "--maxmemory-policy", "noeviction", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield process, port
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


def test_a_real_redis_full_then_silent_then_back(client, settings, throwaway_redis):
    process, port = throwaway_redis
    redis_cache(settings, f"redis://127.0.0.1:{port}/0")
    filler = "x" * 100_000
    for n in range(40):  # past maxmemory: noeviction refuses further writes
        cache.set(f"filler-{n}", filler)
    forgiving.BREAKERS.clear()
    client.raise_request_exception = False
    statuses = [client.get(f"/points/?region=back&page={n % 2 + 1}").status_code for n in range(6)]
    assert statuses == [200] * 6
    assert client.get("/healthz").status_code == 200

    process.send_signal(signal.SIGSTOP)  # accepts connections, answers nothing
    forgiving.BREAKERS.clear()
    assert client.get("/points/st36/").status_code == 200
    assert client.get("/healthz").json()["cache"] == "tripped"
    assert [client.get("/about/").status_code for _ in range(5)] == [200] * 5

    process.send_signal(signal.SIGCONT)
    forgiving.BREAKERS.clear()  # as if the few seconds had passed
    assert client.get("/healthz").json()["cache"] == "ok"
