"""The bench with PostgreSQL and Redis: cached pages against the static file, a slow-client
run and a fault run in which the database and Redis go silent, then come back.

    python bench/faults.py [--seconds 5] [--json FILE]

PostgreSQL (127.0.0.1:5432, database lp_speed_bench, made afresh and dropped) and Redis
(127.0.0.1:6379, db 12, only this run's key prefix deleted) are reached through loopback
TCP proxies that this script can pause: a paused proxy accepts connections and forwards
nothing, which is what a hung server looks like. Prints its figures as JSON.
"""

import argparse
import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import redis as redis_lib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: the server, wrk and the page measurements)

DATABASE = "lp_speed_bench"
FAULT_PAGES = ["/", "/regions/side/", "/points/st36/", "/points/?region=back", "/search/?q=knee"]


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


def statuses_since(srv, offset):
    with srv["log"].open("rb") as log_file:
        log_file.seek(offset)
        found = run.re.findall(rb'" (\d{3}) ', log_file.read())
    return {s.decode(): found.count(s) for s in sorted(set(found))}


def slow_clients(srv, seconds, idle=40):
    """``idle`` connections that send half a request and wait, while wrk measures."""
    held = []
    for _ in range(idle):
        sock = socket.create_connection(("127.0.0.1", int(srv["base"].rsplit(":", 1)[1])))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        held.append(sock)
    try:
        return run.wrk(srv, "/points/st36/", 16, seconds)
    finally:
        for sock in held:
            sock.close()


def fault_phase(srv, proxies, label, seconds):
    """wrk over cached pages while ``proxies`` are silent for the middle of the run."""
    offset = srv["log"].stat().st_size
    result = {}

    def load():
        result["wrk"] = run.wrk(srv, "/", 16, seconds, FAULT_PAGES)

    thread = threading.Thread(target=load)
    thread.start()
    time.sleep(1)
    for proxy in proxies:
        proxy.paused.set()
    time.sleep(seconds - 2)
    for proxy in proxies:
        proxy.paused.clear()
    thread.join()
    time.sleep(6)  # past the Redis breaker's five seconds
    result["after"] = {path: run.fetch(srv["base"] + path)[0] for path in FAULT_PAGES}
    result["healthz"] = json.loads(run.fetch(srv["base"] + "/healthz")[1] or b"{}")
    result["statuses"] = statuses_since(srv, offset)
    run.log(f"fault {label}: {result['statuses']}, after {result['after']}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    database, redis = Proxy(("127.0.0.1", 5432)), Proxy(("127.0.0.1", 6379))
    results = {"machine": run.machine()}
    psql(f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}")
    try:
        with tempfile.TemporaryDirectory(prefix="legpoints-bench-") as tmp:
            env = run.site_env(tmp) | {
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/{DATABASE}",
                "REDIS_URL": f"redis://127.0.0.1:{redis.port}/12",
                "DJANGO_PAGE_CACHE_SECONDS": "600",
            }
            run.prepare(env)
            port = run.free_port()
            results["pages"] = run.measure_pages(env, port, Path(tmp) / "static" / "bench")
            with run.server(env, tmp, port, "postgres-redis") as srv:
                results["cached"] = run.throughput(srv, results["pages"], args.seconds)
                results["slow_clients"] = slow_clients(srv, args.seconds)
                run.log(f"slow clients: {results['slow_clients']['rps']:.0f}/s")
                results["faults"] = {
                    "database": fault_phase(srv, [database], "database", 8),
                    "redis": fault_phase(srv, [redis], "redis", 8),
                    "both": fault_phase(srv, [database, redis], "both", 8),
                }
    finally:
        client = redis_lib.Redis(host="127.0.0.1", port=6379, db=12)
        for key in client.scan_iter("legpoints:*"):
            client.delete(key)
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    print(json.dumps(results, indent=1, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
