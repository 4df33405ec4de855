"""A point's page: a large close-up of the area round the point, with its neighbours, the
landmarks and the location's own measurement drawn, and a whole-leg view for orientation.

The close-up enlarges the view the point is clearest on (a foot view if it is on one) to
``CLOSE_UNITS`` drawing units across, about a phone's width in CSS px, so that its type and
markers are as large as the other maps' on a phone and larger on a wide screen. Its box takes
in the point and everything its measurement spans (``measures``), within sensible limits.
"""

import math
import re
from functools import cache

from .derivation import derive_positions
from .drawing import drawing, frame_of, hit_radius, markers_of, meridian_lines, places_on, units
from .geometry import tidy
from .labels import NAME_TYPE, landmark_names, place_labels
from .measures import landmarks_of, measurement
from .views import VIEWS

CLOSE_UNITS = 400  # the close-up's width in drawing units
WIDTH = 11  # cun across a close-up of a whole-leg view
FOOT_WIDTH = 8  # cun across a close-up of a foot view
DOT = {"is-current": 7, "is-faint": 4.5}
TYPE = {"is-current": 15, "is-faint": 13}
MEASURE_TYPE = 13
NEAR = 2.5  # cun: the drawn bones and tendons the point's label keeps off


@cache
def _derived():
    return derive_positions()


def source_of(point, names):
    """The view a point's close-up enlarges: a foot view if it is on one well inside its box
    (2 cun below its top), else the first."""
    from ..validators import position_on  # which imports this package

    def inside(name):
        view = VIEWS[name]
        return position_on(point, name)[1] / view.scale - view.top >= 2

    close = [name for name in names if VIEWS[name].is_close and inside(name)]
    return (close or names)[0]


def _width(view):
    """The cun across a close-up of ``view``."""
    return min(FOOT_WIDTH if view.is_close else WIDTH, view.right - view.left)


def close_scale(view):
    """The drawing units to the cun of a close-up of ``view``: one scale a view."""
    return CLOSE_UNITS / _width(view)


def _crop(view, x, v, measures):
    """The close-up's box in cun: (left, top, width, height)."""
    xs, vs = [x], [v]
    for item in measures:
        for key in ("a", "b"):
            xs.append(item[key][0])
            vs.append(item[key][1])
    width = _width(view)
    low, high = min(vs) - 1.5, max(vs) + 1.5
    height = min(max(high - low, 0.75 * width), 1.4 * width, view.bottom - view.top)
    middle = (low + high) / 2 if high - low <= height else v
    top = min(max(middle - height / 2, view.top), view.bottom - height)
    centre = (min(xs) + max(xs)) / 2
    left = min(max(centre - width / 2, view.left), view.right - width)
    return left, top, width, height


def _samples(points, step):
    """Points every ``step`` along a polyline."""
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        n = max(1, int(math.dist((x0, y0), (x1, y1)) / step))
        out += [(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n + 1)]
    return out or list(points)


def _landmark_points(code, view, x, v):
    """Points (in cun) of the landmarks ``code``'s label keeps off: the anchors and lines its
    rules name, and the bones and tendons drawn near it."""
    out = []
    for name in landmarks_of(code, view):
        if name in view.anchors:
            ax, av = view.anchors[name]
            out += [
                (ax + 0.45 * math.cos(a / 6 * math.pi), av + 0.45 * math.sin(a / 6 * math.pi))
                for a in range(12)
            ] + [(ax, av)]
        elif name in view.lines and not name.endswith("edge"):  # the skin is no landmark
            out += _samples(view.lines[name], 0.15)
    for css, points, closed in view.marks:
        if css in ("bone", "tendon") and any(math.dist(p, (x, v)) < NEAR for p in points):
            out += _samples([*points, points[0]] if closed else points, 0.15)
    return out


