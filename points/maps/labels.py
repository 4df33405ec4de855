"""Where the labels go: every marker's code, always shown, never over another label, a marker,
or (on a point's page) the landmarks its location is measured from, and never cut off.

A label goes beside its marker where there is room (right, left, then the corners, above and
below); failing that, further away with a leader line back to the marker, at the nearest place
that is free. Everything is measured in the view's drawing units; a label's box is estimated
from its text (semi-bold digits and capitals run about 0.62 of the type's size wide) with a
little room for the halo drawn round it.
"""

import itertools
import math
from dataclasses import dataclass
from functools import cache

from .geometry import tidy

CHAR = 0.7  # a character's width, in units of the type's size (DejaVu Sans is wide)
PAD = 1.5  # room round a label's box for its halo
GAP = 3  # between a marker's dot and its label
NAME_TYPE = 12  # a landmark's name on a close-up, in drawing units


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other):
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def holds(self, x, y, margin=0.0):
        return (
            self.x0 - margin <= x <= self.x1 + margin and self.y0 - margin <= y <= self.y1 + margin
        )

    def near_circle(self, cx, cy, r):
        """Whether a circle reaches into the box."""
        nx, ny = min(max(cx, self.x0), self.x1), min(max(cy, self.y0), self.y1)
        return math.hypot(cx - nx, cy - ny) < r

    def inside(self, frame):
        return (
            self.x0 >= frame.x0
            and self.x1 <= frame.x1
            and self.y0 >= frame.y0
            and self.y1 <= frame.y1
        )


def text_box(x, baseline, anchor, text, size):
    """The box a label's text covers, halo included; ``text`` may be a list of lines, set
    1.15 of the type's size apart."""
    lines = [text] if isinstance(text, str) else text
    width = max(len(line) for line in lines) * size * CHAR
    x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    bottom = baseline + 1.15 * size * (len(lines) - 1) + 0.22 * size + PAD
    return Box(x0 - PAD, baseline - 0.78 * size - PAD, x0 + width + PAD, bottom)


def _beside(x, y, r, size):
    """The places right next to a marker: (label x, baseline, anchor)."""
    g = r + GAP
    d = g * 0.72
    mid = y + 0.3 * size  # the baseline that centres the text on the marker
    return [
        (x + g, mid, "start"),
        (x - g, mid, "end"),
        (x + d, y - d, "start"),
        (x + d, y + d + 0.6 * size, "start"),
        (x - d, y - d, "end"),
        (x - d, y + d + 0.6 * size, "end"),
        (x, y - g - 0.25 * size, "middle"),
        (x, y + g + 0.8 * size, "middle"),
    ]


@cache
def _away(r, size, width, height):
    """Places further off, as offsets from the marker, nearest first, each reached by a
    leader line: a grid over the whole view."""
    step = size * 0.9
    across, down = int(width / step) + 1, int(height / step) + 1
    places = []
    for i in range(across):
        for j in range(-down, down + 1):
            for side, anchor in ((1, "start"), (-1, "end")):
                dx, dy = side * (r + GAP + i * step), j * step
                places.append((math.hypot(dx, dy), dx, dy + 0.3 * size, anchor))
    places.sort(key=lambda item: item[0])
    return [place[1:] for place in places]


def _leader(x, y, r, box):
    """A line from the edge of a marker's dot to the nearest edge of its label's box."""
    tx = min(max(x, box.x0 + PAD), box.x1 - PAD)
    ty = min(max(y, box.y0 + PAD), box.y1 - PAD)
    length = math.hypot(tx - x, ty - y)
    if length <= r + 1:
        return None
    ux, uy = (tx - x) / length, (ty - y) / length
    return (tidy(x + ux * (r + 0.5)), tidy(y + uy * (r + 0.5)), tidy(tx), tidy(ty))


def _crosses(line, dots, boxes, own):
    """Whether a leader runs through another marker's dot or another label."""
    x0, y0, x1, y1 = line
    steps = max(2, int(math.hypot(x1 - x0, y1 - y0) / 2))
    for k in range(steps + 1):
        px, py = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
        if any(math.hypot(px - cx, py - cy) < r + 0.5 for cx, cy, r in dots if (cx, cy) != own):
            return True
        if any(box.holds(px, py) for box in boxes):
            return True
    return False


