"""The cun guide's figure: the proportional measurements on the side views."""

from .drawing import drawing, units
from .landmarks import (
    GLUTEAL_FOLD,
    GREATER_TROCHANTER,
    LATERAL_MALLEOLUS,
    MEDIAL_CONDYLE,
    MEDIAL_MALLEOLUS,
    PATELLA_APEX,
    PATELLA_BASE,
    POPLITEAL_CREASE,
    PUBIC_SYMPHYSIS,
    SCALE,
    SOLE,
)
from .views import VIEWS

# (view, x of the bar, from level, to level, B-cun, where the measure starts and ends)
MEASURES = [
    (
        "lateral",
        6.6,
        GREATER_TROCHANTER,
        POPLITEAL_CREASE,
        19,
        "prominence of the greater trochanter to the popliteal crease",
    ),
    ("lateral", 5.0, GLUTEAL_FOLD, POPLITEAL_CREASE, 14, "gluteal fold to the popliteal crease"),
    (
        "lateral",
        5.0,
        POPLITEAL_CREASE,
        LATERAL_MALLEOLUS,
        16,
        "popliteal crease to the prominence of the lateral malleolus",
    ),
    (
        "medial",
        -6.8,
        PUBIC_SYMPHYSIS,
        PATELLA_BASE,
        18,
        "upper border of the pubic symphysis to the base of the patella",
    ),
    ("medial", -6.8, PATELLA_BASE, PATELLA_APEX, 2, "base to apex of the patella"),
    (
        "medial",
        -6.8,
        PATELLA_APEX,
        MEDIAL_MALLEOLUS,
        15,
        "apex of the patella to the prominence of the medial malleolus",
    ),
    (
        "medial",
        -4.9,
        MEDIAL_CONDYLE,
        MEDIAL_MALLEOLUS,
        13,
        "lower border of the medial condyle of the tibia to the prominence of the medial malleolus",
    ),
    ("medial", -4.9, MEDIAL_MALLEOLUS, SOLE, 3, "prominence of the medial malleolus to the sole"),
]
# Where each measured level sits on the drawing, for the dotted line out to its bar.
MEASURE_SPOTS = {
    ("lateral", GREATER_TROCHANTER): 0.3,
    ("lateral", GLUTEAL_FOLD): 2.9,
    ("lateral", POPLITEAL_CREASE): 1.6,
    ("lateral", LATERAL_MALLEOLUS): -0.1,
    ("medial", PUBIC_SYMPHYSIS): -3.0,
    ("medial", PATELLA_BASE): 2.5,
    ("medial", PATELLA_APEX): 2.3,
    ("medial", MEDIAL_CONDYLE): -0.55,
    ("medial", MEDIAL_MALLEOLUS): 0.35,
    ("medial", SOLE): -1.0,
}


def cun_figure():
    """The lateral and medial views with the WHO proportional measurements drawn on them."""
    figures = []
    for view_name, left, right in (("lateral", -9.6, 8.4), ("medial", -9.9, 10.15)):
        view = VIEWS[view_name]
        bars, leaders = [], []
        for name, x, top, bottom, cun, text in MEASURES:
            if name != view_name:
                continue
            bars.append(
                {
                    "d": f"M{units(x - 0.3)},{units(top)}h{0.6 * SCALE:g}M{units(x)},{units(top)}"
                    f"V{units(bottom)}M{units(x - 0.3)},{units(bottom)}h{0.6 * SCALE:g}",
                    "x": units(x + (0.35 if x > 0 else -0.35)),
                    "y": units((top + bottom) / 2 + 0.35),
                    "anchor": "start" if x > 0 else "end",
                    "cun": cun,
                    "text": text,
                }
            )
            for level in (top, bottom):
                start = MEASURE_SPOTS[(view_name, level)]
                leaders.append(f"M{units(start)},{units(level)}H{units(x)}")
        figures.append(
            {
                **drawing(view_name),
                "view_box": f"{units(left)} {units(view.top)} {units(right - left)} "
                f"{units(view.bottom - view.top)}",
                "bars": bars,
                "leaders": "".join(dict.fromkeys(leaders)),
            }
        )
    return figures
