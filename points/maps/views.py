"""The views: the four whole-leg views (``front_back``, ``sides``) and the foot's (``foot``),
and the views each region's page shows."""

from .foot import SOLE, close_views
from .front_back import BACK, FRONT
from .sides import LATERAL, MEDIAL

# The whole-leg views, then the foot's: the sole, and the close views that enlarge the top of
# the foot and its inner and outer edges (see ``foot``).
VIEWS = {
    view.name: view
    for view in (FRONT, LATERAL, MEDIAL, BACK, *close_views(FRONT, LATERAL, MEDIAL), SOLE)
}
# The views a region's page shows: the side's points of the groin and the top of the foot
# (SP 12, LR 12, LR 4) are seen only from the front; the back's points of the sole (KI 1,
# Duyin) only on the sole; the foot's views show its crowded points apart.
REGION_VIEWS = {
    "front": ["front", "dorsum"],
    "side": ["lateral", "medial", "front", "dorsum", "foot-medial", "foot-lateral"],
    "back": ["back", "lateral", "foot-lateral", "sole"],
}
