"""A point's own measurement, drawn on its close-up, and the landmarks its label keeps off.

Both are read from the rules that place the point (``placements``), never written per point:
the height rule gives a bracket from the landmark or point it is measured from ("3 cun below
ST 35"), the across rule a bracket from the line it is measured from ("1 finger width lateral
to the tibial crest") or the line between the two places it lies between. Everything here is
in cun on the view (x across, v down); the close-up turns it into drawing units.
"""

import textwrap
from fractions import Fraction

from .derivation import _resolve_level, rule_on
from .geometry import at_height
from .landmarks import LEVELS
from .placements import PLACEMENTS, VIEW_LEVELS, WHOLE_PLACE_RULES

# How the landmarks and lines the rules name are said on the drawing.
SAID = {
    "patella base": "base of the patella",
    "patella apex": "apex of the patella",
    "popliteal crease": "knee crease",
    "fibula head": "fibular head",
    "fibula centre": "fibula",
    "achilles centre": "Achilles tendon",
    "tibia posterior border": "tibia's rear border",
    "tibia anterior border": "tibia's front border",
    "medial malleolus tip": "tip of the medial malleolus",
    "lateral malleolus tip": "tip of the lateral malleolus",
    "pubic symphysis": "pubic symphysis",
    "pubic symphysis lower border": "pubic symphysis",
    "gluteal fold": "gluteal fold",
    "medial condyle": "medial condyle",
    "crease lateral end": "crease's outer end",
    "crease medial end": "crease's inner end",
    "ankle crease medial": "ankle crease's inner end",
    "ankle crease lateral": "ankle crease's outer end",
    "patellar ligament lateral border": "patellar ligament",
    "patellar ligament medial border": "patellar ligament",
    "hamstring tendons": "hamstring tendons",
    "web 2-3": "2nd-3rd toe web",
    **{
        f"metatarsal {n}": f"{nth} metatarsal"
        for n, nth in enumerate(("1st", "2nd", "3rd", "4th", "5th"), 1)
    },
    "metatarsophalangeal joint 1": "big toe's joint",
    "metatarsophalangeal joint 5": "little toe's joint",
    "heel back": "back of the heel",
    "lateral edge": "outer edge",
    "medial edge": "inner edge",
}
# Heights measured from these are not drawn: a fine adjustment on the foot (0.3 cun above the
# sole's skin) is no measurement a reader takes.
SHORTEST = 0.9
WRAP = 16  # characters a line of a measurement's words


def said(name):
    if name in PLACEMENTS:
        return name
    return "the " + SAID.get(name, name)


def amount(cun):
    """A distance in cun as the locations give it, in finger widths where they do."""
    cun = abs(cun)
    fingers = {1: "1 finger width", 1.5: "2 finger widths"}
    return fingers.get(cun, f"{round(cun, 1):g} cun")


def share(t):
    if t == 0.5:
        return "midway"
    f = Fraction(t).limit_denominator(10)
    return f"{f.numerator}/{f.denominator} of the way"


def _sides(view):
    """The words for the +x and -x directions of the rules on this view."""
    if view.name in ("lateral", "medial") or view.frame in ("lateral", "medial"):
        return "behind", "in front of"
    return "lateral to", "medial to"


def _height_rule(code, view):
    frame = view.frame or view.name
    return VIEW_LEVELS.get(frame, {}).get(code) or PLACEMENTS[code][0]


def measurement(code, view, place_of, spot_of):
    """What to draw for ``code`` on ``view``: a list of items, each ``{"kind": "bracket" |
    "guide", "a": (x, v), "b": (x, v), "tick": (x, v) or None, "words": [line, line]}``.

    ``place_of(code)`` is a point's place on the view in cun (or None), ``spot_of(name)`` an
    anchor's place (or None).
    """
    items = _items(code, view, place_of, spot_of)
    for item in items:  # narrow enough to sit beside the leg
        item["words"] = [part for line in item["words"] for part in textwrap.wrap(line, WRAP)]
    return items


