"""What every part of the bench shares: the machine, the site served as `make serve`
serves it (gunicorn with gunicorn.conf.py, debug off, access log on) on a port of its own
over a database of the bench's, and wrk."""

import datetime
import json
import os
import platform
import re
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# The machine ------------------------------------------------------------------------


def read_proc(path, field):
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def machine():
    memory_kb = read_proc("/proc/meminfo", "MemTotal").split()[0]
    commit = command_output("git", "rev-parse", "--short", "HEAD")
    if command_output("git", "status", "--porcelain", "--untracked-files=no"):
        commit += " with uncommitted changes"
    import django
    import gunicorn

    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": read_proc("/proc/cpuinfo", "model name"),
        "memory_gb": round(int(memory_kb) / 1024 / 1024, 1) if memory_kb.isdigit() else None,
        "load_before": os.getloadavg()[0],
        "python": platform.python_version(),
        "django": django.__version__,
        "gunicorn": gunicorn.__version__,
        "wrk": command_output("wrk", "--version").split(" [")[0] or "wrk",
        "commit": commit,
    }


# The site ---------------------------------------------------------------------------


def site_env(tmp):
    """The environment make serve gives the site, over the bench's own database and files."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=f"{tmp}/static",
        DJANGO_PAGE_CACHE_SECONDS="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)


def prepare(env):
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "loaddata_if_empty", "legpoints", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def measure_pages(env, port, pages, baseline_dir=None):
    """Queries and bytes per page, from bench/measure.py (Django's test client, in-process)."""
    command = [sys.executable, str(BENCH / "measure.py"), "--host", f"127.0.0.1:{port}"]
    if baseline_dir:
        command += ["--baseline-dir", str(baseline_dir)]
    command += [f"{name}={url}" for name, url in pages.items()]
    output = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    return json.loads(output.stdout)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=30):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def gunicorn_settings():
    """The workers, worker class and threads gunicorn.conf.py gives `make serve`."""
    conf = runpy.run_path(str(GUNICORN_CONF))
    return {key: conf[key] for key in ("workers", "worker_class", "threads", "keepalive")}


@contextmanager
def server(env, tmp, port, label):
    """gunicorn as make serve runs it, on a port of its own; its log in ``tmp``."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
    command += ["legpoints.wsgi", "--config", str(GUNICORN_CONF)]
    env = env | {"HOST": "127.0.0.1", "PORT": str(port)}
    log_path = Path(tmp) / f"gunicorn-{label}.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                if process.poll() is not None:
                    sys.exit(f"gunicorn stopped at start; see {log_path}:\n{log_path.read_text()}")
                try:
                    if fetch(base + "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            else:
                sys.exit("gunicorn did not answer within 30 s")
            conf = gunicorn_settings()
            log(f"gunicorn ({label}, {conf['workers']} × {conf['threads']} threads) on {base}")
            yield {"base": base, "port": port, "log": log_path, "pid": process.pid, **conf}
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def statuses_since(srv, offset):
    """The statuses in the access log after ``offset`` bytes, counted."""
    with srv["log"].open("rb") as log_file:
        log_file.seek(offset)
        found = re.findall(rb'" (\d{3}) ', log_file.read())
    return {s.decode(): found.count(s) for s in sorted(set(found))}


# wrk --------------------------------------------------------------------------------


def cpu_ticks(pid):
    """CPU time used so far by the children of ``pid`` (gunicorn's workers), in clock ticks."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process has gone
        if int(fields[1]) == pid:  # the parent's pid; then utime and stime at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total


def wait_until_idle(srv, timeout=600):
    """Wait for the requests wrk left queued or in progress when it stopped, so that
    the next run starts on an idle server: until the workers use no CPU for 0.3 s."""
    deadline = time.monotonic() + timeout
    before = cpu_ticks(srv["pid"])
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = cpu_ticks(srv["pid"])
        if now - before <= 1:
            return
        before = now
    log("the server was still busy after 10 minutes")


def wrk(srv, path, connections, seconds, paths=()):
    """One wrk run; its figures, with requests/s and the sum of every kind of error."""
    threads = 1 if connections == 1 else 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "60s", "-s", str(BENCH / "wrk.lua"), srv["base"] + path]
    if paths:
        command += ["--", *paths]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    wait_until_idle(srv)
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    result = json.loads(line.removeprefix("BENCH_JSON "))
    result["seconds"] = seconds
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(
        result[key]
        for key in ["connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"]
    )
    return result


def served_encoding(base, path):
    """The Content-Encoding the server chooses for a browser that accepts gzip and brotli."""
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("Content-Encoding") or "none"


def check(base, path, size=None):
    """Fail unless ``path`` answers 200; say so if it is not ``size`` bytes long."""
    status, body = fetch(base + path)
    if status != 200:
        sys.exit(f"{path} answered {status}, not 200")
    if size is not None and len(body) != size:
        # A template edited since measure.py ran, say: the baseline is a little off.
        log(f"warning: {path} is {len(body)} bytes, its baseline {size}")


CONNECTIONS = (1, 16, 64)


def throughput(srv, urls, pages, seconds, rounds=1):
    """Every page and its baseline, at each number of connections, run one straight after
    the other so that both see the machine as it is at that moment. At 16 connections (the
    target's level) each of ``rounds`` page runs sits between two baseline runs and is
    compared with their mean, and the round with the median ratio is kept: on a shared
    machine the static file's own requests/s moves by a factor of two between consecutive
    runs, and whichever of two runs goes first tends to do better."""
    results = {}
    for name, url in urls.items():
        baseline = f"/static/bench/{name}.html"
        for path in (url, baseline):
            check(srv["base"], path, pages[name]["page"]["raw"])
        wrk(srv, url, 16, 1)  # warm up: every worker builds (or caches) it
        found = results[name] = {"page": {}, "baseline": {}, "ratios": {}}
        for c in CONNECTIONS:
            if c != 16:
                page, base = wrk(srv, url, c, seconds), wrk(srv, baseline, c, seconds)
                found["page"][c], found["baseline"][c] = page, base
                found["ratios"][c] = [page["rps"] / base["rps"]]
                continue
            bases, rounds_run = [wrk(srv, baseline, c, seconds)], []
            for _ in range(rounds):
                rounds_run.append(wrk(srv, url, c, seconds))
                bases.append(wrk(srv, baseline, c, seconds))
            ratios = [
                page["rps"] / ((before["rps"] + after["rps"]) / 2)
                for page, before, after in zip(rounds_run, bases, bases[1:], strict=False)
            ]
            median = sorted(range(rounds), key=ratios.__getitem__)[(rounds - 1) // 2]
            before, after = bases[median], bases[median + 1]
            found["page"][c] = rounds_run[median]
            found["baseline"][c] = {**before, "rps": (before["rps"] + after["rps"]) / 2}
            found["ratios"][c] = ratios
        for kind in ("page", "baseline"):
            figures = ", ".join(f"c={c} {run['rps']:.0f}/s" for c, run in found[kind].items())
            log(f"{name:9} {kind:8} {figures}")
    return results