def _path(item, k, r):
    """The SVG path of a measurement item, in drawing units (``k`` to the cun)."""
    (ax, av), (bx, bv) = item["a"], item["b"]
    ax, av, bx, bv = ax * k, av * k, bx * k, bv * k
    f = lambda n: f"{round(n, 1):g}"  # noqa: E731
    if item["kind"] == "guide":  # a line to follow; its words (if any) by its middle
        return f"M{f(ax)},{f(av)}L{f(bx)},{f(bv)}", ((ax + bx) / 2, (av + bv) / 2)
    if item.get("vertical"):  # from the reference's level, down or up beside the point
        column = bx + item["side"] * (r + 16)
        d = f"M{f(ax)},{f(av)}H{f(column)}V{f(bv)}H{f(bx + item['side'] * (r + 3))}"
        return d, (column, (av + bv) / 2)
    if item.get("tick") is None:  # across from a line, under the point
        low = bv + r + 12
        d = f"M{f(ax)},{f(av)}V{f(low)}H{f(bx)}V{f(bv + r + 3)}"
        return d, ((ax + bx) / 2, low)
    tx, tv = item["tick"][0] * k, item["tick"][1] * k
    if abs(bv - av) < 0.01:  # a ruler between two lines, under the point
        low = bv + r + 12
        d = (
            f"M{f(ax)},{f(low - 5)}V{f(low + 5)}M{f(ax)},{f(low)}H{f(bx)}"
            f"M{f(bx)},{f(low - 5)}V{f(low + 5)}M{f(tx)},{f(low)}V{f(tv + r + 3)}"
        )
        return d, (tx, low)
    length = math.dist((ax, av), (bx, bv))  # a ruler from a to b, with end ticks
    nx, ny = -(bv - av) / length * 5, (bx - ax) / length * 5
    d = (
        f"M{f(ax)},{f(av)}L{f(bx)},{f(bv)}M{f(ax - nx)},{f(av - ny)}L{f(ax + nx)},{f(av + ny)}"
        f"M{f(bx - nx)},{f(bv - ny)}L{f(bx + nx)},{f(bv + ny)}"
    )
    return d, ((ax + bx) / 2, (av + bv) / 2)


