"""Whether the database answers, found out within about two seconds whatever its state.

/healthz must not hang with the database. A pooled connection to a server that has
stopped answering waits as long as TCP lets it, and a statement timeout is the server's
to enforce: neither bounds a server that has gone silent. So on PostgreSQL the check opens
a connection of its own (with a short connect timeout), sends ``SELECT 1`` without
blocking, waits for the answer on the socket for at most ``ANSWER_TIMEOUT`` seconds, and
closes the connection. SQLite, a file on this machine, is asked on the usual connection.
"""

import select
import time

from django.db import DatabaseError, connection
from django.db.utils import load_backend

CONNECT_TIMEOUT = 1  # seconds, libpq's smallest
ANSWER_TIMEOUT = 0.5  # seconds


def probe_settings():
    return connection.settings_dict


def database_answers():
    settings_dict = probe_settings()
    if not settings_dict["ENGINE"].endswith("postgresql"):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return False
        return True
    return _postgresql_answers(settings_dict)


def _postgresql_answers(settings_dict):
    from psycopg.pq import ExecStatus  # only with PostgreSQL

    options = settings_dict.get("OPTIONS", {}) | {"connect_timeout": CONNECT_TIMEOUT}
    backend = load_backend(settings_dict["ENGINE"])
    wrapper = backend.DatabaseWrapper({**settings_dict, "OPTIONS": options}, alias="healthz")
    try:
        probe = wrapper.get_new_connection(wrapper.get_connection_params())
    except backend.Database.Error:
        return False
    try:
        answer = _answer_in_time(probe.pgconn, time.monotonic() + ANSWER_TIMEOUT)
    except backend.Database.Error:
        return False
    finally:
        probe.close()
    return answer == ExecStatus.TUPLES_OK


def _answer_in_time(pgconn, deadline):
    """Send ``SELECT 1`` on libpq's connection without blocking and wait for the answer
    until ``deadline``: the status of its result, or ``None`` if none came in time."""
    pgconn.nonblocking = 1
    pgconn.send_query(b"SELECT 1")
    while pgconn.flush():  # 1 while some of the query is still to be sent
        if not _wait(pgconn.socket, deadline, write=True):
            return None
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        if not _wait(pgconn.socket, deadline):
            return None
    status = None
    while (result := pgconn.get_result()) is not None:
        status = result.status if status is None else status
    return status


def _wait(sock, deadline, write=False):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return False
    ready = (
        select.select([], [sock], [], remaining)
        if write
        else select.select([sock], [], [], remaining)
    )
    return bool(ready[0] or ready[1])
