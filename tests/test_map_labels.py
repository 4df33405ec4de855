"""The maps' labels and the point page's close-up: every marker's code shown without hover, no
label over another label or a marker, none cut off at its view's edge, the current point's
label off the landmarks its location is measured from; markers in reading order; the
location's measurement drawn from the rules that place the point."""

import re

import pytest

from points.maps import VIEWS, build_map, point_maps, views_of
from points.maps.closeup import _landmark_points
from points.maps.drawing import frame_of
from points.models import Point
from tests.test_maps import maps_of


def label_problems(map_):
    """What is wrong with a map's labels: overlaps, labels cut off, markers unlabelled."""
    frame = frame_of(map_["view_box"])
    problems = []
    boxes = [
        (" ".join(item["words"]), item["label"]["box"])
        for item in map_.get("measures", [])
        if item["words"]
    ]
    boxes += [(name["text"], name["box"]) for name in map_.get("names", [])]
    for marker in map_["markers"]:
        if marker.get("joined") or not frame.holds(marker["x"], marker["y"]):
            continue
        if "label" not in marker:
            problems.append(f"{marker['text']}: no label")
            continue
        boxes.append((marker["text"], marker["label"]["box"]))
    for i, (text, box) in enumerate(boxes):
        if not box.inside(frame):
            problems.append(f"{text}: cut off at the edge")
        for other, other_box in boxes[i + 1 :]:
            if box.meets(other_box):
                problems.append(f"{text} over {other}")
        for marker in map_["markers"]:
            if marker["r"] and box.near_circle(marker["x"], marker["y"], marker["r"]):
                problems.append(f"{text} over the marker of {marker['text']}")
    return [f"{map_['id']}: {problem}" for problem in problems]


@pytest.mark.django_db
def test_every_view_with_every_point_labels_each_marker_clear_of_the_others():
    points = list(Point.objects.select_related("meridian"))
    problems = []
    for name in VIEWS:
        problems += label_problems(build_map(name, points, region="side"))
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("region", ["front", "side", "back"])
def test_a_region_page_shows_every_markers_code_clear_of_the_others(client, region):
    response = client.get(f"/regions/{region}/")
    problems = [p for map_ in response.context["maps"] for p in label_problems(map_)]
    assert not problems, "\n".join(problems)
    for svg in maps_of(response.text):
        shown = re.findall(r'<text class="marker-label[^"]*"[^>]*>([^<]+)<', svg)
        codes = re.findall(r'aria-label="([A-Z]+(?:-LE)? \d+) ', svg)
        # Every code is written on the drawing (Xiyan's shares Neixiyan's label: "EX-LE 4 · 5").
        assert {c for c in codes if not c.startswith("EX-LE 5")} <= {
            code.split(" · ")[0] for code in shown
        }
        assert len(svg.encode()) <= 15_000


def meridian_of(point):
    group = Point.objects.extra_points() if point.is_extra else point.meridian.points.all()
    return list(group.select_related("meridian"))


@pytest.mark.django_db
def test_every_point_pages_labels_are_clear_and_off_the_current_points_landmarks():
    problems = []
    for point in Point.objects.select_related("meridian"):
        close, whole = point_maps(point, meridian_of(point), views_of(point))
        problems += label_problems(close)
        current = close["markers"][0]
        assert current["point"] == point and current["state"] == "is-current"
        source = VIEWS[close["source"]]
        k = float(close["view_box"].split()[2]) / close["crop"][2]
        x, v = current["x"] / k, current["y"] / k
        box = current["label"]["box"]
        covered = [
            p for p in _landmark_points(point.code, source, x, v) if box.holds(p[0] * k, p[1] * k)
        ]
        if covered:
            problems.append(f"{point.code}: its label covers its landmarks")
        for name in close["names"]:
            if any(
                name["box"].holds(p[0] * k, p[1] * k)
                for p in _landmark_points(point.code, source, x, v)
            ):
                problems.append(f"{point.code}: the name {name['text']} covers its landmarks")
        assert whole["kind"] == "orientation" and not any("label" in m for m in whole["markers"])
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "landmark"),
    [
        ("KI 3", "medial malleolus"),
        ("BL 60", "achilles centre"),
        ("GB 34", "fibula head"),
        ("ST 41", "ankle crease lateral"),
    ],
)
def test_the_label_keeps_off_the_landmark_the_location_names(code, landmark):
    point = Point.objects.select_related("meridian").get(code=code)
    close, _whole = point_maps(point, meridian_of(point), views_of(point))
    source = VIEWS[close["source"]]
    k = float(close["view_box"].split()[2]) / close["crop"][2]
    box = close["markers"][0]["label"]["box"]
    if landmark in source.anchors:
        ax, av = source.anchors[landmark]
        assert not box.holds(ax * k, av * k, 0.45 * k)
    else:
        from points.maps.closeup import _samples

        assert not any(box.holds(x * k, y * k) for x, y in _samples(source.lines[landmark], 0.1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("ST 36", {"patella", "tibial tuberosity"}),
        ("KI 3", {"medial malleolus", "Achilles tendon"}),
        ("BL 60", {"lateral malleolus", "Achilles tendon"}),
        ("GB 34", {"fibular head"}),
        ("BL 40", {"popliteal crease"}),
        ("KI 1", {"ball of the foot"}),
    ],
)
def test_the_close_up_names_the_landmarks_round_the_point(client, code, named):
    page = client.get(f"/points/{code.lower().replace(' ', '')}/").text
    close, _whole = maps_of(page)
    shown = set(re.findall(r'<text class="landmark-name"[^>]*>([^<]+)<', close))
    assert named <= shown
    caption = re.search(r'id="map-close-[^"]+-caption">(.*?)</span>', page, re.S)[1]
    assert all(name in caption for name in shown)  # said to screen readers too


