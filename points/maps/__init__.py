"""The leg maps: drawings of the left leg and foot, and where each point sits on them.

Where a point's place comes from, module by module:

* ``landmarks``: the landmarks' heights in cun, from the WHO (2008) proportional
  measurements (``LEVELS``), and ``SCALE``, drawing units to the cun;
* ``geometry``: a ``View`` and the helpers to draw and measure on it;
* ``front_back`` and ``sides``: the four whole-leg views, their skin, landmark lines and
  named places; ``foot``: the foot's views;
* ``views``: all the views by name (``VIEWS``), and the views each region's page shows
  (``REGION_VIEWS``);
* ``placements``: the written rules, a height and an across rule for each view a point is
  seen on (``PLACEMENTS``), and the points no view shows (``UNSEEN``);
* ``derivation``: the rules turned into drawing coordinates (``derive_positions``), which
  ``manage.py place_points`` stores in each point's ``map_positions``;
* ``drawing``: the SVG paths of a view and the maps the templates draw (``build_map``);
* ``assets``: each view's fixed drawing as a static SVG file (``static/maps/``), shared by
  every page's maps and written by ``manage.py draw_maps``;
* ``labels``: where every marker's code goes, clear of the others;
* ``measures`` and ``closeup``: a point page's close-up, with the measurement its rules give
  drawn as a bracket, and the whole view for orientation (``point_maps``);
* ``guide``: the cun guide's figure with the proportional measurements (``cun_figure``).
"""

from .closeup import point_maps
from .derivation import derive_positions
from .drawing import build_map, drawing, smooth_path, views_of
from .geometry import View, at_height
from .guide import cun_figure
from .landmarks import LEVELS, SCALE
from .placements import PLACEMENTS, UNSEEN
from .views import REGION_VIEWS, VIEWS

__all__ = [
    "LEVELS",
    "PLACEMENTS",
    "REGION_VIEWS",
    "SCALE",
    "UNSEEN",
    "VIEWS",
    "View",
    "at_height",
    "build_map",
    "cun_figure",
    "derive_positions",
    "point_maps",
    "drawing",
    "smooth_path",
    "views_of",
]
