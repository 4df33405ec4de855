"""The shapes the maps are made of: a view, an ellipse, a landmark line's place at a height."""

import math
from dataclasses import dataclass

from .landmarks import SCALE


@dataclass(frozen=True)
class View:
    name: str
    label: str
    description: str
    left: float  # the drawing's extent, in cun
    right: float
    top: float
    bottom: float
    lateral: int  # +1 if lateral (or, on the side views, posterior) is to the right, -1 if left
    lines: dict  # landmark lines: name -> [(x, v), ...] from top to bottom
    anchors: dict  # named places: name -> (x, v)
    outline: list  # the skin, as one open line around the leg, top left to top right
    closing: list  # the rest of the skin's shape (not drawn), to close it for the fill
    marks: list  # the landmarks lightly drawn: (css class, [(x, v), ...], closed)
    # A close view is drawn larger, ``scale`` drawing units to the cun, so that its markers
    # and labels (sized in drawing units) stay the size of the whole-leg views' on the page.
    scale: float = SCALE
    # The whole-leg view whose drawing, landmarks and placement rules a close view shares
    # ("" for a view that is its own frame).
    frame: str = ""
    # The landmarks named on a point's close-up: (name, (x, v)), the place the name points to.
    names: tuple = ()

    @property
    def is_close(self):
        return self.scale != SCALE

    def contains(self, x, v):
        """Whether the place (in cun) is inside the view's box."""
        return self.left <= x <= self.right and self.top <= v <= self.bottom

    @property
    def view_box(self):
        s = self.scale
        return (
            f"{round(self.left * s, 1):g} {round(self.top * s, 1):g} "
            f"{round((self.right - self.left) * s, 1):g} {round((self.bottom - self.top) * s, 1):g}"
        )


def tidy(n):
    """``n`` to a tenth, written without ".0" when whole (so ``34``, not ``34.0``, in the SVG)."""
    n = round(n, 1)
    return int(n) if n.is_integer() else n


def ellipse(cx, cy, rx, ry, n=12):
    """An ellipse as a closed ring of points (smoothed when drawn)."""
    return [
        (cx + rx * math.sin(2 * math.pi * i / n), cy - ry * math.cos(2 * math.pi * i / n))
        for i in range(n)
    ]


def at_height(line, v):
    """The x of a landmark line (top to bottom, straight between its points) at height v."""
    points = sorted(line, key=lambda p: p[1])
    if v <= points[0][1]:
        (x0, v0), (x1, v1) = points[0], points[1]
    elif v >= points[-1][1]:
        (x0, v0), (x1, v1) = points[-2], points[-1]
    else:
        for (x0, v0), (x1, v1) in zip(points, points[1:], strict=False):  # noqa: B007
            if v0 <= v <= v1:
                break
    if v1 == v0:
        return x0
    return x0 + (x1 - x0) * (v - v0) / (v1 - v0)
