"""The site on PostgreSQL and Redis: cached pages against the static file, a slow-client
run, and a fault run in which the database and Redis go silent, then come back.

    python bench/faults.py [--seconds 5] [--json FILE]     (make bench runs it too)

PostgreSQL (127.0.0.1:5432, database BENCH_DATABASE, lp_bench_faults, made afresh and
dropped) and Redis (127.0.0.1:6379, db BENCH_REDIS_DB, 12, only this run's keys deleted)
are reached through loopback TCP
proxies that this script can pause: a paused proxy accepts connections and forwards
nothing, which is what a hung server looks like. Prints its figures as JSON.
"""

import argparse
import contextlib
import json
import os
import select
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import redis as redis_lib
from harness import (
    fetch,
    free_port,
    log,
    machine,
    measure_pages,
    prepare,
    server,
    site_env,
    statuses_since,
    throughput,
    wrk,
)

# Where: a database made afresh and dropped, and a Redis database of which only the keys
# this run wrote are deleted (override both when other runs may share the machine).
DATABASE = os.environ.get("BENCH_DATABASE", "lp_bench_faults")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "12"))
FAULT_PAGES = ["/", "/regions/side/", "/points/st36/", "/points/?region=back", "/search/?q=knee"]
SLOW_CLIENTS = 200  # of each kind: sending nothing, and sending half a request
SILENT_SECONDS = 8  # longer than the site waits for PostgreSQL (4 s)


class Proxy:
    """A loopback TCP proxy to ``upstream`` that can be made silent and back."""

    def __init__(self, upstream):
        self.upstream, self.paused = upstream, threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            threading.Thread(target=self.connect, args=(client,), daemon=True).start()

    def connect(self, client):
        while self.paused.is_set():
            time.sleep(0.05)  # accepted, never answered
        try:
            server = socket.create_connection(self.upstream)
        except OSError:
            client.close()
            return
        for source, target in [(client, server), (server, client)]:
            threading.Thread(target=self.pump, args=(source, target), daemon=True).start()

    def pump(self, source, target):
        try:
            while data := source.recv(65536):
                while self.paused.is_set():
                    time.sleep(0.05)
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def psql(*sql):
    for statement in sql:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qAtc", statement],
            check=True,
            capture_output=True,
        )


class SlowClients:
    """``count`` connections that send nothing and ``count`` that send half a request and
    wait (slowloris), held for as long as the block lasts: each one the server closes is
    opened again at once."""

    HALF = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n"

    def __init__(self, port, count):
        self.port, self.count, self.reopened = port, count, 0
        self.stop = threading.Event()

    def open(self, half):
        sock = socket.create_connection(("127.0.0.1", self.port))
        if half:
            sock.sendall(self.HALF)
        return sock

    def hold(self):
        socks = {self.open(half): half for half in [False, True] * self.count}
        while not self.stop.is_set():
            readable, _, _ = select.select(list(socks), [], [], 0.2)
            for sock in readable:
                with contextlib.suppress(OSError):
                    if sock.recv(4096):
                        continue  # an answer: keep waiting for the close
                half = socks.pop(sock)
                sock.close()
                socks[self.open(half)] = half
                self.reopened += 1
        for sock in socks:
            sock.close()

    def __enter__(self):
        self.thread = threading.Thread(target=self.hold, daemon=True)
        self.thread.start()
        time.sleep(1)  # all of them connected and accepted
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def timed_gets(base, paths, rounds):
    """Each path fetched ``rounds`` times, one after another: statuses and seconds."""
    statuses, seconds = [], []
    for _ in range(rounds):
        for path in paths:
            started = time.monotonic()
            try:
                statuses.append(fetch(base + path, timeout=30)[0])
            except OSError:
                statuses.append(0)
            seconds.append(time.monotonic() - started)
    return {"statuses": statuses, "median_s": statistics.median(seconds), "max_s": max(seconds)}


def slow_clients(srv, seconds):
    """Normal requests, one at a time and under wrk, while slow clients are held open."""
    offset = srv["log"].stat().st_size
    with SlowClients(srv["port"], SLOW_CLIENTS) as slow:
        result = {"held": 2 * SLOW_CLIENTS}
        result["single"] = timed_gets(srv["base"], ["/points/st36/", "/healthz", "/about/"], 10)
        result["wrk"] = wrk(srv, "/points/st36/", 16, seconds)
    result["reopened"] = slow.reopened
    result["statuses"] = statuses_since(srv, offset)
    log(
        f"slow clients: {result['wrk']['rps']:.0f}/s under wrk, single requests max "
        f"{result['single']['max_s']:.2f} s, {slow.reopened} reopened"
    )
    return result


def fault_phase(srv, proxies, seconds):
    """wrk over cached pages while ``proxies`` are silent for most of the run; meanwhile
    /healthz and a page not yet cached, timed; then each page again, with no restart."""
    offset = srv["log"].stat().st_size
    result = {}

    def load():
        result["wrk"] = wrk(srv, "/", 16, seconds + 2, FAULT_PAGES)

    thread = threading.Thread(target=load)
    thread.start()
    time.sleep(1)
    for proxy in proxies:
        proxy.paused.set()
    silent_from = time.monotonic()
    result["during"] = {
        "healthz": timed_gets(srv["base"], ["/healthz"], 1),
        "uncached": timed_gets(srv["base"], [f"/search/?q=silent{time.time_ns()}"], 1),
    }
    time.sleep(max(0, seconds - (time.monotonic() - silent_from)))
    for proxy in proxies:
        proxy.paused.clear()
    thread.join()
    time.sleep(6)  # past the Redis breaker's five seconds
    result["after"] = {path: fetch(srv["base"] + path)[0] for path in FAULT_PAGES}
    result["healthz"] = json.loads(fetch(srv["base"] + "/healthz")[1] or b"{}")
    result["statuses"] = statuses_since(srv, offset)
    return result


def postgres_redis(pages, seconds, rounds=3):
    """Every figure of this part, with the site on PostgreSQL and Redis."""
    database, redis = Proxy(("127.0.0.1", 5432)), Proxy(("127.0.0.1", 6379))
    results = {}
    psql(f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}")
    try:
        with tempfile.TemporaryDirectory(prefix="legpoints-bench-") as tmp:
            env = site_env(tmp) | {
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/{DATABASE}",
                "REDIS_URL": f"redis://127.0.0.1:{redis.port}/{REDIS_DB}",
                "DJANGO_PAGE_CACHE_SECONDS": "600",
            }
            log("PostgreSQL and Redis: preparing")
            prepare(env)
            port = free_port()
            results["pages"] = measure_pages(env, port, pages, Path(tmp) / "static" / "bench")
            with server(env, tmp, port, "postgres-redis") as srv:
                results["cached"] = throughput(srv, pages, results["pages"], seconds, rounds)
                results["slow_clients"] = slow_clients(srv, seconds)
                results["faults"] = {}
                for label, proxies in [
                    ("database", [database]),
                    ("redis", [redis]),
                    ("both", [database, redis]),
                ]:
                    results["faults"][label] = fault_phase(srv, proxies, SILENT_SECONDS)
                    log(f"fault, {label} silent: {results['faults'][label]['statuses']}")
    finally:
        client = redis_lib.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
        for key in client.scan_iter("legpoints:*"):
            client.delete(key)
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return results


def main():
    import run  # the pages measured

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    results = {"machine": machine(), "postgres": postgres_redis(run.PAGES, args.seconds)}
    print(json.dumps(results, indent=1, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
