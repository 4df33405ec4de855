"""The drawing: a view's skin and landmarks as SVG paths, and the maps with their points."""

import math
from functools import cache

from .derivation import derive_positions
from .landmarks import SCALE
from .views import VIEWS


def units(value, scale=SCALE):
    """A length in cun as drawing units, ``scale`` to the cun."""
    return f"{round(value * scale, 1):g}"


def smooth_path(points, closed=False, scale=SCALE):
    """An SVG path through ``points`` (in cun), smoothed as a Catmull-Rom spline."""

    def units(value):
        return f"{round(value * scale, 1):g}"

    if len(points) < 3:
        return "M" + " ".join(f"{units(x)},{units(v)}" for x, v in points)
    ring = (
        [points[-1], *points, points[0], points[1]] if closed else [points[0], *points, points[-1]]
    )
    parts = [f"M{units(points[0][0])},{units(points[0][1])}"]
    count = len(points) if closed else len(points) - 1
    for i in range(count):
        p0, p1, p2, p3 = ring[i], ring[i + 1], ring[i + 2], ring[i + 3]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{units(c1[0])},{units(c1[1])} {units(c2[0])},{units(c2[1])} "
            f"{units(p2[0])},{units(p2[1])}"
        )
    if closed:
        parts.append("Z")
    return "".join(parts)


@cache
def drawing(view_name):
    """The fixed parts of a view: its box, the skin (fill and outline) and the landmarks.
    Worked out once a process: they depend on the view alone, never on the data."""
    view = VIEWS[view_name]
    s = view.scale
    skin = smooth_path(view.outline, scale=s)
    fill = skin + "".join(f"L{units(x, s)},{units(v, s)}" for x, v in view.closing) + "Z"
    return {
        "name": view.name,
        "label": view.label,
        "description": view.description,
        "view_box": view.view_box,
        "fill": fill,
        "skin": skin,
        "marks": [
            {"class": css, "d": smooth_path(points, closed, s)}
            for css, points, closed in view.marks
        ],
    }


# --- Maps with points: what the templates draw ---------------------------------------------

# Drawing units a label's character needs (10px semi-bold, 12px for the current point's),
# and the gap between a marker and its label.
LABEL_CHAR, CURRENT_LABEL_CHAR, LABEL_GAP = 6.2, 7.5, 9
CROP = 12  # cun shown above and below a point on its own page


def _label_spot(view, x, y, others, text, current=False):
    """Where a marker's label goes: to its right if it fits inside the view there clear of
    other points, else to its left if it does there; failing both, on a side where it stays
    inside the view. Never above or below the view's box."""
    room = LABEL_GAP + len(text) * (CURRENT_LABEL_CHAR if current else LABEL_CHAR)
    s = view.scale

    def crowded(lo, hi):
        return any(lo < ox < hi and abs(oy - y) < 8 for ox, oy in others)

    fits_right, fits_left = x + room <= view.right * s, x - room >= view.left * s
    if (fits_right and not crowded(x + 2, x + room)) or not (
        fits_left and (not crowded(x - room, x - 2) or not fits_right)
    ):
        side = 1
    else:
        side = -1
    label_y = min(max(y + 3.2, view.top * s + 11), view.bottom * s - 2)
    return {
        "x": round(x + 7 * side, 1),
        "y": round(label_y, 1),
        "anchor": "start" if side == 1 else "end",
    }


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


def _hit_radius(view, view_box):
    """A marker's tap target, in drawing units: at least 24 CSS px across on a 360 px phone,
    where a map is drawn at most about 260 px wide and 540 px (150vw) tall."""
    _left, _top, width, height = (float(n) for n in view_box.split())
    px_per_unit = min(260 / width, 540 / height)
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


def build_map(view_name, points, *, region=None, current=None):
    """A view with the given points on it, for ``templates/includes/map.html``.

    ``points`` are Point objects (with their meridian loaded); those without a place on
    this view are left out. On a region page (``region``) the region's points are drawn
    full size and the others small; on a point page (``current``) that point is
    highlighted and the others, its meridian neighbours, drawn faint.
    """
    from ..validators import position_on  # which imports this package

    view = VIEWS[view_name]
    # A malformed place (saved before it was checked, or around the check) is left off.
    placed = [(point, place) for point in points if (place := position_on(point, view_name))]
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
    markers = []
    for point, (x, y) in placed:
        if current is not None:
            state = "is-current" if point.pk == current.pk else "is-faint"
        elif region is not None:
            state = "is-region" if point.region == region else "is-other"
        else:
            state = "is-region"
        markers.append(
            {
                "point": point,
                "meridian": point.meridian.code.lower() if point.meridian else "ex",
                "x": x,
                "y": y,
                "state": state,
            }
        )
    _join_markers_at_one_place(markers)
    others = [spot for _p, spot in placed]
    for marker in markers:
        if not marker.get("joined"):
            current_one = marker["state"] == "is-current"
            marker["label"] = _label_spot(
                view, *(marker["x"], marker["y"]), others, marker["text"], current_one
            )
    # Drawn last, on top: the highlighted point, then the points of the region.
    order = {"is-faint": 0, "is-other": 0, "is-region": 1, "is-current": 2}
    markers.sort(key=lambda marker: order[marker["state"]])
    box = {}
    if current is not None and not view.is_close:
        # A point's page shows the stretch of the leg around it, CROP cun above and below.
        _x, y = position_on(current, view_name) or (0, (view.top + CROP) * SCALE)
        top = min(max(y / SCALE - CROP, view.top), view.bottom - 2 * CROP)
        bottom = min(top + 2 * CROP, view.bottom)
        box = {
            "view_box": f"{units(view.left)} {units(top)} {units(view.right - view.left)} "
            f"{units(bottom - top)}"
        }
    return {
        **drawing(view_name),
        **box,
        "id": f"map-{view_name}" + (f"-{current.slug}" if current is not None else ""),
        "lines": [
            {"meridian": meridian, "code": meridian.code.lower(), "points": " ".join(coords)}
            for meridian, stretches in sorted(lines.items(), key=lambda item: item[0].order)
            for coords in stretches
            if len(coords) > 1
        ],
        "meridians": sorted(lines, key=lambda meridian: meridian.order),
        "markers": markers,
        "faint": current is not None,
        "close": view.is_close,
        "hit": _hit_radius(view, box.get("view_box", view.view_box)),
    }


def views_of(point):
    """The views a point is seen on, front to back."""
    from ..validators import position_on  # which imports this package

    return [name for name in VIEWS if position_on(point, name)]
