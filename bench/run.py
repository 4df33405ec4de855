"""make bench: how fast the site is, how big its pages are, and how it holds up.

Serves the site the way ``make serve`` does (gunicorn, debug off, 2 x CPUs + 1 workers,
access log on) on a loopback port of its own, over a fresh SQLite database and a fresh
STATIC_ROOT in a temporary directory, and measures with wrk. See bench/README.md; this
writes the results section there between its markers.

    python bench/run.py                  everything (about 11 minutes on 2 cores)
    python bench/run.py --skip-load      without the 60-second load test
    python bench/run.py --load-only      only the load test, printed; README untouched
    python bench/run.py --seconds 2 --no-readme    a quick look
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
README = BENCH / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"

PAGES = {
    "home": "/",
    "region": "/regions/side/",
    "point": "/points/st36/",
    "list": "/points/?region=back",
    "symptoms": "/points/?symptom=headache&symptom=low-back-pain&symptom=leg-pain",
    "search": "/search/?q=knee",
}
CONNECTIONS = (1, 16, 64)
SCALES = (1, 10, 100)
# The load test's mix: every kind of public page, and the stylesheet a browser fetches too.
LOAD_PATHS = [
    "/",
    "/regions/front/",
    "/regions/side/",
    "/regions/back/",
    "/points/st36/",
    "/points/sp6/",
    "/points/bl40/",
    "/points/gb34/",
    "/points/ki3/",
    "/points/",
    "/points/?region=back",
    "/points/?meridian=st&region=front",
    "/points/?symptom=headache&symptom=low-back-pain&symptom=leg-pain",
    "/search/?q=knee",
    "/search/?q=headache",
    "/search/?q=st36",
    "/meridians/",
    "/meridians/stomach/",
    "/symptoms/",
    "/symptoms/low-back-pain/",
    "/about/",
]


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


def measure_pages(env, port, baseline_dir=None):
    """Queries and bytes per page, from bench/measure.py (Django's test client, in-process)."""
    command = [sys.executable, str(BENCH / "measure.py"), "--host", f"127.0.0.1:{port}"]
    if baseline_dir:
        command += ["--baseline-dir", str(baseline_dir)]
    command += [f"{name}={url}" for name, url in PAGES.items()]
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


@contextmanager
def server(env, tmp, port, label):
    """gunicorn as make serve runs it, on a port of its own; its access log in ``tmp``."""
    workers = len(os.sched_getaffinity(0)) * 2 + 1
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
    command += ["legpoints.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--access-logfile", "-", "--forwarded-allow-ips=127.0.0.1"]
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
            log(f"gunicorn ({label}, {workers} workers) on {base}")
            yield {"base": base, "workers": workers, "log": log_path, "pid": process.pid}
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


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


def throughput(srv, pages, seconds):
    """Every page and its baseline, at each number of connections."""
    results = {}
    for name, url in PAGES.items():
        for kind, path in [("page", url), ("baseline", f"/static/bench/{name}.html")]:
            check(srv["base"], path, pages[name]["page"]["raw"])
            if kind == "page":
                wrk(srv, path, 16, 1)  # warm up: every worker builds (or caches) it
            runs = {c: wrk(srv, path, c, seconds) for c in CONNECTIONS}
            results.setdefault(name, {})[kind] = runs
            figures = ", ".join(f"c={c} {run['rps']:.0f}/s" for c, run in runs.items())
            log(f"{name:9} {kind:8} {figures}")
    return results


def growth(srv, env, port, seconds):
    """Queries, bytes and speed at 1x, 10x and 100x the data (uncached, 16 connections)."""
    results = {}
    for scale in SCALES:
        if scale > 1:
            log(f"generate_synthetic --scale {scale}")
            manage(env, "generate_synthetic", "--scale", str(scale), "--verbosity", "0")
        pages = measure_pages(env, port)
        for name, url in PAGES.items():
            check(srv["base"], url)  # the workers have every template loaded already
            # A slow page needs longer for 16 connections to see some requests finish:
            # about twice the time 16 of them take on these CPUs, up to a minute more.
            queue = 16 * pages[name]["ms"] / 1000 / len(os.sched_getaffinity(0))
            duration = seconds + min(55, math.ceil(2 * queue))
            pages[name]["wrk"] = wrk(srv, url, 16, duration)
            log(f"{scale:>3}x {name:9} {pages[name]['wrk']['rps']:.1f}/s over {duration} s")
        results[scale] = pages
    return results


def load_test(srv, seconds, css):
    paths = [*LOAD_PATHS, *css]
    for path in paths:
        status, _ = fetch(srv["base"] + path)
        if not 200 <= status < 400:
            sys.exit(f"{path} answered {status}: the load test's pages must all work")
    wrk(srv, "/", 64, 5, paths)  # warm up every page in every worker
    offset = srv["log"].stat().st_size
    log(f"load test: 64 connections, {seconds} s, {len(paths)} URLs")
    result = wrk(srv, "/", 64, seconds, paths)
    with srv["log"].open("rb") as log_file:
        log_file.seek(offset)
        statuses = re.findall(rb'" (\d{3}) ', log_file.read())
    result["paths"] = len(paths)
    result["logged"] = len(statuses)
    result["logged_statuses"] = {s.decode(): statuses.count(s) for s in sorted(set(statuses))}
    log(
        f"load test: {result['requests']} requests, {result['rps']:.0f}/s, "
        f"{result['errors']} errors, statuses {result['logged_statuses']}"
    )
    return result


# The report -------------------------------------------------------------------------


def kb(size):
    return f"{size / 1024:.1f}"


def ms(us):
    return f"{us / 1000:.1f}" if us < 100_000 else f"{us / 1000:.0f}"


def fmt_rps(rps):
    return f"{rps:,.0f}" if rps >= 10 else f"{rps:.1f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def growth_factor(first, later):
    """How many times longer a page takes at a larger scale, from requests/s under wrk."""
    if not later["wrk"]["rps"]:
        return math.inf
    return first["wrk"]["rps"] / later["wrk"]["rps"]


def times(factor):
    return "∞ (no request finished)" if math.isinf(factor) else f"{factor:.1f}×"


def ratio(page, baseline):
    return page["rps"] / baseline["rps"] if baseline["rps"] else 0


def report(results, seconds):
    m = results["machine"]
    pages = results["pages"]
    out = [
        f"Run {m['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB of memory; "
        f"load average {m['load_before']:.2f} at the start, {m['load_after']:.2f} at the end "
        f"of the {results['minutes']:.0f}-minute run. Python {m['python']}, Django "
        f"{m['django']}, gunicorn {m['gunicorn']} with {results['workers']} sync workers, "
        f"{m['wrk']}; commit {m['commit']}. SQLite, local-memory cache. Each wrk run "
        f"{seconds} s, a page's after a 1 s warm-up; 1 connection on 1 wrk thread, more on 2.",
        "",
        "**Pages**: queries uncached (and when served from the page cache); the time to build "
        "it in-process, uncached (median of 3); its size in KB raw, gzip and brotli, alone and "
        "with the stylesheet it links. (Served to a browser that accepts gzip and brotli, "
        f"a page goes out with Content-Encoding {results['encoding']['page']}, the "
        f"stylesheet with {results['encoding']['css']}.)",
        "",
    ]
    rows = []
    for name, url in PAGES.items():
        p = pages[name]
        rows.append(
            [
                f"{name} `{url}`",
                f"{p['queries']} ({p['cached_queries']})",
                f"{p['ms']:.1f}",
                " / ".join(kb(p["page"][k]) for k in ("raw", "gzip", "brotli")),
                " / ".join(kb(p["with_assets"][k]) for k in ("raw", "gzip", "brotli")),
            ]
        )
    header = ["page", "queries", "ms in-process", "page KB", "with assets KB"]
    out += [table(header, rows), ""]

    for mode, label in [("cached", "cached (page cache on, 600 s)"), ("uncached", "uncached")]:
        if mode not in results:
            continue
        runs = results[mode]
        out += [
            f"**Throughput, {label}**: requests/s (× the static baseline of the same size), "
            "p50 / p99 latency in ms.",
            "",
        ]
        rows = []
        for name in PAGES:
            page, base = runs[name]["page"], runs[name]["baseline"]
            row = [name]
            row += [
                f"{fmt_rps(page[c]['rps'])} ({ratio(page[c], base[c]):.2f}×)" for c in CONNECTIONS
            ]
            row += [f"{ms(page[c]['p50_us'])} / {ms(page[c]['p99_us'])}" for c in CONNECTIONS]
            row.append(sum(page[c]["errors"] for c in CONNECTIONS))
            rows.append(row)
        for name in PAGES:
            base = runs[name]["baseline"]
            row = [f"baseline, {kb(pages[name]['page']['raw'])} KB file"]
            row += [fmt_rps(base[c]["rps"]) for c in CONNECTIONS]
            row += [f"{ms(base[c]['p50_us'])} / {ms(base[c]['p99_us'])}" for c in CONNECTIONS]
            row.append(sum(base[c]["errors"] for c in CONNECTIONS))
            rows.append(row)
        header = ["page", *(f"req/s c={c}" for c in CONNECTIONS)]
        header += [*(f"p50/p99 c={c}" for c in CONNECTIONS), "errors"]
        out += [table(header, rows), ""]

    if "growth" in results:
        g = results["growth"]
        out += [
            "**Growth**: the same pages over 1×, 10× and 100× the data (`generate_synthetic`), "
            "uncached: queries, size, and time to build the page in-process (median of 3); "
            "then wrk at 16 connections, for longer than the others when a page is slow (up "
            "to a minute more) so that some requests finish. Time × is requests/s at 1× over "
            "requests/s at 10× and 100×.",
            "",
        ]
        rows = []
        for name in PAGES:
            by_scale = [g[scale][name] for scale in SCALES]
            rows.append(
                [
                    name,
                    " / ".join(str(s["queries"]) for s in by_scale),
                    " / ".join(kb(s["page"]["raw"]) for s in by_scale),
                    " / ".join(kb(s["with_assets"]["gzip"]) for s in by_scale),
                    " / ".join(f"{s['ms']:.0f}" for s in by_scale),
                    " / ".join(fmt_rps(s["wrk"]["rps"]) for s in by_scale),
                    " / ".join(ms(s["wrk"]["p99_us"]) for s in by_scale),
                    " / ".join(times(growth_factor(by_scale[0], s)) for s in by_scale[1:]),
                ]
            )
        header = ["page", "queries", "KB raw", "KB gzip with CSS", "ms in-process"]
        header += ["req/s c=16", "p99 ms c=16"]
        header.append("time × at 10×, 100×")
        out += [table(header, rows), ""]

    if "load" in results:
        out += [load_section(results["load"]), ""]

    out += ["**Targets**, as measured in this run:", "", *verdicts(results), ""]
    return "\n".join(out)


def load_section(load):
    statuses = ", ".join(f"{n:,} × {s}" for s, n in load["logged_statuses"].items())
    return (
        f"**Load test**: 64 connections for {load['duration_us'] / 1e6:.0f} s over "
        f"{load['paths']} URLs (every kind of page and the stylesheet), page cache on as "
        f"`make serve` has it: {load['requests']:,} requests, {fmt_rps(load['rps'])}/s, "
        f"p50 {ms(load['p50_us'])} ms, p90 {ms(load['p90_us'])} ms, p99 "
        f"{ms(load['p99_us'])} ms, max {ms(load['max_us'])} ms; errors: "
        f"{load['connect_errors']} connect, {load['read_errors']} read, "
        f"{load['write_errors']} write, {load['status_errors']} non-2xx/3xx, "
        f"{load['timeouts']} timeouts. The access log has {statuses}."
    )


def verdicts(results):
    pages = results["pages"]
    lines = []

    def line(ok, text):
        lines.append(f"- {'met' if ok else '**missed**'}: {text}")

    for mode, target in [("cached", 0.8), ("uncached", 0.5)]:
        if mode not in results:
            continue
        worst = {
            name: min(ratio(r["page"][c], r["baseline"][c]) for c in CONNECTIONS)
            for name, r in results[mode].items()
        }
        below = [f"{n} {v:.2f}×" for n, v in worst.items() if v < target]
        line(
            not below,
            f"{mode}, every page ≥ {target}× the baseline's requests/s at 1, 16 and 64 "
            f"connections" + (f"; below it (worst level): {', '.join(below)}" if below else ""),
        )
        slow = [
            f"{n} {ms(r['page'][16]['p99_us'])} ms"
            for n, r in results[mode].items()
            if r["page"][16]["p99_us"] >= 50_000
        ]
        line(
            not slow,
            f"{mode}, p99 < 50 ms at 16 connections"
            + (f"; over it: {', '.join(slow)}" if slow else ""),
        )
    big = [
        f"{n} {kb(p['with_assets']['gzip'])} KB gzip"
        for n, p in pages.items()
        if p["with_assets"]["gzip"] > 30 * 1024
    ]
    line(
        not big,
        "every page ≤ 30 KB compressed (gzip) with its stylesheet"
        + (f"; over it: {', '.join(big)}" if big else ""),
    )
    if "growth" in results:
        g = results["growth"]
        unflat = [n for n in PAGES if len({g[s][n]["queries"] for s in SCALES}) > 1]
        line(
            not unflat,
            "query counts flat from 1× to 100× the data"
            + (f"; they change on: {', '.join(unflat)}" if unflat else ""),
        )
        grown = {n: growth_factor(g[SCALES[0]][n], g[SCALES[-1]][n]) for n in PAGES}
        over = [f"{n} {times(v)}" for n, v in grown.items() if v > 1.5]
        line(
            not over,
            "page time at 100× the data at most 1.5× that at 1×"
            + (f"; over it: {', '.join(over)}" if over else ""),
        )
    if "load" in results:
        load = results["load"]
        line(load["errors"] == 0, f"load test without errors ({load['errors']} errors)")
    return lines


def write_readme(section):
    text = README.read_text()
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = f"{before}{START}\n{section}\n{END}{after}"
    else:
        text = f"{text.rstrip()}\n\n## Results\n\n{START}\n{section}\n{END}\n"
    README.write_text(text)


# Main -------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (default 5)")
    parser.add_argument("--load-seconds", type=int, default=60, help="the load test (60)")
    parser.add_argument("--skip-load", action="store_true", help="no load test")
    parser.add_argument("--load-only", action="store_true", help="only the load test")
    parser.add_argument("--no-readme", action="store_true", help="leave bench/README.md")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk)")

    results = {"machine": machine()}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="legpoints-bench-") as tmp:
        env = site_env(tmp)
        log(f"preparing a fresh database and STATIC_ROOT in {tmp}")
        prepare(env)
        # One port for both servers: the pages name their host, port included, and the
        # baseline files must be the same size as the pages served.
        port = free_port()
        results["pages"] = measure_pages(env, port, Path(tmp) / "static" / "bench")
        css = [a for a in results["pages"]["home"]["assets"] if a.endswith(".css")]
        for mode, cache_seconds in [("cached", 600), ("uncached", 0)]:
            if args.load_only and mode == "uncached":
                break
            mode_env = env | {"DJANGO_PAGE_CACHE_SECONDS": str(cache_seconds)}
            with server(mode_env, tmp, port, mode) as srv:
                results["workers"] = srv["workers"]
                results["encoding"] = {
                    "page": served_encoding(srv["base"], "/"),
                    "css": served_encoding(srv["base"], css[0]),
                }
                if not args.load_only:
                    results[mode] = throughput(srv, results["pages"], args.seconds)
                if mode == "cached" and not args.skip_load:
                    results["load"] = load_test(srv, args.load_seconds, css)
                if mode == "uncached":
                    results["growth"] = growth(srv, env, port, args.seconds)
    results["machine"]["load_after"] = os.getloadavg()[0]
    results["minutes"] = (time.monotonic() - started) / 60
    log(f"done in {results['minutes']:.1f} minutes")

    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    if args.load_only:
        print(load_section(results["load"]))
        return
    section = report(results, args.seconds)
    print(section)
    if not args.no_readme:
        write_readme(section)
        log(f"results written to {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
