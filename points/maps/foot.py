"""The views of the foot: the sole, drawn on its own, and close views of the top of the foot
and of its inner and outer edges, which enlarge the whole-leg views' drawings.

The foot is drawn at life proportions from the same measurements as the leg (1 cun about
2.4 cm): about 10.8 cun from the back of the heel to the tip of the second toe, 4.3 cun
across the ball of the foot, 2.6 across the heel. On the sole, heights (``v``) are cun
forwards from the back of the heel and across (``x``) is cun from the line joining the
middle of the heel to the second toe; the big toe is to the right, as when the raised foot's
sole is seen from behind.

The close views share the coordinates, landmarks and placement rules of the whole-leg view
they enlarge (their ``frame``), cropped to the foot and ankle and drawn ``scale`` drawing
units to the cun, so that markers less than half a cun apart stand apart (the whole-leg
views leave such crowded points to them: see ``derivation``).
"""

from dataclasses import replace

from .geometry import View, ellipse

# --- The sole (plantar view) ----------------------------------------------------------------

HEEL_BACK = (0.0, 0.0)
# The webs between the toes on the sole, big toe side first (the web margins are further
# forward on the sole than the skin folds seen from above).
SOLE_WEBS = [(0.75, 8.7), (-0.1, 8.7), (-0.9, 8.55), (-1.6, 8.35)]
# The toes: (x of the middle, tip, distal interphalangeal crease); the big toe has one joint.
SOLE_TOES = [
    (1.45, 10.6, 9.6),
    (0.33, 10.8, 10.05),
    (-0.5, 10.45, 9.75),
    (-1.25, 10.0, 9.4),
    (-1.95, 9.5, 9.0),
]
# The heads of the metatarsals under the ball of the foot, and the fifth's tuberosity.
SOLE_METATARSAL_HEADS = [(1.45, 7.55), (0.45, 7.75), (-0.35, 7.7), (-1.1, 7.55), (-1.75, 7.35)]


def web(n):
    """The rounded fold of skin at a web between two toes."""
    x, v = SOLE_WEBS[n]
    return [(x + 0.07, v + 0.08), (x, v), (x - 0.07, v + 0.08)]


# fmt: off
SOLE_OUTLINE = [
    (-1.4, 2.8), (-1.3, 1.8), (-1.15, 0.8), (-0.7, 0.15), HEEL_BACK, (0.8, 0.2), (1.25, 0.9),
    (1.3, 2.0), (1.2, 3.2), (1.35, 4.4), (1.7, 5.7), (2.0, 6.8), (2.15, 7.7),
    (2.1, 8.6), (2.05, 9.6), (1.8, 10.35), (1.35, 10.6), (0.95, 10.3), (0.85, 9.3),
    *web(0),
    (0.7, 9.6), (0.6, 10.5), (0.35, 10.8), (0.1, 10.55), (0.0, 9.7),
    *web(1),
    (-0.15, 9.5), (-0.25, 10.25), (-0.5, 10.45), (-0.75, 10.2), (-0.8, 9.4),
    *web(2),
    (-0.95, 9.2), (-1.05, 9.85), (-1.3, 10.0), (-1.5, 9.75), (-1.55, 9.1),
    *web(3),
    (-1.65, 8.8), (-1.8, 9.4), (-2.05, 9.5), (-2.2, 9.2), (-2.2, 8.5),
    (-2.15, 7.6), (-2.0, 6.6), (-1.9, 5.2), (-1.8, 4.6), (-1.6, 4.0), (-1.4, 2.8),
]

SOLE = View(
    name="sole",
    label="Sole",
    description="The sole of the left foot, heel at the top and the big toe to the right, "
    "as when the raised foot is seen from behind.",
    left=-3.4, right=3.4, top=-0.4, bottom=11.2,  # room for a label either side of the toes
    lateral=-1,
    lines={},
    anchors={
        "heel back": HEEL_BACK,
        **{f"web {n}-{n + 1}": web for n, web in enumerate(SOLE_WEBS, 1)},
        **{f"toe {n} distal crease": (x, crease) for n, (x, _tip, crease) in
           enumerate(SOLE_TOES, 1)},
    },
    names=(
        ("heel", (0.0, 1.5)),
        ("arch", (0.8, 4.8)),
        ("ball of the foot", (0.0, 7.1)),
    ),
    outline=SOLE_OUTLINE,
    closing=[],
    marks=[
        # The heel's pad, the ball of the foot with the metatarsal heads under it, the fifth
        # metatarsal's tuberosity on the outer edge, and the toes' creases.
        ("crease", ellipse(0.0, 1.5, 0.95, 1.2, 10), True),
        ("crease", [(1.95, 7.0), (0.5, 7.15), (-0.9, 7.1), (-1.95, 6.85)], False),
        *(("bone", ellipse(x, v, 0.3, 0.25, 8), True) for x, v in SOLE_METATARSAL_HEADS),
        ("bone", [(-1.7, 4.2), (-1.5, 4.6), (-1.7, 5.0)], False),
        # The arch: the inner part of the midfoot that does not touch the ground.
        ("crease", [(1.2, 3.0), (0.55, 4.4), (0.7, 5.9), (1.6, 6.7)], False),
        *(("crease", [(x - 0.28, crease), (x + 0.28, crease)], False)
          for x, _tip, crease in SOLE_TOES),
        *(("crease", [(x - 0.3, web_v + 0.15), (x + 0.3, web_v + 0.15)], False)
          for (x, _tip, _c), web_v in zip(SOLE_TOES, (8.65, 8.75, 8.65, 8.5, 8.4),
                                          strict=True)),
    ],
    scale=20,
)
# fmt: on


def close_views(front, lateral, medial):
    """The close views of the foot, each an enlarged part of a whole-leg view."""
    return [
        replace(
            front,
            name="dorsum",
            label="Top of the foot",
            description="The top of the left foot and the front of the ankle, laid flat, "
            "the little toe to the right.",
            left=-2.75,
            right=2.95,
            top=33.2,
            bottom=44.6,
            scale=26,
            frame="front",
        ),
        replace(
            medial,
            name="foot-medial",
            label="Inner edge of the foot",
            description="The left foot and ankle from the inner side, the toes to the right.",
            left=-2.6,
            right=9.6,
            top=30.9,
            bottom=38.0,
            scale=20,
            frame="medial",
        ),
        replace(
            lateral,
            name="foot-lateral",
            label="Outer edge of the foot",
            description="The left foot and ankle from the outer side, the toes to the left.",
            left=-9.6,
            right=2.6,
            top=30.9,
            bottom=38.0,
            scale=26,  # BL 66 and BL 67, on the little toe, are 0.37 cun apart
            frame="lateral",
        ),
    ]
