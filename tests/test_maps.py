"""The leg maps: every point drawn where its location puts it, linked, and the cun guide."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from points.maps import PLACEMENTS, REGION_VIEWS, VIEWS, at_height, derive_positions
from points.models import Point

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "legpoints.json"
SVG = re.compile(r"<svg class=\"leg-svg\".*?</svg>", re.S)
MARKER = re.compile(r'<a class="marker m-(\w+) (is-\w+)" href="([^"]+)" aria-label="([^"]+)"')


def maps_of(html):
    return SVG.findall(html)


def markers(svg):
    return [{"meridian": m, "state": s, "href": h, "name": n} for m, s, h, n in MARKER.findall(svg)]


def inside(polygon, x, y):
    """Whether (x, y) is inside the polygon (ray casting)."""
    result = False
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (x1 - x0) * (y - y0) / (y1 - y0):
            result = not result
    return result


def test_the_fixture_holds_exactly_what_the_derivation_computes():
    derived = derive_positions()
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    codes = {i["pk"]: i["fields"]["code"] for i in data if i["model"] == "points.meridian"}
    stored = {
        f"{codes[i['fields']['meridian']]} {i['fields']['number']}": i["fields"]["map_positions"]
        for i in data
        if i["model"] == "points.point"
    }
    assert stored == derived
    assert set(PLACEMENTS) == set(Point.objects.values_list("code", flat=True))


def test_place_points_check_passes_and_catches_an_edit(capsys):
    call_command("place_points", "--check")
    Point.objects.filter(code="ST 36").update(map_positions={"front": [0, 0]})
    with pytest.raises(CommandError):
        call_command("place_points", "--check")
    call_command("place_points")
    assert Point.objects.get(code="ST 36").map_positions == derive_positions()["ST 36"]


def test_every_point_is_inside_the_leg_on_at_least_one_view():
    for code, views in derive_positions().items():
        assert views, code
        for name, (x, y) in views.items():
            view = VIEWS[name]
            outline = [(px * 10, py * 10) for px, py in view.outline + view.closing]
            assert inside(outline, x, y), (code, name)
            assert view.left * 10 < x < view.right * 10 and view.top * 10 < y < view.bottom * 10


def chain(view, codes):
    positions = derive_positions()
    return [positions[code][view][1] for code in codes]


def test_points_ordered_along_a_meridian_are_ordered_along_the_leg():
    stomach = chain("front", ["ST 32", "ST 33", "ST 34", "ST 35", "ST 36", "ST 37", "ST 38"])
    assert stomach == sorted(stomach) and len(set(stomach)) == len(stomach)
    st32, st36, st41 = chain("front", ["ST 32", "ST 36", "ST 41"])
    assert st32 < st36 < st41  # downwards is larger y
    assert chain("front", ["ST 39", "ST 41", "ST 42", "ST 43", "ST 44"]) == sorted(
        chain("front", ["ST 39", "ST 41", "ST 42", "ST 43", "ST 44"])
    )
    spleen = chain("medial", ["SP 4", "SP 6", "SP 7", "SP 8", "SP 9", "SP 10", "SP 11"])
    assert spleen == sorted(spleen, reverse=True) and len(set(spleen)) == len(spleen)
    gallbladder = chain(
        "lateral", ["GB 30", "GB 31", "GB 32", "GB 33", "GB 34", "GB 35", "GB 38", "GB 39"]
    )
    assert gallbladder == sorted(gallbladder) and len(set(gallbladder)) == len(gallbladder)
    bladder = chain(
        "back",
        ["BL 36", "BL 37", "BL 38", "BL 40", "BL 55", "BL 56", "BL 57", "BL 58", "BL 59", "BL 60"],
    )
    assert bladder == sorted(bladder) and len(set(bladder)) == len(bladder)
    assert chain("lateral", ["BL 60", "BL 62", "BL 61"]) == sorted(
        chain("lateral", ["BL 60", "BL 62", "BL 61"])
    )
    kidney = chain("medial", ["KI 6", "KI 3", "KI 7", "KI 9", "KI 10"])  # KI 6 is below KI 3
    assert kidney == sorted(kidney, reverse=True)


def test_places_follow_the_proportional_measures():
    positions = derive_positions()
    y = {code: views[next(iter(views))][1] / 10 for code, views in positions.items()}
    assert y["BL 40"] - y["BL 36"] == 14  # gluteal fold to popliteal crease
    assert y["BL 60"] - y["BL 40"] == 16  # popliteal crease to lateral malleolus
    assert y["KI 3"] - y["SP 9"] == 13  # medial condyle to medial malleolus
    assert y["KI 3"] - y["SP 6"] == 3 and y["SP 9"] - y["SP 8"] == -3
    assert y["ST 36"] - y["ST 35"] == 3 and y["ST 39"] - y["ST 35"] == 9
    assert y["ST 38"] == y["ST 40"] and y["GB 35"] == y["BL 58"]
    assert y["BL 40"] - y["GB 31"] == 7 and y["BL 60"] - y["GB 39"] == 3
    # Across: ST 36 one finger width lateral to the tibial crest (lateral is +x on the front).
    crest = VIEWS["front"].lines["tibial crest"]
    assert positions["ST 40"]["front"][0] > positions["ST 38"]["front"][0]
    assert positions["ST 36"]["front"][0] == pytest.approx(
        (at_height(crest, 22.5) + 1) * 10, abs=0.1
    )


@pytest.mark.parametrize("region", ["front", "side", "back"])
def test_every_point_of_a_region_is_a_link_on_its_maps(
    client, region, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):  # the region's count and page, the maps' points
        response = client.get(f"/regions/{region}/")
    html = response.text
    svgs = maps_of(html)
    assert len(svgs) == len(REGION_VIEWS[region])
    found = {}
    for svg in svgs:
        for marker in markers(svg):
            found.setdefault(marker["href"], set()).add(marker["state"])
    for point in Point.objects.filter(region=region):
        assert "is-region" in found.get(point.get_absolute_url(), set()), point.code
        assert f'aria-label="{point.code} {point.pinyin}"' in html
    for svg in svgs:
        assert len(svg.encode()) < 15_000
    assert "style=" not in html and "<script" not in html
    assert 'href="/cun/"' in html


def test_each_point_page_highlights_exactly_that_point(client):
    for point in Point.objects.all():
        html = client.get(point.get_absolute_url()).text
        svgs = maps_of(html)
        assert svgs, point.code
        assert len(svgs) == len(point.map_positions)
        for svg in svgs:
            current = [m for m in markers(svg) if m["state"] == "is-current"]
            assert [m["href"] for m in current] == [point.get_absolute_url()], point.code
            assert all(m["state"] == "is-faint" for m in markers(svg) if m not in current)
            assert {m["meridian"] for m in markers(svg)} == {point.meridian.code.lower()}
            assert svg.count('aria-current="page"') == 1
        assert 'href="/cun/"' in html


def test_point_page_shows_the_meridian_neighbours_faint(client):
    html = client.get("/points/st36/").text
    (svg,) = maps_of(html)
    names = {m["name"]: m["state"] for m in markers(svg)}
    assert names["ST 36 Zusanli"] == "is-current"
    assert names["ST 35 Dubi"] == names["ST 37 Shangjuxu"] == "is-faint"
    assert '<polyline class="meridian m-st"' in svg
    assert len(maps_of(client.get("/points/bl60/").text)) == 2  # from behind and the side


def test_cun_guide(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/cun/")
    html = response.text
    assert response.status_code == 200 and html.count("<h1") == 1
    for words in ["Thumb width: 1 cun", "1.5 cun", "3 cun", "WHO Standard Acupuncture Point"]:
        assert words in html
    for cun in [19, 14, 16, 18, 2, 15, 13, 3]:
        assert f"<td>{cun}</td>" in html and f">{cun}</text>" in html
    assert "style=" not in html and "<script" not in html
