"""The foot's views: the sole, and the close views of the top and the edges of the foot."""

import math

import pytest

from points.maps import PLACEMENTS, REGION_VIEWS, VIEWS, derive_positions
from points.maps.foot import SOLE_WEBS
from tests.test_maps import maps_of, markers

FOOT_VIEWS = ["dorsum", "foot-medial", "foot-lateral", "sole"]


def test_ki1_is_a_third_of_the_way_from_the_second_web_to_the_back_of_the_heel():
    sole = VIEWS["sole"]
    x, y = (c / sole.scale for c in derive_positions()["KI 1"]["sole"])
    web_x, web_v = SOLE_WEBS[1]  # between the second and third toes
    assert (x, y) == pytest.approx((web_x * 2 / 3, web_v * 2 / 3), abs=0.01)
    # In the middle of the sole, behind the ball of the foot (the metatarsal heads, ~7.5 cun).
    assert 5 < y < 7 and abs(x) < 0.5


def test_duyin_is_on_the_second_toe_behind_its_tip():
    sole = VIEWS["sole"]
    duyin = [c / sole.scale for c in derive_positions()["EX-LE 11"]["sole"]]
    ki1 = [c / sole.scale for c in derive_positions()["KI 1"]["sole"]]
    assert duyin[1] - ki1[1] > 3  # well forward of KI 1, on the toe
    assert SOLE_WEBS[1][0] < duyin[0] < SOLE_WEBS[0][0]  # between the webs either side


def test_close_views_enlarge_their_frames_and_keep_its_places():
    positions = derive_positions()
    for name in ("dorsum", "foot-medial", "foot-lateral"):
        close = VIEWS[name]
        frame = VIEWS[close.frame]
        assert close.scale > frame.scale
        for code, places in positions.items():
            own = name in PLACEMENTS[code][1]
            if name in places and close.frame in places and not own:
                fx, fy = (c / frame.scale for c in places[close.frame])
                cx, cy = (c / close.scale for c in places[name])
                assert math.dist((fx, fy), (cx, cy)) < 0.02, (code, name)


def test_every_foot_point_is_on_a_foot_view():
    positions = derive_positions()
    foot = ["KI 1", "KI 2", "SP 1", "SP 4", "BL 60", "BL 67", "GB 41", "LR 3", "ST 42"]
    for code in foot + ["EX-LE 10", "EX-LE 11", "EX-LE 12"]:
        assert set(positions[code]) & set(FOOT_VIEWS), code
    # SP 1 and BL 67, at the corners of the big and little toenails, are seen from above too.
    assert positions["SP 1"]["dorsum"][0] < positions["LR 1"]["dorsum"][0]
    assert positions["BL 67"]["dorsum"][0] > positions["GB 44"]["dorsum"][0]


@pytest.mark.django_db
def test_the_sole_is_on_the_back_region_page_with_its_points(client):
    assert "sole" in REGION_VIEWS["back"]
    html = client.get("/regions/back/").text
    sole = next(svg for svg in maps_of(html) if 'aria-label="Points on the sole view"' in svg)
    names = {m["name"] for m in markers(sole)}
    assert names == {"KI 1 Yongquan", "EX-LE 11 Duyin"}


@pytest.mark.django_db
def test_a_foot_points_page_shows_its_foot_views(client):
    close, sole = maps_of(client.get("/points/ki1/").text)
    assert 'aria-label="Close-up of KI 1 on the sole view"' in close
    assert 'aria-label="Points on the sole view"' in sole
    assert any(m["state"] == "is-current" for m in markers(sole))
    html = client.get("/points/st42/").text
    labels = [svg.split('aria-label="', 1)[1].split('"', 1)[0] for svg in maps_of(html)]
    assert labels == ["Close-up of ST 42 on the top of the foot view", "Points on the front view"]
