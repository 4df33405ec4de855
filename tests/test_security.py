"""Security headers, deployment checks, hostile text, and what happens when things fail."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.db import OperationalError
from django.urls import clear_url_caches

from legpoints.settings import client_address_settings
from points.models import Indication, Point

JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')
pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def test_public_pages_send_a_strict_content_security_policy_and_other_headers(client):
    response = client.get("/points/st36/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_has_an_inline_script_or_style(client):
    """Nothing the CSP would have to run: the only <script> element is a point page's JSON-LD,
    a data block that browsers read and never execute."""
    urls = [
        "/",
        "/regions/back/",
        "/points/st36/",
        "/points/?symptom=headache",
        "/about/",
        "/data/",
    ]
    for url in urls:
        text = JSON_LD.sub("", client.get(url).text)
        assert "<script" not in text and " style=" not in text and "<style" not in text, url


def test_check_deploy_with_production_settings_gives_no_warning():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "1",
        "DJANGO_SECRET_KEY": "a-production-like-key-" + "x9Q2r7Lm4Zp8" * 5,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_production_settings_stop_with_a_clear_message():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_DEBUG"] = "0"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_https_behind_a_proxy_is_recognised(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/about/").status_code == 301
    assert client.get("/about/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


def test_the_admin_path_is_a_setting(client, settings):
    settings.ADMIN_PATH = "curate/"
    try:
        clear_url_caches()
        importlib.reload(importlib.import_module("legpoints.urls"))
        assert client.get("/curate/").status_code == 302
        assert client.get("/admin/").status_code == 404
    finally:
        settings.ADMIN_PATH = "admin/"
        clear_url_caches()
        importlib.reload(importlib.import_module("legpoints.urls"))


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
]


def test_text_typed_in_the_admin_is_inert_on_every_page(client):
    point = Point.objects.get(code="ST 36")
    point.location = f"3 cun below ST 35 {HOSTILE[0]} {HOSTILE[1]} see {HOSTILE[2]}"
    point.english = HOSTILE[1]
    point.save()
    indication = Indication.objects.get(slug="leg-qi")
    indication.name = HOSTILE[0]
    indication.save()
    pages = [
        "/points/st36/",
        "/regions/front/",
        "/symptoms/leg-qi/",
        "/symptoms/",
        "/points/",
        "/search/?q=cun",
        "/meridians/stomach/",
        "/points/st35/",
    ]
    for url in pages:
        text = client.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert 'href="javascript:' not in text, url
    detail = client.get("/points/st36/").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert '<a href="/points/st35/">ST 35</a>' in detail  # the linker still links, and only codes
    data = client.get("/points.json?meridian=st").json()
    st36 = next(p for p in data["points"] if p["code"] == "ST 36")
    assert st36["location"] == point.location  # data stays data in JSON


def test_healthz_reports_database_and_cache(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    # "local" for the in-process cache; "ok" when Redis is the cache and answers.
    expected_cache = "ok" if "redis" in settings.CACHES["default"]["BACKEND"].lower() else "local"
    assert response.json() == {"database": "ok", "cache": expected_cache}
    assert "no-cache" in response["Cache-Control"]


def test_an_unreachable_database_gives_a_plain_503(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("points.views.point.Point.objects.for_detail", unreachable)
    client.raise_request_exception = False
    response = client.get("/points/st36/")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.text
    assert "Traceback" not in response.text and "connection refused" not in response.text
    assert response["Retry-After"] == "30"
    monkeypatch.undo()
    assert client.get("/points/st36/").status_code == 200  # and back by itself


def test_other_errors_get_the_sites_own_500_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("points.views.point.Point.objects.for_detail", broken)
    client.raise_request_exception = False
    response = client.get("/points/st36/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "secret detail" not in response.text


def test_unreachable_redis_means_uncached_not_broken(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "points.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get("/points/st36/").status_code == 200
    health = client.get("/healthz")
    # The failed request tripped the breaker: Redis is skipped for a few seconds.
    assert health.status_code == 200 and health.json()["cache"] == "tripped"


# Sign-in lockouts behind a proxy: by user name and the client's own address

LOGIN = "/admin/login/?next=/admin/"
PROXY = "10.0.0.2"


@pytest.fixture
def behind_one_proxy(settings):
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)


def sign_in(client, address, password, username="curator"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser("curator", "c@example.com", "right-pass-99")


def test_failing_from_one_address_behind_the_proxy_does_not_lock_out_another(
    behind_one_proxy, curator, client
):
    for _ in range(4):
        assert sign_in(client, "203.0.113.5", "wrong").status_code == 200
    assert sign_in(client, "203.0.113.5", "wrong").status_code == 429  # the fifth locks
    locked = sign_in(client, "203.0.113.5", "right-pass-99")
    assert locked.status_code == 429  # the attacker's address is locked, even with the password
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    # The curator, at another address behind the same proxy, still signs in.
    assert sign_in(client, "198.51.100.7", "right-pass-99").status_code == 302


def test_an_address_a_client_writes_before_its_own_is_ignored(behind_one_proxy, curator, client):
    for i in range(5):
        sign_in(client, f"198.51.100.{i}, 203.0.113.5", "wrong")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert sign_in(client, "198.51.100.7", "right-pass-99").status_code == 302


def test_without_a_proxy_the_forwarded_header_is_not_believed(curator, client):
    for i in range(5):
        sign_in(client, f"203.0.113.{i}", "wrong")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_failing_during_a_lockout_does_not_extend_it(behind_one_proxy, curator, client):
    for _ in range(5):
        sign_in(client, "203.0.113.5", "wrong")
    locked_at = AccessAttempt.objects.get().attempt_time
    assert sign_in(client, "203.0.113.5", "wrong again").status_code == 429
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_robots_txt_does_not_publish_the_admin_path(client, settings):
    settings.ADMIN_PATH = "back-office-7f3/"
    text = client.get("/robots.txt").text
    assert "back-office" not in text and "admin" not in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_admin_history_page_has_no_inline_style(admin_client):
    st36 = Point.objects.get(code="ST 36")
    st36.english = "A change, for the history"
    st36.save()
    response = admin_client.get(f"/admin/points/point/{st36.pk}/history/")
    assert response.status_code == 200
    assert "A change, for the history" in response.text or "English name" in response.text
    assert " style=" not in response.text and "<style" not in response.text
    assert "css/admin.css" in response.text