def close_up(point, points, names):
    """The close-up of ``point`` with its channel's ``points``, for ``map.html``."""
    from ..validators import position_on  # which imports this package

    source = VIEWS[source_of(point, names)]
    px, py = position_on(point, source.name)
    x, v = px / source.scale, py / source.scale
    # Points of other channels a rule measures from (ST 34 for Kuangu) at their derived place.
    places = {code: at.get(source.name) for code, at in _derived().items()}
    places.update({p.code: position_on(p, source.name) for p in points})

    def place_of(code):
        place = places.get(code)
        return (place[0] / source.scale, place[1] / source.scale) if place else None

    measures = measurement(point.code, source, place_of, source.anchors.get)
    left, top, width, height = _crop(source, x, v, measures)
    k = close_scale(source)
    view_box = " ".join(units(n, k) for n in (left, top, width, height))
    frame = frame_of(view_box)
    # The bracket's column goes on the side away from the line the point is measured across
    # from, or where there is more room.
    across = next((m for m in measures if not m.get("vertical") and m["kind"] == "bracket"), None)
    side = 1 if x - left < left + width - x else -1
    if across is not None and abs(across["a"][0] - x) > 0.01:
        side = 1 if x > across["a"][0] else -1
    drawn, words = [], []
    for item in measures:
        item["side"] = side
        d, at = _path(item, k, DOT["is-current"])
        drawn.append({"kind": item["kind"], "d": d})
        if item["words"] and at:
            words.append((item, at))
    lines = [p for item in drawn for p in _path_points(item["d"])]
    marks = [(lx * k, lv * k) for lx, lv in _landmark_points(point.code, source, x, v)]
    # Only the points inside the box are markers (links): none is hidden beyond its edge.
    everywhere = places_on(source.name, points, k / source.scale)
    placed = [
        (p, (mx, my)) for p, (mx, my) in everywhere if frame.holds(mx, my, -DOT["is-current"])
    ]
    dots = [
        (mx, my, DOT["is-current" if p.pk == point.pk else "is-faint"]) for p, (mx, my) in placed
    ]
    said = place_labels(
        [
            {
                "x": ax,
                "y": ay,
                "r": 2,
                "text": item["words"],
                "size": MEASURE_TYPE,
                "side": side,
                "avoid": [*marks, *lines],
            }
            for item, (ax, ay) in words
        ],
        frame,
        dots,
    )
    measures_out = []
    for item, label in zip((item for item, _at in words), said, strict=True):
        if not label.get("crowded"):  # no room anywhere: the bracket goes unlabelled
            item["label"] = label
    for item, path in zip(measures, drawn, strict=True):
        measures_out.append(
            {**path, "words": item["words"] if "label" in item else [], "label": item.get("label")}
        )
    markers = markers_of(
        placed,
        lambda p: "is-current" if p.pk == point.pk else "is-faint",
        frame=frame,
        dot=DOT,
        size=TYPE,
        avoid=[*marks, *lines],
        taken=[label["box"] for label in said if not label.get("crowded")],
        avoid_all=lines,
    )
    taken = [label["box"] for label in said if not label.get("crowded")]
    taken += [m["label"]["box"] for m in markers if m.get("label")]
    names = landmark_names(source, k, frame, dots, taken, [*marks, *lines], NAME_TYPE)
    named = f" ({', '.join(name['text'] for name in names)})" if names else ""
    return {
        **drawing(source.name, k),
        "view_box": view_box,
        "id": f"map-close-{point.slug}",
        "description": f"The area round {point.code} on the {source.label.lower()} view, "
        f"enlarged, with the landmarks{named} and the measurement of its location.",
        "names": names,
        "kind": "close-up",
        "current": point,
        **meridian_lines(source.name, everywhere),
        "markers": markers,
        "measures": measures_out,
        "faint": True,
        "close": True,
        "hit": hit_radius(view_box, width=280, height=420),
        "crop": (left, top, width, height),
        "source": source.name,
    }


def _path_points(d):
    """Points every few units along an SVG path of M, L, H and V commands."""
    points, at = [], None
    for command, numbers in re.findall(r"([MLHV])([-\d.,]+)", d):
        values = [float(n) for n in numbers.split(",")]
        if command == "M":
            at = tuple(values)
            continue
        if command == "H":
            nxt = (values[0], at[1])
        elif command == "V":
            nxt = (at[0], values[0])
        else:
            nxt = tuple(values)
        points += _samples([at, nxt], 3)
        at = nxt
    return points


def orientation(point, close, names):
    """A whole view for orientation: the one the close-up is part of, with the close-up's area
    boxed, if the point is on it; else a whole-leg view the point is on."""
    from .drawing import build_map

    source = VIEWS[close["source"]]
    whole = VIEWS[source.frame] if source.frame else source
    if whole.name not in names:
        whole = next((VIEWS[n] for n in names if not VIEWS[n].is_close), whole)
    view = build_map(whole.name, [point], current=point, labelled=False, whole=True)
    view["kind"] = "orientation"
    view["id"] = f"map-whole-{point.slug}"
    view["hit"] = hit_radius(view["view_box"], width=110, height=330)
    if whole.name in (source.name, source.frame):
        s = whole.scale
        left, top, width, height = close["crop"]
        view["area"] = {
            key: tidy(n * s)
            for key, n in zip(
                ("x", "y", "width", "height"), (left, top, width, height), strict=True
            )
        }
        view["description"] = "The box is the close-up's area."
    else:
        view["description"] = f"Where {point.code} is on the whole leg."
    return view


def point_maps(point, points, names):
    """The maps of a point's page: its close-up, then the whole view for orientation."""
    if not names:
        return []
    close = close_up(point, points, names)
    return [close, orientation(point, close, names)]