def _items(code, view, place_of, spot_of):
    x, v = place_of(code)
    rule, _own = rule_on(code, view)
    items = []
    if rule is None:
        return items
    kind, *args = rule
    if kind == "toward":
        a, b, t = args
        pa, pb = spot_of(a) or place_of(a), spot_of(b) or place_of(b)
        if pa and pb:
            words = [share(t), f"from {said(a)}", f"to {said(b)}"]
            items.append({"kind": "bracket", "a": pa, "b": pb, "tick": (x, v), "words": words})
        return items
    if kind in WHOLE_PLACE_RULES:
        return items
    height = _height_rule(code, view)
    if height[0] == "fraction" and kind == "join" and {*height[1:3]} == {*args}:
        # A fraction of the way along the line it is on (GB 30): one ruler says both.
        a, b, t = height[1:]
        pa, pb = spot_of(a) or place_of(a), spot_of(b) or place_of(b)
        if pa and pb:
            words = [share(t), f"from {said(a)}", f"to {said(b)}"]
            return [{"kind": "bracket", "a": pa, "b": pb, "tick": (x, v), "words": words}]
    items += _height(code, view, x, v, place_of, spot_of)
    items += _across(view, rule, x, v, place_of, spot_of)
    return items


def _height(code, view, x, v, place_of, spot_of):
    rule = _height_rule(code, view)
    kind, *args = rule
    if kind == "fraction":
        a, b, t = args
        ref, d = a, LEVELS[a] - v
        words = [f"{amount(d)} {'above' if d > 0 else 'below'} {said(a)},"]
        words.append(f"{share(t)} to {said(b)}")
        ref_x = (spot_of(a) or (x, 0))[0]
    else:
        ref, d = args
        if kind == "at":
            ref_v, ref_x = LEVELS[ref] + 0, (spot_of(ref) or (x, 0))[0]
        else:
            levels = {}
            ref_v = _resolve_level(ref, levels)
            ref_x = (place_of(ref) or (x, 0))[0]
        d = ref_v - v
        if abs(d) < SHORTEST:
            at = spot_of(ref) if kind == "at" else place_of(ref)
            if abs(d) < 0.01 and at and abs(at[0] - x) > 0.6:
                return [{"kind": "guide", "a": at, "b": (x, v), "words": ["level with", said(ref)]}]
            return []
        words = [amount(d), f"{'above' if d > 0 else 'below'} {said(ref)}"]
    return [{"kind": "bracket", "a": (ref_x, v + d), "b": (x, v), "vertical": True, "words": words}]


def _across(view, rule, x, v, place_of, spot_of):
    kind, *args = rule
    plus, minus = _sides(view)
    if kind == "line" and abs(args[1]) >= 0.3 and args[0] in view.lines:
        line_x = at_height(view.lines[args[0]], v)
        words = [amount(args[1]), f"{plus if args[1] > 0 else minus} {said(args[0])}"]
        return [{"kind": "bracket", "a": (line_x, v), "b": (x, v), "words": words}]
    if kind == "at" and len(args) > 1 and abs(args[1]) >= 0.3:
        at = spot_of(args[0]) or place_of(args[0])
        if at:
            words = [amount(args[1]), f"{plus if args[1] > 0 else minus} {said(args[0])}"]
            return [{"kind": "bracket", "a": (at[0], v), "b": (x, v), "words": words}]
    if kind == "between":
        a, b, t = args

        def x_of(name):
            if name in view.lines:
                return at_height(view.lines[name], v)
            at = spot_of(name) or place_of(name)
            return at[0] if at else None

        xa, xb = x_of(a), x_of(b)
        if xa is not None and xb is not None and abs(xb - xa) > 0.5:
            words = [share(t), f"from {said(a)}", f"to {said(b)}"]
            if t == 0.5:
                words = ["midway between", said(a), f"and {said(b)}"]
            return [{"kind": "bracket", "a": (xa, v), "b": (xb, v), "tick": (x, v), "words": words}]
    if kind == "join":
        pa = spot_of(args[0]) or place_of(args[0])
        pb = spot_of(args[1]) or place_of(args[1])
        if pa and pb:
            return [{"kind": "guide", "a": pa, "b": pb, "words": []}]
    return []


def landmarks_of(code, view):
    """The names of the anchors and lines ``code``'s rules on ``view`` measure from."""
    names = set()
    rule, _own = rule_on(code, view)
    for part in (_height_rule(code, view), rule or ()):
        names.update(arg for arg in part[1:] if isinstance(arg, str))
    return names
