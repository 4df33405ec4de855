"""The leg maps: every point drawn where its location puts it, linked, and the cun guide."""

import itertools
import json
import math
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from points.maps import PLACEMENTS, REGION_VIEWS, UNSEEN, VIEWS, at_height, derive_positions
from points.models import Point

# The derivation's tests need no database; those of the pages and the command are marked.
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "legpoints.json"
# The leg's 95 points: ST 31-45, SP 1-12, GB 29-44, BL 36-40 and 55-67, KI 1-10, LR 1-12,
# and the extra points EX-LE 1-12.
LEG = [
    *(f"ST {n}" for n in range(31, 46)),
    *(f"SP {n}" for n in range(1, 13)),
    *(f"GB {n}" for n in range(29, 45)),
    *(f"BL {n}" for n in [*range(36, 41), *range(55, 68)]),
    *(f"KI {n}" for n in range(1, 11)),
    *(f"LR {n}" for n in range(1, 13)),
    *(f"EX-LE {n}" for n in range(1, 13)),
]
MARKER_DIAMETER = 9  # drawing units: a marker of the region's points, r="4.5" in map.html
# Points at the same place on a view, drawn as one marker with both names.
SAME_PLACE = {
    ("front", "EX-LE 4", "EX-LE 5"): "Xiyan's marker is its medial knee eye: Neixiyan itself",
}
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
    stored = {
        i["fields"]["code"]: i["fields"]["map_positions"]
        for i in data
        if i["model"] == "points.point"
    }
    assert stored == {code: derived.get(code, {}) for code in stored}
    assert set(stored) == set(LEG)


def test_every_point_of_the_leg_is_placed_or_said_to_be_unseen():
    assert len(LEG) == len(set(LEG)) == 95
    assert set(PLACEMENTS) | set(UNSEEN) == set(LEG)
    assert not set(PLACEMENTS) & set(UNSEEN)
    positions = derive_positions()
    for code in LEG:
        assert bool(positions.get(code)) == (code not in UNSEEN), code
    assert UNSEEN == {}
    # The two points of the sole are seen on the sole, and only there.
    assert set(positions["KI 1"]) == set(positions["EX-LE 11"]) == {"sole"}


def test_no_two_markers_on_a_view_overlap():
    close = set()
    for code_a, code_b in itertools.combinations(derive_positions().items(), 2):
        (a, views_a), (b, views_b) = code_a, code_b
        for view in views_a.keys() & views_b.keys():
            distance = math.dist(views_a[view], views_b[view])
            if distance < MARKER_DIAMETER:
                close.add((view, a, b, distance))
    assert close == {(*pair, 0) for pair in SAME_PLACE}


def test_crowded_points_are_left_to_the_close_views():
    positions = derive_positions()
    # KI 4 (0.5 cun below KI 3), KI 6 and KI 8 are drawn on the inner edge of the foot only;
    # the little toe's BL 67 and the toes' extra points on the foot's views only.
    for code, view, close in [
        ("KI 4", "medial", "foot-medial"),
        ("KI 6", "medial", "foot-medial"),
        ("KI 8", "medial", "foot-medial"),
        ("BL 67", "lateral", "foot-lateral"),
        ("EX-LE 10", "front", "dorsum"),
        ("EX-LE 12", "front", "dorsum"),
    ]:
        assert view not in positions[code] and close in positions[code], code
    assert "medial" in positions["KI 3"] and "medial" in positions["KI 7"]


@pytest.mark.django_db
def test_points_at_one_place_are_one_marker_with_both_names(client):
    html = client.get("/regions/front/").text
    (front,) = [svg for svg in maps_of(html) if "Points on the front view" in svg]
    knee = [m for m in markers(front) if m["name"].startswith(("EX-LE 4 ", "EX-LE 5 "))]
    assert len(knee) == 2  # two links, for keyboards and screen readers
    assert front.count('class="dot"') == len(markers(front)) - 1  # one dot for the two
    assert "EX-LE 4 · 5</text>" in front


@pytest.mark.django_db
def test_place_points_check_passes_and_catches_an_edit(capsys):
    call_command("place_points", "--check")
    Point.objects.filter(code="ST 36").update(map_positions={"front": [0, 0]})
    with pytest.raises(CommandError):
        call_command("place_points", "--check")
    call_command("place_points")
    assert Point.objects.get(code="ST 36").map_positions == derive_positions()["ST 36"]


def test_every_point_is_inside_the_leg_on_every_view_it_is_on():
    for code, views in derive_positions().items():
        assert views, code
        for name, (x, y) in views.items():
            view, s = VIEWS[name], VIEWS[name].scale
            outline = [(px * s, py * s) for px, py in view.outline + view.closing]
            assert inside(outline, x, y), (code, name)
            assert view.left * s < x < view.right * s and view.top * s < y < view.bottom * s


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
    kidney = chain("medial", ["KI 3", "KI 7", "KI 9", "KI 10"])
    assert kidney == sorted(kidney, reverse=True)


def ascending(view, codes):
    """Whether the points are strictly higher up the leg in the order given."""
    heights = chain(view, codes)
    return all(lower > higher for lower, higher in itertools.pairwise(heights))