def place_labels(labels, frame, dots, avoid=(), taken=()):
    """Places for ``labels``, in the order given (the most important first).

    ``labels``: dicts with the marker's ``x``, ``y``, dot radius ``r``, ``text``, type
    ``size`` and whether it must keep off the landmarks (``avoid_landmarks``); ``frame``: the
    Box drawn; ``dots``: every marker's (x, y, r); ``avoid``: points of the landmarks, in
    drawing units, that those labels must not cover; ``taken``: boxes already used (the
    measurement's words). Returns, for each label, ``{"x", "y", "anchor", "leader",
    "box"}`` (leader: (x1, y1, x2, y2) or None).
    """
    boxes = list(taken)
    placed = []
    for label in labels:
        x, y, r, text, size = label["x"], label["y"], label["r"], label["text"], label["size"]
        landmarks = [*label.get("avoid", ()), *(avoid if label.get("avoid_landmarks") else ())]
        beside = _beside(x, y, r, size)
        if label.get("side") == -1:  # the left first
            beside = [
                place for pair in zip(beside[1::2], beside[::2], strict=True) for place in pair
            ]
        # Several lines are centred on the marker as one is.
        lift = 0 if isinstance(text, str) else (len(text) - 1) * 1.15 * size / 2
        choice = crossing = None
        away = (
            (x + dx, y + dy, anchor)
            for dx, dy, anchor in _away(r, size, frame.x1 - frame.x0, frame.y1 - frame.y0)
        )
        for n, (lx, baseline, anchor) in enumerate(itertools.chain(beside, away)):
            if crossing and n > crossing["n"] + 300:
                break  # a leader over another it is
            baseline -= lift
            box = text_box(lx, baseline, anchor, text, size)
            if not box.inside(frame) or any(box.meets(other) for other in boxes):
                continue
            if any(box.near_circle(cx, cy, cr + 0.5) for cx, cy, cr in dots):
                continue
            if any(box.holds(px, py, 0.5) for px, py in landmarks):
                continue
            leader = _leader(x, y, r, box) if n >= 8 else None
            found = {
                "x": tidy(lx),
                "y": tidy(baseline),
                "anchor": anchor,
                "leader": leader,
                "box": box,
            }
            if leader and _crosses(leader, dots, boxes, (x, y)):
                crossing = crossing or {**found, "n": n}  # if nothing better
                continue
            choice = found
            break
        if choice is None and crossing:
            choice = {key: value for key, value in crossing.items() if key != "n"}
        if choice is None:  # nowhere free at all: beside the marker, inside the frame
            lx, baseline, anchor = _beside(x, y, r, size)[0 if x < (frame.x0 + frame.x1) / 2 else 1]
            choice = {
                "x": tidy(lx),
                "y": tidy(min(max(baseline, frame.y0 + size), frame.y1 - 2)),
                "anchor": anchor,
                "leader": None,
                "box": text_box(lx, baseline, anchor, text, size),
                "crowded": True,
            }
        boxes.append(choice["box"])
        placed.append(choice)
    return placed


def landmark_names(view, k, frame, dots, taken, avoid=(), size=NAME_TYPE, reach=None):
    """The names of the view's landmarks inside ``frame``, each beside its landmark or led to
    it by a line (no further than ``reach``, if given), clear of the points' labels, the
    measurement and the point's own landmarks (``avoid``); a name with no room is left off."""
    inside = [
        (name, (x * k, v * k)) for name, (x, v) in view.names if frame.holds(x * k, v * k, -4)
    ]
    placed = place_labels(
        [
            {"x": x, "y": y, "r": 4, "text": name, "size": size, "avoid": avoid}
            for name, (x, y) in inside
        ],
        frame,
        dots,
        taken=taken,
    )
    return [
        {**label, "text": name}
        for (name, (x, y)), label in zip(inside, placed, strict=True)
        if not label.get("crowded") and (reach is None or label["box"].near_circle(x, y, reach))
    ]
