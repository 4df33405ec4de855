"""The drawing: a view's skin and landmarks as SVG paths, and the maps with their points."""

import math
import re
from functools import cache

from .derivation import derive_positions
from .geometry import tidy
from .labels import Box, landmark_names, place_labels
from .landmarks import SCALE
from .views import VIEWS


def units(value, scale=SCALE):
    """A length in cun as drawing units, ``scale`` to the cun."""
    return f"{round(value * scale, 1):g}"


def smooth_path(points, closed=False, scale=SCALE):
    """An SVG path through ``points`` (in cun), smoothed as a Catmull-Rom spline."""

    def pair(x, v):
        return f"{units(x, scale)},{units(v, scale)}"

    if len(points) < 3:
        return "M" + " ".join(pair(x, v) for x, v in points)
    ring = (
        [points[-1], *points, points[0], points[1]] if closed else [points[0], *points, points[-1]]
    )
    parts = [f"M{pair(*points[0])}"]
    count = len(points) if closed else len(points) - 1
    for i in range(count):
        p0, p1, p2, p3 = ring[i], ring[i + 1], ring[i + 2], ring[i + 3]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(f"C{pair(*c1)} {pair(*c2)} {pair(*p2)}")
    if closed:
        parts.append("Z")
    return "".join(parts)


