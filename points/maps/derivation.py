"""The derivation: the rules of ``placements`` turned into places in drawing units."""

import math

from .geometry import at_height
from .landmarks import LEVELS, MARKER_DIAMETER
from .placements import HIDDEN, PLACEMENTS, VIEW_LEVELS, WHOLE_PLACE_RULES
from .views import VIEWS


def _level(code, placed_levels):
    return _height(PLACEMENTS[code][0], placed_levels, code)


def _height(rule, placed_levels, code):
    if rule[0] == "at":
        return LEVELS[rule[1]] + rule[2]
    if rule[0] == "from":
        return _resolve_level(rule[1], placed_levels) + rule[2]
    if rule[0] == "fraction":
        _kind, a, b, t = rule
        return LEVELS[a] + (LEVELS[b] - LEVELS[a]) * t
    raise ValueError(f"{code}: unknown height rule {rule!r}")


def _resolve_level(code, placed_levels):
    if code not in placed_levels:
        placed_levels[code] = _level(code, placed_levels)
    return placed_levels[code]


def rule_on(code, view):
    """The across rule of ``code`` on ``view``, and whether it is the view's own.

    A close view uses its own rule if ``PLACEMENTS`` gives one (``None``: not shown there),
    else the rule of its frame, the whole-leg view it enlarges, for the points that fall
    inside its box. ``(None, False)`` when the point has no rule for the view.
    """
    rules = PLACEMENTS[code][1]
    if view.name in rules:
        return rules[view.name], True
    if view.frame and view.frame in rules:
        return rules[view.frame], False
    return None, False


class _Placer:
    """Works out each point's place on one view, following the rules of ``PLACEMENTS``."""

    def __init__(self, view, levels):
        self.view, self.levels, self.placed = view, levels, {}

    def rule_for(self, code):
        rule, _own = rule_on(code, self.view)
        if rule is not None:
            return rule
        return HIDDEN.get(self.view.frame or self.view.name, {})[code]

    def place(self, code):
        if code not in self.placed:
            rule = self.rule_for(code)
            if rule[0] in WHOLE_PLACE_RULES:
                self.placed[code] = self.whole_place(rule)
            else:
                v = self.levels[code]
                self.placed[code] = (self.across(rule, v), v)
        return self.placed[code]

    def whole_place(self, rule):
        """A place given outright by its view, not by the point's height."""
        kind, *args = rule
        if kind == "spot":  # at an anchor, moved (dx, dv) cun
            name, dx, dv = args
            x, v = self.spot(name)
            return x + self.view.lateral * dx, v + dv
        # "toward": the fraction t of the way from place a to place b
        a, b, t = args
        (xa, va), (xb, vb) = self.spot(a), self.spot(b)
        return xa + (xb - xa) * t, va + (vb - va) * t

    def spot(self, name):
        """An anchor of the view, or a point placed on it."""
        if name in self.view.anchors:
            return self.view.anchors[name]
        return self.place(name)

    def x_of(self, name, v):
        """The x of a landmark line, or of an anchor or point, at height v."""
        if name in self.view.lines:
            return at_height(self.view.lines[name], v)
        return self.spot(name)[0]

    def across(self, rule, v):
        kind, *args = rule
        side = self.view.lateral
        if kind == "line":
            name, cun = args
            return at_height(self.view.lines[name], v) + side * cun
        if kind == "between":
            a, b, t = args
            xa, xb = self.x_of(a, v), self.x_of(b, v)
            return xa + (xb - xa) * t
        if kind == "join":
            (xa, va), (xb, vb) = self.spot(args[0]), self.spot(args[1])
            return xa + (xb - xa) * (v - va) / (vb - va)
        if kind == "at":
            name, *cun = args
            return self.spot(name)[0] + side * (cun[0] if cun else 0)
        raise ValueError(f"unknown across rule {rule!r}")


def derive_positions():
    """Every point's place on every view it is seen on: {code: {view: [x, y]}}.

    x and y are in the view's drawing units (its ``scale`` to the cun), rounded to a tenth
    of a unit.
    """
    levels = {}
    for code in PLACEMENTS:
        _resolve_level(code, levels)
    positions = {code: {} for code in PLACEMENTS}
    for view in VIEWS.values():
        frame_levels = VIEW_LEVELS.get(view.frame or view.name, {})
        view_levels = {**levels, **{c: _height(r, levels, c) for c, r in frame_levels.items()}}
        placer = _Placer(view, view_levels)
        for code in PLACEMENTS:
            rule, own = rule_on(code, view)
            if rule is None:
                continue
            x, v = placer.place(code)
            if not own and not view.contains(x, v):
                continue  # outside the close view's box
            s = view.scale
            positions[code][view.name] = [round(x * s, 1) + 0.0, round(v * s, 1) + 0.0]
    _leave_crowded_points_to_close_views(positions)
    return positions


def _leave_crowded_points_to_close_views(positions):
    """On a whole-leg view, of two markers closer than a marker's width, the later point (in
    ``PLACEMENTS``' order) is left to the close views, where both stand apart; two points at
    the same place (the knee eyes) stay together, drawn as one marker."""
    for view in VIEWS.values():
        if view.is_close:
            continue
        close = [v.name for v in VIEWS.values() if v.frame == view.name]
        shown = [code for code in PLACEMENTS if view.name in positions[code]]
        for i, code in enumerate(shown):
            if view.name not in positions[code] or not any(c in positions[code] for c in close):
                continue
            here = positions[code][view.name]
            if any(
                view.name in positions[other]
                and 0 < math.dist(here, positions[other][view.name]) < MARKER_DIAMETER
                for other in shown[:i]
            ):
                del positions[code][view.name]
