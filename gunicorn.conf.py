"""gunicorn's settings for `make serve`, which passes HOST, PORT, WORKERS and THREADS.

Threaded workers that read each request in full before a thread takes it
(legpoints/worker.py): a connection that sends nothing, or half a request, waits in the
worker's poller at no cost and is closed after ``keepalive`` seconds, so clients that
open connections and stay idle or slow (slowloris) take no thread from anyone; many
threads per worker keep requests moving while a few wait on a slow database.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "legpoints.worker.BufferingThreadWorker"
threads = int(os.environ.get("THREADS") or 8)  # each thread may keep a database connection
worker_connections = 1000  # open connections a worker keeps, idle and slow ones included
timeout = 30  # a worker silent for longer is restarted
graceful_timeout = 20
keepalive = 5  # seconds a connection has to send a whole request, the first or the next
limit_request_line = 4094  # gunicorn's defaults, said out loud
limit_request_fields = 100
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