def _image(view, s, paths):
    """Where the drawing's file goes on a map: the view's box, widened to take in every path
    (a foot view's drawing runs on up the leg), with room for the strokes."""
    numbers = [float(n) for d in paths for n in re.findall(r"-?[\d.]+", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    left, top = min(view.left * s, *xs) - 2, min(view.top * s, *ys) - 2
    right, bottom = max(view.right * s, *xs) + 2, max(view.bottom * s, *ys) + 2
    box = [units(n, 1) for n in (left, top, right - left, bottom - top)]
    name = view.name if s == view.scale else f"{view.name}-{round(s, 2):g}"
    return {
        "file": f"maps/{name}.svg",
        **dict(zip(("x", "y", "width", "height"), box, strict=True)),
        "box": " ".join(box),
    }


@cache
def drawing(view_name, scale=None):
    """The fixed parts of a view: its box, the skin (fill and outline) and the landmarks,
    drawn ``scale`` units to the cun (the view's own by default), and the static file they
    are drawn in on the pages, with its place (``image``; see ``assets``). Worked out once a
    process: they depend on the view alone, never on the data."""
    view = VIEWS[view_name]
    s = scale or view.scale
    skin = smooth_path(view.outline, scale=s)
    fill = skin + "".join(f"L{units(x, s)},{units(v, s)}" for x, v in view.closing) + "Z"
    marks = [
        {"class": css, "d": smooth_path(points, closed, s)} for css, points, closed in view.marks
    ]
    return {
        "name": view.name,
        "label": view.label,
        "description": view.description,
        "view_box": view.view_box,
        "fill": fill,
        "skin": skin,
        "marks": marks,
        "image": _image(view, s, [fill, *(mark["d"] for mark in marks)]),
    }


# --- Maps with points: what the templates draw ---------------------------------------------

CROP = 12  # cun shown above and below a point on a thumbnail of it
DOT = {"is-current": 6, "is-region": 4.5, "is-other": 3, "is-faint": 3}
TYPE = {"is-current": 12, "is-region": 10, "is-other": 10, "is-faint": 10}


@cache
def _seen_on():
    """The codes each view shows, from the derivation."""
    seen = {name: set() for name in VIEWS}
    for code, places in derive_positions().items():
        for name in places:
            seen[name].add(code)
    return seen


def _leaves_view(code, after, before, view_name):
    """Whether the channel of ``code`` runs off this view between two of its points: some
    point numbered between them is placed, but not on this view (LR 6 to LR 12 on the front
    view goes round the inner knee and thigh, not over the kneecap)."""
    channel = code.rsplit(" ", 1)[0]
    seen = _seen_on()
    return any(
        f"{channel} {n}" not in seen[view_name]
        for n in range(after + 1, before)
        if any(f"{channel} {n}" in codes for codes in seen.values())
    )


def hit_radius(view_box, width=260, height=540):
    """A marker's tap target, in drawing units: at least 24 CSS px across on a 360 px phone,
    where a map is drawn at most about ``width`` px wide and ``height`` px (150vw) tall."""
    _left, _top, w, h = (float(n) for n in view_box.split())
    px_per_unit = min(width / w, height / h)
    return max(9, math.ceil(12.5 / px_per_unit))


def _join_markers_at_one_place(markers):
    """Points at the same place (Xiyan's medial eye is Neixiyan) are one marker: the first
    carries the dot and both codes, the others keep their links but draw nothing."""
    at = {}
    for marker in markers:
        at.setdefault((marker["x"], marker["y"]), []).append(marker)
    for together in at.values():
        # The current point carries the dot on its own page.
        together.sort(key=lambda marker: marker["state"] != "is-current")
        codes = sorted((m["point"] for m in together), key=lambda p: (p.code.split()[0], p.number))
        # One channel's prefix once: "EX-LE 4 · 5".
        together[0]["text"] = " · ".join(
            point.code
            if n == 0 or point.code.split()[0] != codes[0].code.split()[0]
            else str(point.number)
            for n, point in enumerate(codes)
        )
        for marker in together[1:]:
            marker["joined"] = True


def places_on(view_name, points, k=1.0):
    """The points placed on a view, with their places (times ``k``, for a close-up)."""
    from ..validators import position_on  # which imports this package

    # A malformed place (saved before it was checked, or around the check) is left off.
    return [
        (point, (tidy(place[0] * k), tidy(place[1] * k)))
        for point in points
        if (place := position_on(point, view_name))
    ]


def meridian_lines(view_name, placed):
    """The channels' lines through their points on a view, broken where a channel leaves it."""
    lines = {}  # meridian -> its stretches on this view, each a list of "x,y"
    previous = {}
    for point, (x, y) in sorted(placed, key=lambda item: item[0].number):
        if point.meridian is None:  # the extra points are on no channel's line
            continue
        stretches = lines.setdefault(point.meridian, [[]])
        before = previous.get(point.meridian)
        if before is not None and _leaves_view(point.code, before, point.number, view_name):
            stretches.append([])
        stretches[-1].append(f"{x:g},{y:g}")
        previous[point.meridian] = point.number
    return {
        "lines": [
            {"meridian": meridian, "code": meridian.code.lower(), "points": " ".join(coords)}
            for meridian, stretches in sorted(lines.items(), key=lambda item: item[0].order)
            for coords in stretches
            if len(coords) > 1
        ],
        "meridians": sorted(lines, key=lambda meridian: meridian.order),
    }


def markers_of(
    placed, state_of, *, frame, labelled=True, dot=DOT, size=TYPE, avoid=(), avoid_all=(), taken=()
):
    """The markers of a map in reading order (top to bottom, the current point first), each
    with its dot's radius and, if ``labelled``, its code's label placed clear of every other
    label and marker (``labels``); ``avoid``: landmark points the current point's label keeps
    off, ``avoid_all`` those every label keeps off (the measurement's lines), ``taken`` the
    boxes already used."""
    markers = [
        {
            "point": point,
            "meridian": point.meridian.code.lower() if point.meridian else "ex",
            "x": x,
            "y": y,
            "state": state_of(point),
        }
        for point, (x, y) in placed
    ]
    _join_markers_at_one_place(markers)
    markers.sort(key=lambda m: (m["state"] != "is-current", m["y"], m["x"]))
    for marker in markers:
        marker["r"] = 0 if marker.get("joined") else dot[marker["state"]]
    if labelled:
        shown = [m for m in markers if not m.get("joined") and frame.holds(m["x"], m["y"])]
        # The current point's label first, then the region's, then the others'.
        rank = {"is-current": 0, "is-region": 1, "is-other": 2, "is-faint": 2}
        shown.sort(key=lambda m: rank[m["state"]])
        dots = [(m["x"], m["y"], m["r"]) for m in markers if m["r"]]
        labels = [
            {
                "x": m["x"],
                "y": m["y"],
                "r": m["r"],
                "text": m["text"],
                "size": size[m["state"]],
                "avoid_landmarks": m["state"] == "is-current",
                "avoid": avoid_all,
            }
            for m in shown
        ]
        for marker, label in zip(
            shown, place_labels(labels, frame, dots, avoid, taken), strict=True
        ):
            marker["label"] = label
    return markers


def frame_of(view_box):
    left, top, width, height = (float(n) for n in view_box.split())
    return Box(left, top, left + width, top + height)


def build_map(view_name, points, *, region=None, current=None, labelled=True, whole=False):
    """A view with the given points on it, for ``templates/includes/map.html``.

    ``points`` are Point objects (with their meridian loaded); those without a place on
    this view are left out. On a region page (``region``) the region's points are drawn
    full size and the others small; with a ``current`` point (a routine's thumbnail, a point
    page's orientation) that point is highlighted and the others drawn faint, and unless
    ``whole`` the map shows the stretch of the leg CROP cun above and below it. Every drawn
    marker's code is shown, unless not ``labelled``.
    """
    from ..validators import position_on  # which imports this package

    view = VIEWS[view_name]
    placed = places_on(view_name, points)
    if current is not None:
        state_of = lambda point: "is-current" if point.pk == current.pk else "is-faint"  # noqa: E731
    elif region is not None:
        state_of = lambda point: "is-region" if point.region == region else "is-other"  # noqa: E731
    else:
        state_of = lambda point: "is-region"  # noqa: E731
    view_box = view.view_box
    if current is not None and not view.is_close and not whole:
        _x, y = position_on(current, view_name) or (0, (view.top + CROP) * SCALE)
        top = min(max(y / SCALE - CROP, view.top), view.bottom - 2 * CROP)
        bottom = min(top + 2 * CROP, view.bottom)
        view_box = (
            f"{units(view.left)} {units(top)} {units(view.right - view.left)} {units(bottom - top)}"
        )
    frame = frame_of(view_box)
    markers = markers_of(placed, state_of, frame=frame, labelled=labelled)
    names = []
    if region is not None and labelled:  # a region's views name their landmarks too
        dots = [(m["x"], m["y"], m["r"]) for m in markers if m["r"]]
        taken = [m["label"]["box"] for m in markers if m.get("label")]
        size = TYPE["is-region"]
        names = landmark_names(view, view.scale, frame, dots, taken, size=size, reach=2.5 * size)
    fixed = drawing(view_name)
    named = f" Named: {', '.join(name['text'] for name in names)}." if names else ""
    return {
        **fixed,
        "description": fixed["description"] + named,
        "names": names,
        "view_box": view_box,
        "id": f"map-{view_name}" + (f"-{current.slug}" if current is not None else ""),
        **meridian_lines(view_name, placed),
        "markers": markers,
        "faint": current is not None,
        "close": view.is_close,
        "hit": hit_radius(view_box),
    }


def views_of(point):
    """The views a point is seen on, front to back."""
    from ..validators import position_on  # which imports this package

    return [name for name in VIEWS if position_on(point, name)]
