import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real fixture once; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("loaddata", "legpoints", verbosity=0)


@pytest.fixture(autouse=True)
def _plain_pages_and_static(settings):
    """Tests see every response fresh (the page cache has its own tests), and static
    files by their plain names (hashed names need collectstatic first)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache_breakers():
    """Every test starts with Redis's circuit breakers closed (see points/cache.py), and
    no pages held in the process (points/caching/hot.py)."""
    from points.cache import BREAKERS
    from points.caching.hot import HOT

    BREAKERS.clear()
    HOT.clear()
    yield
    BREAKERS.clear()
    HOT.clear()


@pytest.fixture(autouse=True)
def _fresh_fragments():
    """Every test starts with no drawn maps kept (points/caching/fragments.py), so that what
    it sees drawn is drawn in it."""
    from django.core.cache import caches

    caches["template_fragments"].clear()
    yield
    caches["template_fragments"].clear()