def test_the_new_points_follow_their_channels_along_the_leg():
    assert ascending("front", ["ST 45", "ST 44", "ST 43", "ST 42", "ST 41", "ST 36", "ST 31"])
    assert ascending("medial", ["KI 5", "KI 3", "KI 9", "KI 10"])
    assert ascending("foot-medial", ["KI 5", "KI 4", "KI 3", "KI 8"])
    assert ascending("foot-medial", ["KI 2", "KI 6", "KI 3"])  # KI 2 below the navicular
    assert chain("foot-medial", ["KI 7"]) == chain("foot-medial", ["KI 8"])
    assert ascending("front", ["LR 1", "LR 2", "LR 3", "LR 4", "LR 5", "LR 6", "LR 12"])
    assert ascending("medial", ["LR 5", "LR 6", "LR 7", "LR 8", "LR 9", "LR 10", "LR 11"])
    assert ascending("medial", ["SP 5", "SP 6", "SP 9", "SP 10", "SP 11"])
    assert ascending("lateral", ["GB 40", "GB 39", "GB 37", "GB 36", "GB 34", "GB 30", "GB 29"])
    assert chain("lateral", ["GB 36"]) == chain("lateral", ["GB 35"])
    # GB 40 to GB 44 run down the top of the foot towards the toes on the front view.
    assert ascending("front", ["GB 44", "GB 43", "GB 42", "GB 41", "GB 40"])
    assert ascending("lateral", ["BL 61", "BL 60", "BL 59"])
    # Along the sole of the side views: towards the toes is left on the lateral view, right on
    # the medial view.
    positions = derive_positions()
    bladder = [positions[code]["lateral"][0] for code in ["BL 63", "BL 64", "BL 65", "BL 66"]]
    assert bladder == sorted(bladder, reverse=True) and len(set(bladder)) == len(bladder)
    assert positions["BL 67"]["foot-lateral"][0] < positions["BL 65"]["foot-lateral"][0]
    spleen = [positions[code]["medial"][0] for code in ["SP 5", "SP 4", "SP 3", "SP 2", "SP 1"]]
    assert spleen == sorted(spleen) and len(set(spleen)) == len(spleen)
    # Across the top of the foot, medial to lateral: LR, ST, GB.
    for level in (["LR 2", "ST 44", "EX-LE 10", "GB 43"], ["LR 3", "GB 41"]):
        xs = [positions[code]["dorsum"][0] for code in level]
        assert xs == sorted(xs)


def test_the_extra_points_sit_by_their_landmarks():
    positions = derive_positions()
    y = {code: next(iter(views.values()))[1] / 10 for code, views in positions.items()}
    front = {code: views["front"] for code, views in positions.items() if "front" in views}
    assert y["EX-LE 1"] == y["ST 34"]
    assert front["EX-LE 1"][0] - front["ST 34"][0] == pytest.approx(15)  # 1.5 cun lateral
    assert y["EX-LE 3"] == y["SP 10"] - 1
    assert y["EX-LE 6"] == y["GB 34"] + 2 and y["EX-LE 7"] == y["ST 36"] + 2
    assert y["EX-LE 4"] == y["EX-LE 5"] == y["ST 35"]  # the knee eyes
    assert front["EX-LE 4"][0] < front["ST 35"][0]  # medial is to the left on the front view
    assert y["LR 5"] == y["KI 9"] and y["LR 10"] - y["LR 11"] == 1
    assert y["SP 12"] == y["LR 12"]


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


@pytest.mark.django_db
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
    for point in Point.objects.filter(region=region).exclude(code__in=UNSEEN):
        assert "is-region" in found.get(point.get_absolute_url(), set()), point.code
        assert f'aria-label="{point.code} {point.pinyin}"' in html
    for svg in svgs:
        # The leg's drawing is a static file; the busiest view (the inner side, 26 markers)
        # is about 7.6 KB of markers, labels and lines.
        assert len(svg.encode()) < 10_000
    assert "style=" not in html and "<script" not in html
    assert 'href="/cun/"' in html


@pytest.mark.django_db
def test_each_point_page_highlights_exactly_that_point(client):
    for point in Point.objects.all():
        html = client.get(point.get_absolute_url()).text
        svgs = maps_of(html)
        if point.code in UNSEEN:  # on the sole: no view shows it
            assert not svgs and not point.map_positions, point.code
            continue
        assert svgs, point.code
        assert len(svgs) == 2  # the close-up, and the whole view for orientation
        on_whole_leg = any(
            name in point.map_positions for name in ["front", "lateral", "medial", "back", "sole"]
        )
        for n, svg in enumerate(svgs):
            current = [m for m in markers(svg) if m["state"] == "is-current"]
            if n == 1 and not on_whole_leg:  # the orientation boxes its area instead
                assert not current and 'class="close-area"' in svg, point.code
                continue
            assert [m["href"] for m in current] == [point.get_absolute_url()], point.code
            assert all(m["state"] == "is-faint" for m in markers(svg) if m not in current)
            channel = point.meridian.code.lower() if point.meridian else "ex"
            assert {m["meridian"] for m in markers(svg)} == {channel}
            assert svg.count('aria-current="page"') == 1
        assert 'href="/cun/"' in html


@pytest.mark.django_db
def test_point_page_shows_the_meridian_neighbours_faint(client):
    html = client.get("/points/st36/").text
    svg, _whole = maps_of(html)
    names = {m["name"]: m["state"] for m in markers(svg)}
    assert names["ST 36 Zusanli"] == "is-current"
    assert names["ST 35 Dubi"] == "is-faint"
    # ST 37, 3 cun further down, is beyond the close-up's box: no hidden link to it.
    assert "ST 37 Shangjuxu" not in names
    assert '<polyline class="meridian m-st"' in svg
    # The close-up of the outer edge of the foot, and the outer side for orientation.
    labels = re.findall(
        r'<svg class="leg-svg"[^>]* aria-label="([^"]+)"', client.get("/points/bl60/").text
    )
    assert labels == [
        "Close-up of BL 60 on the outer edge of the foot view",
        "Points on the outer side view",
    ]


@pytest.mark.django_db
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
