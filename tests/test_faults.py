"""What people see when something is wrong: a hostile Host header, an error to be logged."""

import io
import logging
from contextlib import contextmanager

import pytest

pytestmark = pytest.mark.django_db


@contextmanager
def stderr_of(logger_name):
    """What the logger's stderr handlers write, while the block runs."""
    handlers = [
        h for h in logging.getLogger(logger_name).handlers if isinstance(h, logging.StreamHandler)
    ]
    assert handlers, f"{logger_name} logs nowhere"
    written = io.StringIO()
    old = [handler.setStream(written) for handler in handlers]
    try:
        yield written
    finally:
        for handler, stream in zip(handlers, old, strict=True):
            handler.setStream(stream)


@pytest.mark.parametrize("url", ["/healthz", "/", "/points/st36/", "/nowhere/"])
def test_a_host_not_allowed_gets_a_400_page_and_a_log_line(client, url):
    client.raise_request_exception = False
    with stderr_of("django.security") as log:
        response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in response.text
    assert "evil.example" not in response.text
    assert "Invalid HTTP_HOST header" in log.getvalue()


def test_a_server_error_leaves_a_line_on_stderr(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the detail for the log")

    monkeypatch.setattr("points.views.Point.objects.for_detail", broken)
    client.raise_request_exception = False
    with stderr_of("django.request") as log:
        response = client.get("/points/st36/")
    assert response.status_code == 500
    assert "the detail for the log" not in response.text
    line = log.getvalue()
    assert "ERROR" in line and "/points/st36/" in line and "the detail for the log" in line
