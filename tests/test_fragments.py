"""The leg maps kept while their points are unchanged (points/caching/fragments.py): a page
drawn from them is the same, byte for byte, as one drawn afresh, and an edit shows on the
next page."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from points.maps import build_map
from points.models import Meridian, Point
from points.views import browse, point
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

MAPS = re.compile(r'<div class="leg-maps[^"]*">.*?</div>', re.S)
PAGES = ["/points/st36/", "/points/ex-le5/", "/regions/side/", "/regions/back/?page=1"]


@pytest.fixture
def drawings(monkeypatch):
    """The maps the views draw (a region's build_map calls, a point page's point_maps)."""
    drawn = []
    for module, name in ((point, "point_maps"), (browse, "build_map")):
        original = getattr(module, name)
        monkeypatch.setattr(
            module, name, lambda *a, _f=original, **k: drawn.append(a[0]) or _f(*a, **k)
        )
    return drawn


def maps_of(html):
    found = MAPS.search(html)
    assert found, "the page has no maps"
    return found[0]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_with_kept_maps_is_the_page_drawn_afresh(client, settings, drawings, path):
    settings.FRAGMENT_CACHE_SECONDS = 0  # as in debug: drawn on every page
    fresh = client.get(path).content
    drawn = len(drawings)
    assert drawn and client.get(path).content == fresh and len(drawings) == 2 * drawn
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert client.get(path).content == fresh  # drawn, then kept
    drawings.clear()
    assert client.get(path).content == fresh  # from what was kept
    assert drawings == [], "the maps were drawn again"


def test_an_edit_to_a_point_shows_on_the_maps_of_the_next_page(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    before = maps_of(client.get("/points/st36/").text)
    assert 'aria-label="ST 35 Dubi"' in before  # the neighbour the measurement starts from
    neighbour = Point.objects.get(slug="st35")
    neighbour.pinyin = "Dubi Renamed"
    neighbour.save()
    renamed = maps_of(client.get("/points/st36/").text)
    assert 'aria-label="ST 35 Dubi Renamed"' in renamed
    x, y = neighbour.map_positions["front"]
    neighbour.map_positions = {**neighbour.map_positions, "front": [x + 4, y]}
    neighbour.save()
    moved = maps_of(client.get("/points/st36/").text)
    assert moved != renamed  # drawn again where it now is


def test_a_change_that_bypasses_the_signals_shows_on_the_region_maps_too(client, settings):
    """The kept maps are filed under their points' rows, not the content stamp: a change
    made without the models' signals (a bulk update) draws them again as well."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    before = maps_of(client.get("/regions/front/").text)
    assert 'aria-label="ST 36 Zusanli"' in before
    Point.objects.filter(slug="st36").update(pinyin="Renamed")
    after = maps_of(client.get("/regions/front/").text)
    assert 'aria-label="ST 36 Renamed"' in after and "Zusanli" not in after


def test_an_edit_in_the_admin_shows_on_the_maps_of_the_next_page(admin_client, client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert 'aria-label="ST 35 Dubi"' in maps_of(client.get("/points/st36/").text)
    neighbour = Point.objects.get(slug="st35")
    url = reverse("admin:points_point_change", args=[neighbour.pk])
    data = form_data(admin_client.get(url)) | {"pinyin": "Dubi Edited"}
    assert admin_client.post(url, data).status_code == 302
    assert 'aria-label="ST 35 Dubi Edited"' in maps_of(client.get("/points/st36/").text)


def test_a_meridians_new_name_shows_in_the_legend_of_the_kept_maps(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert ">Stomach</a> (ST)" in maps_of(client.get("/regions/front/").text)
    Meridian.objects.filter(code="ST").update(name="Stomach Channel")
    assert ">Stomach Channel</a> (ST)" in maps_of(client.get("/regions/front/").text)


def test_a_plain_list_of_maps_is_drawn_every_time_and_never_kept():
    points = list(Point.objects.for_cards().filter(region="front"))
    front = [build_map("front", points, region="front")]
    dorsum = [build_map("dorsum", points, region="front")]
    first = render_to_string("includes/map_list.html", {"maps": front})
    second = render_to_string("includes/map_list.html", {"maps": dorsum})
    assert 'id="map-front-caption"' in first and 'id="map-dorsum-caption"' in second
