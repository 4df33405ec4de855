"""A point's places on the leg maps (``Point.map_positions``): what a well-formed one is.

``{"front": [x, y], "lateral": [x, y], ...}``: only the maps' views, each place two finite
numbers inside that view's drawing, in drawing units. ``map_position_errors`` says what is
wrong with a whole value (for ``Point.clean``); ``position_on`` reads one view's place and
gives ``None`` for anything malformed, so that a value stored before the check, or written
around it, leaves the point off that map instead of breaking the page.
"""

import math

from django.core.exceptions import ValidationError

from .maps import VIEWS


def _bounds(view):
    s = view.scale
    return view.left * s, view.right * s, view.top * s, view.bottom * s


def _place_error(view_name, place):
    """What is wrong with one place on one view, or ``None``."""
    if not isinstance(place, list | tuple) or len(place) != 2:
        return f"“{view_name}” must be a pair of numbers [x, y]."
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in place):
        return f"“{view_name}” must be a pair of numbers [x, y], not text."
    if not all(math.isfinite(n) for n in place):
        return f"“{view_name}” must be a pair of finite numbers."
    left, right, top, bottom = _bounds(VIEWS[view_name])
    x, y = place
    if not (left <= x <= right and top <= y <= bottom):
        return (
            f"“{view_name}” [{x:g}, {y:g}] is off the drawing, which runs from "
            f"{left:g} to {right:g} across and {top:g} to {bottom:g} down."
        )
    return None


def map_position_errors(positions):
    """What is wrong with a whole ``map_positions`` value, as sentences; [] when nothing."""
    if not isinstance(positions, dict):
        return ['The places must be an object such as {"front": [x, y]}; {} for none.']
    errors = []
    for view_name, place in positions.items():
        if view_name not in VIEWS:
            errors.append(f"“{view_name}” is not a view; the views are {', '.join(VIEWS)}.")
        elif error := _place_error(view_name, place):
            errors.append(error)
    return errors


def validate_map_positions(positions):
    if errors := map_position_errors(positions):
        raise ValidationError({"map_positions": errors})


def position_on(point, view_name):
    """The point's place on one view as (x, y), or ``None`` if it has none or a malformed one."""
    positions = point.map_positions
    place = positions.get(view_name) if isinstance(positions, dict) else None
    if place is None or _place_error(view_name, place):
        return None
    return tuple(place)
