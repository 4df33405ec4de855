"""Django's PostgreSQL backend, with a bound on how long it waits for the server (base.py)."""
