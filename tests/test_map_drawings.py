"""The leg's fixed drawing (skin and landmarks): one static SVG file a view and scale, shared
by every page's maps, up to date with the code, served, decorative, and in colours that read
on the skin."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import CommandError

from points.maps.assets import DARK, colours, expected, site_css_path
from tests.browser.test_map_legibility import contrast

STATIC = Path(django_settings.BASE_DIR) / "static"
# A map's drawing: an image in the map's decorative (aria-hidden) group, at the view's box.
IMAGE = re.compile(
    r'<g class="leg-drawing" aria-hidden="true">\s*<image href="/static/(maps/[\w.-]+\.svg)"'
    r' x="[-\d.]+" y="[-\d.]+" width="[\d.]+" height="[\d.]+"/>'
)
MAP_PAGES = {  # page: the drawings its maps show (a close-up's at its own scale)
    "/regions/front/": {"maps/front.svg", "maps/dorsum.svg"},
    "/regions/side/": {
        f"maps/{name}.svg"
        for name in ["lateral", "medial", "front", "dorsum", "foot-medial", "foot-lateral"]
    },
    "/points/st36/": {"maps/front-36.36.svg", "maps/front.svg"},
    "/points/ki1/": {"maps/sole-58.82.svg", "maps/sole.svg"},
    "/cun/": {"maps/lateral.svg", "maps/medial.svg"},
}


def test_the_drawing_files_are_up_to_date_with_the_views_and_the_colours():
    files = expected()
    for name, text in files.items():
        assert (STATIC / name).read_text(encoding="utf-8") == text, "run manage.py draw_maps"
    assert {f"maps/{path.name}" for path in (STATIC / "maps").iterdir()} == set(files)


def test_draw_maps_finds_a_stale_or_stray_file_and_writes_them_again(tmp_path, settings):
    shutil.copytree(STATIC / "maps", tmp_path / "static" / "maps")
    settings.BASE_DIR = tmp_path
    call_command("draw_maps", "--check")
    stale = tmp_path / "static" / "maps" / "front.svg"
    stale.write_text(stale.read_text().replace("stroke-width:1.4", "stroke-width:2"))
    (tmp_path / "static" / "maps" / "old.svg").write_text("<svg/>")
    with pytest.raises(CommandError, match=r"maps/front\.svg, maps/old\.svg"):
        call_command("draw_maps", "--check")
    call_command("draw_maps")
    call_command("draw_maps", "--check")
    assert stale.read_text() == (STATIC / "maps" / "front.svg").read_text()
    assert not (tmp_path / "static" / "maps" / "old.svg").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "drawings"), MAP_PAGES.items())
def test_each_map_shows_its_drawing_from_a_served_static_file(client, settings, url, drawings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    html = client.get(url).text
    shown = IMAGE.findall(html)
    assert len(shown) == html.count('<svg class="leg-svg"') and set(shown) == drawings
    assert 'class="skin' not in html  # the paths are in the files, not on the page
    for name in drawings:
        assert finders.find(name), name
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
        # Its own inline style, and nothing else: no script, no other resource.
        assert response["Content-Security-Policy"] == settings.MAP_DRAWING_CSP
        body = b"".join(response.streaming_content).decode()
        response.close()
        assert '<path class="skin-fill"' in body and '<path class="skin"' in body
        assert f"@media {DARK}" in body and "<script" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "queries"),
    [("/regions/side/", 3), ("/points/st36/", 11), ("/cun/", 0), ("/routines/knee-pain/", 5)],
)
def test_the_map_pages_keep_their_query_counts(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_drawings_lines_reach_3_to_1_on_the_skin_in_light_and_dark():
    found = colours(site_css_path().read_text(encoding="utf-8"))
    assert set(found) == {"", DARK}
    for media, values in found.items():
        colour = {
            name: [int(value[i : i + 2], 16) for i in (1, 3, 5)]
            for name, value in (item.split(":") for item in values.split(";"))
        }
        assert set(colour) == {"--skin", "--skin-line", "--mark-line"}
        for line in ("--skin-line", "--mark-line"):
            assert contrast(colour[line], colour["--skin"]) >= 3, (media, line)
