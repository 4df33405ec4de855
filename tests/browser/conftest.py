"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

One browser for the session, a fresh context and page per test. The live server's tests are
transactional (the database is flushed after each), so every test loads the fixture itself,
and pytest-django runs them after the ordinary tests. Where chromium cannot be found every
browser test is skipped with the one reason below (``make test`` installs it when it can).
"""

import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIPPED = pytest.StashKey[str]()
WIDTHS = {"phone": 360, "tablet": 768, "desktop": 1280}


def _why_no_browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        found = shutil.which("chromium")
        hint = f" (there is one at {found}: set CHROMIUM={found})" if found else ""
        return (
            f"browser tests: no chromium at {CHROMIUM}{hint}; "
            "install it with `apt-get install -y chromium` (make test does so as root)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests: the playwright package is missing (make setup installs it)"
    return None


def pytest_report_header(config):
    return f"browser tests: {CHROMIUM}" if _why_no_browser() is None else None


def pytest_collection_modifyitems(config, items):
    """Without a browser, set the browser tests aside and say so once, at the end."""
    reason = _why_no_browser()
    if reason is None:
        return
    aside = [item for item in items if "browser" in item.fixturenames]
    if aside:
        items[:] = [item for item in items if item not in aside]
        config.hook.pytest_deselected(items=aside)
        config.stash[SKIPPED] = f"SKIPPED {len(aside)} {reason}"


def pytest_terminal_summary(terminalreporter, config):
    if SKIPPED in config.stash:
        terminalreporter.write_line(config.stash[SKIPPED], yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
    # are still plain synchronous calls in that thread. Only while the browser runs: a
    # subprocess such as `check --deploy` must not inherit it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server):
    """The live server with the real data in it; its URL."""
    call_command("loaddata", "legpoints", verbosity=0)
    return live_server.url


@pytest.fixture
def new_page(browser, site):
    """Open pages in fresh contexts: ``new_page(width=360, color_scheme="dark")``."""
    contexts = []

    def make(width=1280, height=900, color_scheme="light", **options):
        context = browser.new_context(
            base_url=site,
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            locale="en-GB",
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
