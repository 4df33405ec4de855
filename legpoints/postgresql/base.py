"""Django's PostgreSQL backend, waiting at most ``DATABASE_ANSWER_TIMEOUT_MS`` for any answer.

A server that accepts connections and then falls silent (hung, stopped, behind a stuck
proxy) is not bounded by the settings libpq offers: ``connect_timeout`` covers only the
connection's opening, ``statement_timeout`` is the server's to enforce, and TCP keepalives
and ``tcp_user_timeout`` see nothing wrong while the other end's kernel acknowledges. On a
pooled connection (``CONN_MAX_AGE``) a query, Django's health check and a commit would
each wait as long as the server stayed silent. So every wait of psycopg on the connection
(execute, fetch, commit, the health check's ``SELECT 1``) is given a deadline; past it the
connection is closed and an ``OperationalError`` raised: the request gets the 503 page, and
the next one opens a new connection, which works again as soon as the server answers.

    DATABASES["default"]["ENGINE"] = "legpoints.postgresql"   (legpoints/settings.py)
"""

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

Database = base.Database  # psycopg, as Django's backend modules name it


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose every wait for the server ends after ``answer_timeout``."""

    answer_timeout = None  # seconds; None waits as long as the server takes

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is not None or self.answer_timeout is None:  # a caller's own deadline
            return super().wait(gen, interval, timeout)
        try:
            return super().wait(gen, interval, self.answer_timeout)
        except psycopg.errors._WaitTimeout:
            # The query is sent and its answer never came: the connection is in an
            # unknown state, of no further use.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {self.answer_timeout:g} s; connection closed"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if type(connection) is psycopg.Connection:
            # psycopg.connect() makes a plain Connection; this one only adds a deadline.
            connection.__class__ = BoundedConnection
            connection.answer_timeout = settings.DATABASE_ANSWER_TIMEOUT_MS / 1000 or None
        return connection
