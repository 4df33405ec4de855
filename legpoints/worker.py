"""gunicorn's threaded worker, with each request read in full before a thread takes it.

Why: gunicorn 27's gthread worker hands every new connection to its thread pool at
once. A thread then waits up to ``DEFAULT_WORKER_DATA_TIMEOUT`` (5 s) for a first byte,
and once a byte has come it reads the request head with a blocking socket and no time
limit. So a client that connects and sends nothing holds a thread for seconds, one
that sends half a request holds it until it hangs up, and the pool's queue is first
come, first served: a normal request waits behind every slow client that connected
before it (200 idle sockets delayed the next request by 7.6 s; 40 half-sent requests
stopped the site). No setting changes this.

Here the worker's event loop does the reading, as a buffering proxy would: a connection
(new, or kept alive after a response) sits in the poller, costing no thread, while its
bytes arrive; it goes to a thread only once its request head is complete, with its body
too when that is announced by a Content-Length of at most ``MAX_BUFFERED`` bytes. A
connection that has not sent a whole request within ``keepalive`` seconds (at least
``MIN_WAIT``) is closed. What a thread still reads or writes (a larger or chunked body,
a response to a client that does not read it) waits at most ``IO_TIMEOUT`` seconds a
read or a write. Plain HTTP only: with TLS or HTTP/2 prior knowledge gunicorn's own
path is taken unchanged (TLS ends at the proxy in front, if any).

    worker_class = "legpoints.worker.BufferingThreadWorker"   (gunicorn.conf.py)
"""

import errno
import selectors
import socket
import time
from collections import deque
from contextlib import suppress
from functools import partial

from gunicorn.http2 import negotiation
from gunicorn.workers import gthread

MAX_BUFFERED = 64 * 1024  # bytes of head and body read before a thread takes the request
MIN_WAIT = 2.0  # seconds a connection has to send its request, when keepalive is shorter
IO_TIMEOUT = 10.0  # seconds one read or write in a thread may wait


class TimedSocket(socket.socket):
    """A client socket that, made blocking, waits at most ``IO_TIMEOUT`` per operation."""

    def setblocking(self, flag):
        self.settimeout(IO_TIMEOUT if flag else 0.0)


def request_complete(data):
    """Whether ``data`` holds a whole request head, and its body if it is small and of
    known length; or so much that the parser should see it (and refuse it) now."""
    if len(data) >= MAX_BUFFERED:
        return True
    end = data.find(b"\r\n\r\n")
    head_end = end + 4 if end >= 0 else data.find(b"\n\n") + 2
    if head_end < 2:
        return False
    length = 0
    for line in bytes(data[:head_end]).split(b"\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name in (b"transfer-encoding", b"expect"):
            # Chunked, or a client waiting for "100 Continue" (which gunicorn sends) before
            # its body: the thread reads the body, each read bounded.
            return True
        if name == b"content-length":
            value = value.strip()
            if not value.isdigit():
                return True  # the parser answers 400
            length = int(value)
    return length > MAX_BUFFERED - head_end or len(data) >= head_end + length


class BufferingThreadWorker(gthread.ThreadWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = deque()  # connections sending a request, oldest deadline first

    def plain(self, address):
        return not self.cfg.is_ssl and not negotiation.prior_knowledge_allowed(self.cfg, address)

    def accept(self, listener):
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                return
            raise
        self.nr_conns += 1
        if not self.plain(address):
            client.setblocking(True)
            self.enqueue_req(gthread.TConn(self.cfg, client, address, listener.getsockname()))
            return
        client = TimedSocket(client.family, client.type, client.proto, fileno=client.detach())
        conn = gthread.TConn(self.cfg, client, address, listener.getsockname())
        self.start_reading(conn)

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection has something to say: read it here too (at once: the
        poller says there is something to read)."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self.start_reading(conn)
        self.on_readable(conn, client)

    def start_reading(self, conn):
        conn.buffered = bytearray()
        conn.timeout = time.monotonic() + max(self.cfg.keepalive, MIN_WAIT)
        self.reading.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_readable, conn))

    def stop_reading(self, conn):
        self.reading.remove(conn)
        self.poller.unregister(conn.sock)

    def on_readable(self, conn, _sock):
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client hung up
            self.stop_reading(conn)
            self.nr_conns -= 1
            conn.close()
            return
        conn.buffered += data
        if request_complete(conn.buffered):
            self.stop_reading(conn)
            conn.data_ready = True
            self.enqueue_req(conn)

    def handle(self, conn):
        """In a thread: give the parser what was read, then serve as gthread does."""
        buffered = getattr(conn, "buffered", None)
        if buffered:
            conn.buffered = None
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(bytes(buffered))
        return super().handle(conn)

    def murder_pending(self):
        """Close connections that have not sent a whole request in time."""
        super().murder_pending()
        now = time.monotonic()
        while self.reading and self.reading[0].timeout <= now:
            conn = self.reading.popleft()
            with suppress(OSError, KeyError, ValueError):
                self.poller.unregister(conn.sock)
            self.nr_conns -= 1
            conn.close()
