"""gunicorn's settings for `make serve`, which passes HOST, PORT, WORKERS and THREADS.

Threaded workers (gthread): a connection that sends nothing is handed back to the
worker's poller after a few seconds instead of holding a thread, so clients that open
connections and stay idle (slowloris) cannot take every worker; many threads per worker
keep requests moving while a few are waiting on a slow client or a slow database.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = int(os.environ.get("THREADS") or 8)  # each thread may keep a database connection
worker_connections = 1000  # open connections a worker keeps, idle ones included
timeout = 30  # a worker silent for longer is restarted
graceful_timeout = 20
keepalive = 5  # seconds an idle connection is kept, between requests or before the first
limit_request_line = 4094  # gunicorn's defaults, said out loud
limit_request_fields = 100
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """A new connection may hold a thread for half a second, not gthread's five, while it
    sends nothing; then it waits in the worker's poller (until ``keepalive``) at no cost.
    gunicorn has no setting for this wait: it is the module's constant (gunicorn pinned)."""
    from gunicorn.workers import gthread

    gthread.DEFAULT_WORKER_DATA_TIMEOUT = 0.5
