"""make bench: how fast the site is, how big its pages are, and how it holds up.

Serves the site the way ``make serve`` does (bench/harness.py) over a fresh SQLite
database and STATIC_ROOT in a temporary directory, and measures with wrk: pages, cached
and uncached against a static file of the same size, growth to 100x the data and a load
test; then the same site on PostgreSQL and Redis, with slow clients and with the
database and Redis made silent (bench/faults.py). Writes one results section into
bench/README.md (bench/report.py). About 15 minutes on 2 cores.

    python bench/run.py                  everything
    python bench/run.py --skip-load      without the 60-second load test
    python bench/run.py --load-only      only the load test, printed; README untouched
    python bench/run.py --seconds 2 --no-readme    a quick look, printed only
"""

import argparse
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import faults
import report
from harness import (
    ROOT,
    check,
    fetch,
    free_port,
    log,
    machine,
    manage,
    measure_pages,
    prepare,
    served_encoding,
    server,
    site_env,
    throughput,
    wrk,
)

PAGES = {
    "home": "/",
    "region": "/regions/side/",
    "point": "/points/st36/",
    "list": "/points/?region=back",
    "symptoms": "/points/?symptom=headache&symptom=low-back-pain&symptom=leg-pain",
    "search": "/search/?q=knee",
}
SCALES = report.SCALES
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


def growth(srv, env, port, seconds):
    """Queries, bytes and speed at 1x, 10x and 100x the data (uncached, 16 connections)."""
    results = {}
    for scale in SCALES:
        if scale > 1:
            log(f"generate_synthetic --scale {scale}")
            manage(env, "generate_synthetic", "--scale", str(scale), "--verbosity", "0")
        pages = measure_pages(env, port, PAGES)
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (default 5)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="cached page/static pairs at 16 connections (3)"
    )
    parser.add_argument("--load-seconds", type=int, default=60, help="the load test (60)")
    parser.add_argument("--skip-load", action="store_true", help="no load test")
    parser.add_argument("--load-only", action="store_true", help="only the load test")
    parser.add_argument("--skip-postgres", action="store_true", help="no PostgreSQL and Redis")
    parser.add_argument("--no-readme", action="store_true", help="leave bench/README.md")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (apt-get install wrk)")

    results = {"machine": machine(), "pages_measured": PAGES}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="legpoints-bench-") as tmp:
        env = site_env(tmp)
        log(f"preparing a fresh database and STATIC_ROOT in {tmp}")
        prepare(env)
        # One port for both servers: the pages name their host, port included, and the
        # baseline files must be the same size as the pages served.
        port = free_port()
        results["pages"] = measure_pages(env, port, PAGES, Path(tmp) / "static" / "bench")
        css = [a for a in results["pages"]["home"]["assets"] if a.endswith(".css")]
        for mode, cache_seconds in [("cached", 600), ("uncached", 0)]:
            if args.load_only and mode == "uncached":
                break
            mode_env = env | {"DJANGO_PAGE_CACHE_SECONDS": str(cache_seconds)}
            with server(mode_env, tmp, port, mode) as srv:
                results["server"] = {k: srv[k] for k in ("workers", "worker_class", "threads")}
                results["encoding"] = {
                    "page": served_encoding(srv["base"], "/"),
                    "css": served_encoding(srv["base"], css[0]),
                }
                if not args.load_only:
                    rounds = args.rounds if mode == "cached" else 1  # the target is cached
                    results[mode] = throughput(srv, PAGES, results["pages"], args.seconds, rounds)
                if mode == "cached" and not args.skip_load:
                    results["load"] = load_test(srv, args.load_seconds, css)
                if mode == "uncached":
                    results["growth"] = growth(srv, env, port, args.seconds)
    if not (args.load_only or args.skip_postgres):
        results["postgres"] = faults.postgres_redis(PAGES, args.seconds, args.rounds)
    results["machine"]["load_after"] = os.getloadavg()[0]
    results["minutes"] = (time.monotonic() - started) / 60
    log(f"done in {results['minutes']:.1f} minutes")

    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    if args.load_only:
        print(report.load_section(results["load"]))
        return
    section = report.report(results, args.seconds)
    print(section)
    if not args.no_readme:
        report.write_readme(section)
        log(f"results written to {report.README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
