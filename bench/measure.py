"""Queries and bytes per page, measured in-process; run by bench/run.py, prints JSON.

    python bench/measure.py [--baseline-dir DIR] URL...

Each page is fetched with Django's test client, uncached, inside CaptureQueriesContext
(which records the queries even with debug off), then once more with the page cache on
after a first request has filled it, and timed uncached (the median of three). Its size
is what the site sends: raw, and the gzip and brotli bytes the page cache stored for it,
as answered to a client that accepts only that encoding. The stylesheets, scripts and
images it links from STATIC_URL (the maps' drawings too, ``<image href>``) are counted from
the collected files, using whitenoise's own .gz and .br copies, which are what it serves:
``with_stylesheet`` is the page with its stylesheets, ``first_visit`` the page with every
asset it needs when nothing is cached yet. The pages are built for --host, the address the
server will have, since they name it. With --baseline-dir, each page's body is also written
there as NAME.html: the static file of the same size that run.py serves as the baseline.
"""

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
ASSET = re.compile(
    r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src|image[^>]*href)="([^"]+)"'
)
ENCODINGS = {"gzip": "gzip", "brotli": "br"}


def compressed(data):
    return {
        "raw": len(data),
        "gzip": len(gzip.compress(data, compresslevel=6, mtime=0)),
        "brotli": len(brotli.compress(data, quality=5)),
    }


def sent(client, url, body):
    """The page's bytes as the site sends them: raw, and in each encoding it is asked for
    (from the page cache, filled already)."""
    sizes = {"raw": len(body)}
    for key, encoding in ENCODINGS.items():
        response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
        if response.get("Content-Encoding", encoding) != encoding:
            sys.exit(f"{url} answered {response['Content-Encoding']} to {encoding}")
        sizes[key] = len(response.content)
    return sizes


def asset_sizes(url):
    """The sizes of a collected static file, as whitenoise serves it."""
    from django.conf import settings

    path = Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL).lstrip("/")
    data = path.read_bytes()
    sizes = compressed(data)
    for key, suffix in [("gzip", ".gz"), ("brotli", ".br")]:
        copy = path.with_name(path.name + suffix)
        if copy.exists():  # whitenoise serves its own copy, and only when it is smaller
            sizes[key] = min(copy.stat().st_size, sizes["raw"])
    return sizes


def measure(name, url, host, baseline_dir):
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Count now: every request empties the connection's query log that the context reads.
    query_count = len(queries)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}, not 200")
    times = []
    with override_settings(PAGE_CACHE_SECONDS=0):
        for _ in range(3):
            started = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - started)
    body = response.content
    with override_settings(PAGE_CACHE_SECONDS=600):
        client.get(url)
        with CaptureQueriesContext(connection) as cached_queries:
            client.get(url)
        cached_query_count = len(cached_queries)
        page = sent(client, url, body)
    static = "/" + settings.STATIC_URL.lstrip("/")
    assets = sorted({m for m in ASSET.findall(body.decode()) if m.startswith(static)})
    with_stylesheet, first_visit = dict(page), dict(page)
    for asset in assets:
        for key, size in asset_sizes(asset).items():
            first_visit[key] += size
            if asset.endswith(".css"):
                with_stylesheet[key] += size
    if baseline_dir:
        (Path(baseline_dir) / f"{name}.html").write_bytes(body)
    return {
        "url": url,
        "queries": query_count,
        "cached_queries": cached_query_count,
        "ms": statistics.median(times) * 1000,
        "page": page,
        "assets": assets,
        "with_stylesheet": with_stylesheet,
        "first_visit": first_visit,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-dir")
    parser.add_argument("--host", default="127.0.0.1", help="the Host header, port included")
    parser.add_argument("pages", nargs="+", help="NAME=URL")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legpoints.settings")
    import django

    django.setup()
    if args.baseline_dir:
        Path(args.baseline_dir).mkdir(parents=True, exist_ok=True)
    results = {}
    for page in args.pages:
        name, url = page.split("=", 1)
        results[name] = measure(name, url, args.host, args.baseline_dir)
    json.dump(results, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