@pytest.mark.django_db
def test_region_maps_name_the_landmarks_where_there_is_room_beside_them(client):
    side = client.get("/regions/side/")
    views = {m["id"]: m for m in side.context["maps"]}
    named = {name["text"] for name in views["map-lateral"]["names"]}
    assert {"fibular head", "patella"} <= named
    assert "Named: patella, fibular head" in side.text
    sole = {m["id"]: m for m in client.get("/regions/back/").context["maps"]}["map-sole"]
    assert {"heel", "ball of the foot"} <= {name["text"] for name in sole["names"]}
    for map_ in views.values():  # each name beside its landmark, never far off
        view = VIEWS[map_["id"].removeprefix("map-")]
        for name in map_["names"]:
            x, y = (n * view.scale for n in dict(view.names)[name["text"]])
            assert name["box"].near_circle(x, y, 25), name["text"]


AT = r'<a class="marker[^>]* transform="translate\([^ ]+ ([^)]+)\)"'  # a marker's place: its y


@pytest.mark.django_db
def test_markers_are_in_reading_order_with_the_current_point_first(client):
    html = client.get("/points/st36/").text
    close, whole = maps_of(html)
    names = re.findall(r'<a class="marker[^"]*" href="[^"]+" aria-label="([^"]+)"', close)
    assert names[0] == "ST 36 Zusanli"
    ys = [float(y) for y in re.findall(AT, close)]
    assert ys[1:] == sorted(ys[1:])
    for region in ["front", "side", "back"]:
        for svg in maps_of(client.get(f"/regions/{region}/").text):
            ys = [float(y) for y in re.findall(AT, svg)]
            assert ys == sorted(ys), region


def words_of(code):
    point = Point.objects.select_related("meridian").get(code=code)
    close, _whole = point_maps(point, meridian_of(point), views_of(point))
    return close, [item["words"] for item in close["measures"] if item["words"]]


@pytest.mark.django_db
def test_the_close_up_draws_the_locations_measurement_from_its_rules(client):
    close, words = words_of("ST 36")
    assert ["3 cun", "below ST 35"] in words
    assert ["1 finger width", "lateral to the", "tibial crest"] in words
    # The bracket runs from ST 35's level to ST 36's: 3 cun in the close-up's units.
    k = float(close["view_box"].split()[2]) / close["crop"][2]
    bracket = close["measures"][0]["d"]
    start, end = re.match(r"M[-\d.]+,([-\d.]+)H[-\d.]+V([-\d.]+)", bracket).groups()
    assert float(end) - float(start) == pytest.approx(3 * k, abs=0.2)
    assert ["3 cun", "above the medial", "malleolus"] in words_of("SP 6")[1]
    assert ["midway between", "the medial", "malleolus", "and the Achilles", "tendon"] in words_of(
        "KI 3"
    )[1]
    assert [
        "1/3 of the way",
        "from the 2nd-3rd",
        "toe web",
        "to the back of",
        "the heel",
    ] in words_of("KI 1")[1]
    html = client.get("/points/st36/").text
    assert "<tspan" in html and "3 cun" in html and "<script>" not in html
    for svg in maps_of(html):
        assert len(svg.encode()) <= 15_000
