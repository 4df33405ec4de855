"""The results section that make bench writes into bench/README.md, and its verdicts
against the targets of issue 13."""

import math
from pathlib import Path

from harness import CONNECTIONS

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
SCALES = (1, 10, 100)


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


def ratio(run, c):
    """A page's requests/s as a ratio to its static file's at ``c`` connections: the
    median round's (bench/harness.py ``throughput``)."""
    ratios = sorted(run["ratios"][c])
    return ratios[(len(ratios) - 1) // 2]


def rounds(run):
    """The ratios of each round at 16 connections, in the order they were run."""
    return ", ".join(f"{value:.2f}" for value in run["ratios"][16])


def times(factor):
    return "∞" if math.isinf(factor) else f"{factor:.2f}×"


def grown(first, later):
    return later / first if first else math.inf


def report(results, seconds):
    m, srv = results["machine"], results["server"]
    out = [
        f"Run {m['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB of memory, "
        f"**shared with other engineers' work**: load average {m['load_before']:.2f} at the "
        f"start, {m['load_after']:.2f} at the end of the {results['minutes']:.0f}-minute run, "
        "so compare ratios within this run, not figures across runs. "
        f"Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']} with "
        f"{srv['workers']} workers ({srv['worker_class']}) of {srv['threads']} threads, "
        f"{m['wrk']}; commit {m['commit']}. Each wrk run {seconds} s, a page's after a 1 s "
        "warm-up; 1 connection on 1 wrk thread, more on 2.",
        "",
        "### SQLite and the local-memory cache",
        "",
        pages_section(results),
        "",
    ]
    for mode, label in [("cached", "cached (page cache on)"), ("uncached", "uncached")]:
        if mode in results:
            out += [throughput_section(results[mode], results["pages"], label), ""]
    if "growth" in results:
        out += [growth_section(results["growth"]), ""]
    if "load" in results:
        out += [load_section(results["load"]), ""]
    if "postgres" in results:
        pg = results["postgres"]
        out += ["### PostgreSQL and Redis", ""]
        out += [throughput_section(pg["cached"], pg["pages"], "cached (page cache on)"), ""]
        out += [slow_section(pg["slow_clients"]), "", fault_section(pg["faults"]), ""]
    out += ["### Targets (issue 13), as measured in this run", "", *verdicts(results), ""]
    return "\n".join(out)


def pages_section(results):
    rows = []
    for name, p in results["pages"].items():
        rows.append(
            [
                f"{name} `{p['url']}`",
                f"{p['queries']} ({p['cached_queries']})",
                f"{p['ms']:.1f}",
                " / ".join(kb(p["page"][k]) for k in ("raw", "gzip", "brotli")),
                " / ".join(kb(p["with_stylesheet"][k]) for k in ("raw", "gzip", "brotli")),
                " / ".join(kb(p["first_visit"][k]) for k in ("raw", "gzip", "brotli")),
            ]
        )
    header = [
        "page",
        "queries (cached)",
        "ms to build",
        "page KB",
        "with stylesheet KB",
        "first visit KB",
    ]
    return (
        "**Pages**: SQL queries uncached (and from the page cache); the time to build it "
        "in-process, uncached (median of 3); its size in KB raw, gzip and brotli as the site "
        "sends it (the page cache's stored bytes), alone, with the stylesheet it links, and "
        "on a first visit with every asset it needs (the stylesheet and the maps' drawings, "
        "each fetched once and then cached). A browser that accepts gzip and brotli gets a page "
        f"with Content-Encoding {results['encoding']['page']}, the stylesheet with "
        f"{results['encoding']['css']}.\n\n" + table(header, rows)
    )


def throughput_section(runs, pages, label):
    rows = []
    for name, run in runs.items():
        page, base = run["page"], run["baseline"]
        row = [name]
        row += [f"{fmt_rps(page[c]['rps'])} ({ratio(run, c):.2f}×)" for c in CONNECTIONS]
        row += [f"{ms(page[c]['p50_us'])} / {ms(page[c]['p99_us'])}" for c in CONNECTIONS]
        row.append(sum(page[c]["errors"] for c in CONNECTIONS))
        rows.append(row)
    for name, run in runs.items():
        base = run["baseline"]
        row = [f"static file, {kb(pages[name]['page']['raw'])} KB"]
        row += [fmt_rps(base[c]["rps"]) for c in CONNECTIONS]
        row += [f"{ms(base[c]['p50_us'])} / {ms(base[c]['p99_us'])}" for c in CONNECTIONS]
        row.append(sum(base[c]["errors"] for c in CONNECTIONS))
        rows.append(row)
    header = ["page", *(f"req/s c={c}" for c in CONNECTIONS)]
    header += [*(f"p50/p99 ms c={c}" for c in CONNECTIONS), "errors"]
    return (
        f"**Throughput, {label}**: requests/s (× the static file of the same size, served "
        "by the same server straight after it; at 16 connections, the mean of its runs just "
        "before and after the page's, in the median of the rounds), p50 / p99 latency in ms "
        "(the static file's at 16 connections from its run before).\n\n" + table(header, rows)
    )


def growth_section(g):
    rows = []
    for name in g[SCALES[0]]:
        s = [g[scale][name] for scale in SCALES]
        rows.append(
            [
                name,
                " / ".join(str(x["queries"]) for x in s),
                " / ".join(kb(x["page"]["raw"]) for x in s),
                " / ".join(f"{x['ms']:.1f}" for x in s),
                " / ".join(fmt_rps(x["wrk"]["rps"]) for x in s),
                times(grown(s[0]["page"]["raw"], s[-1]["page"]["raw"])),
                times(grown(s[0]["ms"], s[-1]["ms"])),
            ]
        )
    header = ["page", "queries", "KB raw", "ms to build", "req/s c=16 uncached"]
    header += ["size × at 100×", "build time × at 100×"]
    return (
        "**Growth**: the same pages at 1×, 10× and 100× the data (`generate_synthetic`), "
        "uncached: queries, size, build time in-process (median of 3), and requests/s under "
        "wrk at 16 connections (longer runs for slow pages).\n\n" + table(header, rows)
    )


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


def slow_section(slow):
    single, run = slow["single"], slow["wrk"]
    answered = sum(1 for s in single["statuses"] if 200 <= s < 400)
    return (
        f"**Slow clients**: {slow['held']} connections held open, half sending nothing and "
        "half a request head without its end (reopened at once whenever the server closed "
        f"one: {slow['reopened']:,} times). Meanwhile, one request at a time to the point "
        f"page, /healthz and /about/: {answered} of {len(single['statuses'])} answered, "
        f"median {single['median_s'] * 1000:.0f} ms, slowest {single['max_s'] * 1000:.0f} ms; "
        f"and wrk at 16 connections on the point page: {fmt_rps(run['rps'])} requests/s, p99 "
        f"{ms(run['p99_us'])} ms, {run['errors']} errors. Statuses logged: {slow['statuses']}."
    )


def fault_section(faults):
    rows = []
    for label, f in faults.items():
        run, during = f["wrk"], f["during"]
        rows.append(
            [
                label,
                f"{run['requests']:,}",
                fmt_rps(run["rps"]),
                run["status_errors"],
                run["connect_errors"] + run["read_errors"] + run["write_errors"] + run["timeouts"],
                f"{ms(run['p99_us'])} / {ms(run['max_us'])}",
                probe(during["healthz"]),
                probe(during["uncached"]),
                "all 200" if set(f["after"].values()) == {200} else str(f["after"]),
                f"{f['healthz']}",
            ]
        )
    header = ["silent", "requests", "req/s", "non-2xx/3xx", "socket errors", "p99 / max ms"]
    header += ["/healthz meanwhile", "an uncached page meanwhile", "after: pages", "/healthz"]
    return (
        "**Fault run**: wrk at 16 connections over five cached pages (home, region, point, "
        "list, search) for 10 s, while the database, Redis or both are silent for 8 s of it "
        "(their proxies accept and forward nothing); meanwhile /healthz and a page not in the "
        "cache are fetched once, timed; then, with no restart, each page and /healthz once "
        "more.\n\n" + table(header, rows)
    )


def probe(timed):
    return f"{timed['statuses'][0]} in {timed['max_s']:.1f} s"


def verdicts(results):
    lines = []

    def line(ok, text):
        lines.append(f"- {'met' if ok else '**missed**'}: {text}")

    for label, runs in [
        ("SQLite and local memory", results.get("cached")),
        ("PostgreSQL and Redis", results.get("postgres", {}).get("cached")),
    ]:
        if runs:
            found = {n: ratio(r, 16) for n, r in runs.items()}
            count = max(len(r["ratios"][16]) for r in runs.values())
            line(
                min(found.values()) >= 0.9,
                f"cached, every page ≥ 0.9× the static file at 16 connections (the median of "
                f"{count} rounds, each round's ratio in brackets), {label}: "
                + ", ".join(f"{n} {found[n]:.2f}× ({rounds(r)})" for n, r in runs.items()),
            )
    pages = results["pages"]
    wire = {n: p["with_stylesheet"]["brotli"] for n, p in pages.items()}
    first_visit = {n: p["first_visit"]["brotli"] for n, p in pages.items()}
    line(
        max(wire.values()) <= 12 * 1024,
        "every page ≤ 12 KB on the wire with its stylesheet (brotli): "
        + ", ".join(f"{n} {kb(v)} KB" for n, v in wire.items())
        + "; on a first visit, with the maps' drawings too: "
        + ", ".join(f"{n} {kb(v)} KB" for n, v in first_visit.items()),
    )
    if "growth" in results:
        g = results["growth"]
        over = []
        for name in g[SCALES[0]]:
            first, last = g[SCALES[0]][name], g[SCALES[-1]][name]
            size = grown(first["page"]["raw"], last["page"]["raw"])
            build = grown(first["ms"], last["ms"])
            if size > 1.5 or build > 1.5:
                over.append(f"{name} size {times(size)}, build {times(build)}")
        line(
            not over,
            "at 100× the data every page ≤ 1.5× its size and build time at 1×"
            + (f"; over it: {'; '.join(over)}" if over else ""),
        )
    line(
        pages["point"]["ms"] <= 5,
        f"uncached point page ≤ 5 ms to build in-process: {pages['point']['ms']:.1f} ms",
    )
    if "load" in results:
        load = results["load"]
        line(load["errors"] == 0, f"load test without errors: {load['errors']} errors")
    if "postgres" in results:
        slow = results["postgres"]["slow_clients"]
        answered = all(200 <= s < 400 for s in slow["single"]["statuses"])
        line(
            answered and slow["single"]["max_s"] < 1 and slow["wrk"]["errors"] == 0,
            f"slow clients: every normal request answered, well under a second (slowest "
            f"{slow['single']['max_s'] * 1000:.0f} ms), no errors under wrk "
            f"({slow['wrk']['errors']}), with {slow['held']} slow connections held",
        )
        faults = results["postgres"]["faults"]
        fives = {label: f["wrk"]["status_errors"] for label, f in faults.items()}
        recovered = all(
            set(f["after"].values()) == {200} and f["healthz"].get("database") == "ok"
            for f in faults.values()
        )
        line(
            not any(fives.values()) and recovered,
            "fault run: zero 5xx on the cached pages with the database, Redis or both silent "
            f"({', '.join(f'{k} {v}' for k, v in fives.items())}), and every page and "
            f"/healthz fine afterwards without a restart ({'yes' if recovered else 'no'})",
        )
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
