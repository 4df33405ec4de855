"""The leg from the front and from behind: the skin's outline, the landmark lines and the named
places, in cun (see ``landmarks``). ``lines`` are the landmark lines the placement rules measure
from, ``anchors`` the named places, ``outline`` the skin and ``marks`` the bones, tendons and
creases drawn lightly."""

from .geometry import View, ellipse
from .landmarks import (
    ANKLE_CREASE,
    ASIS,
    FIBULA_HEAD,
    FRONT_NAILS,
    GLUTEAL_FOLD,
    GREATER_TROCHANTER,
    LATERAL_MALLEOLUS,
    LEVELS,
    MEDIAL_MALLEOLUS,
    METATARSAL_BASES,
    METATARSAL_HEADS,
    PATELLA_APEX,
    PATELLA_BASE,
    POPLITEAL_CREASE,
    PUBIC_SYMPHYSIS,
    SACRAL_HIATUS,
    TOE_WEBS,
)

# fmt: off

# --- The front (anterior) view: lateral to the right ---------------------------------------

FRONT_LATERAL_EDGE = [
    (4.3, -6.5), (5.0, -4), (5.6, -1.5), (5.8, 0), (5.6, 2.5), (5.1, 5), (4.5, 9), (3.9, 13),
    (3.2, 16.5), (2.75, 18.5), (2.6, 19.5), (2.75, 21), (2.8, 23), (2.65, 26), (2.25, 29),
    (1.75, 32), (1.6, 33.8), (1.95, 35.0), (1.85, 35.9), (2.05, 37.2), (2.25, 39),
    (2.35, 40.6), (2.3, 41.6), (2.2, 42.6),
]
FRONT_MEDIAL_EDGE = [
    (-2.45, 1.5), (-2.6, 4), (-2.5, 8), (-2.3, 12), (-2.15, 15), (-2.35, 16.8), (-2.3, 18.3),
    (-2.15, 19.6), (-2.35, 21), (-2.75, 23.5), (-2.6, 26), (-2.0, 29), (-1.55, 32),
    (-1.45, 33.5), (-1.85, 34.5), (-1.7, 35.5), (-1.55, 36.8), (-1.7, 38.5), (-1.95, 40.2),
    (-2.0, 41.3), (-2.05, 42.4),
]
FRONT_TOES = [(1.65, 43.3), (0.7, 43.8), (-0.4, 44.05), (-1.3, 43.95), (-1.9, 43.4)]
FRONT_METATARSALS = [
    [(-0.9, METATARSAL_BASES), (-1.45, METATARSAL_HEADS - 0.15)],
    [(-0.3, METATARSAL_BASES + 0.1), (-0.45, METATARSAL_HEADS + 0.1)],
    [(0.3, METATARSAL_BASES + 0.15), (0.55, METATARSAL_HEADS)],
    [(0.85, METATARSAL_BASES + 0.25), (1.35, METATARSAL_HEADS - 0.2)],
    [(1.45, METATARSAL_BASES + 0.35), (2.0, METATARSAL_HEADS - 0.5)],
]
TOE_WEB_XS = [-0.95, 0.05, 0.9, 1.6]
# Tibialis anterior: down the front of the ankle, medial to ST 41, to the medial cuneiform.
FRONT_TIBIALIS_ANTERIOR = [(-0.1, 32.4), (-0.45, ANKLE_CREASE), (-0.95, ANKLE_CREASE + 1.5)]
TIBIAL_CREST = [(0.25, 21.3), (0.2, 24), (0.0, 28), (-0.35, 31.5), (-0.8, 33.6)]
PATELLA_FRONT = [
    (0.1, PATELLA_BASE - 0.05), (0.85, PATELLA_BASE + 0.15), (1.1, PATELLA_BASE + 0.8),
    (0.75, PATELLA_APEX - 0.45), (0.1, PATELLA_APEX), (-0.55, PATELLA_APEX - 0.45),
    (-0.9, PATELLA_BASE + 0.8), (-0.65, PATELLA_BASE + 0.15),
]

FRONT = View(
    name="front",
    label="Front",
    description="The left leg from the front, lateral side to the right, the top of the foot "
    "laid flat below the ankle crease.",
    left=-5.75, right=9.25, top=-6.5, bottom=44.6,
    lateral=+1,
    lines={
        "tibial crest": TIBIAL_CREST,
        "patellar ligament lateral border": [(0.45, PATELLA_APEX - 0.2), (0.6, 21.2)],
        "ankle crease": [(-1.35, ANKLE_CREASE), (1.55, ANKLE_CREASE)],
        **{f"metatarsal {n}": mt for n, mt in enumerate(FRONT_METATARSALS, 1)},
        "lateral edge": FRONT_LATERAL_EDGE,
        "medial edge": FRONT_MEDIAL_EDGE,
        "midline": [(-2.55, -6.5), (-2.55, 1.2)],
        "patellar ligament medial border": [(-0.25, PATELLA_APEX - 0.15), (-0.15, 21.2)],
        "tibialis anterior": FRONT_TIBIALIS_ANTERIOR,
    },
    anchors={
        "ASIS": (2.0, ASIS),
        "SP 12": (0.95, PUBIC_SYMPHYSIS),  # WHO: on the inguinal crease, 3.5 cun from the midline
        "patella lateral base": (0.85, PATELLA_BASE + 0.1),
        "patella base middle": (0.1, PATELLA_BASE - 0.05),
        "ankle crease medial": (-1.35, ANKLE_CREASE),
        "ankle crease lateral": (1.55, ANKLE_CREASE),
        **{f"web {n}-{n + 1}": (x, TOE_WEBS) for n, x in enumerate(TOE_WEB_XS, 1)},
        # 0.1 cun beyond the lateral corner of the base of each toenail
        **{f"toenail {n} lateral corner": (nail[1] + 0.1, nail[2]) for n, nail in
           enumerate(FRONT_NAILS, 1)},
        "toe 2 tip": ((FRONT_NAILS[1][0] + FRONT_NAILS[1][1]) / 2, LEVELS["toe 2 tip"]),
    },
    names=(
        ("inguinal crease", (-1.0, 0.3)),
        ("patella", (0.1, (PATELLA_BASE + PATELLA_APEX) / 2)),
        ("tibial tuberosity", (0.25, 21.15)),
        ("fibular head", (2.45, 20.95)),
        ("tibial crest", (0.0, 28.0)),
        ("lateral malleolus", (1.6, 35.0)),
        ("medial malleolus", (-1.5, 34.6)),
        ("metatarsals", (0.42, (METATARSAL_BASES + METATARSAL_HEADS) / 2)),
    ),
    outline=[*FRONT_LATERAL_EDGE, *FRONT_TOES, *reversed(FRONT_MEDIAL_EDGE)],
    closing=[(-2.55, -6.5)],
    marks=[
        ("midline", [(-2.55, -6.5), (-2.55, 1.2)], False),
        # The inguinal crease: through SP 12 (3.5 cun from the midline, level with the top of
        # the pubic symphysis), rising steeply to below the ASIS.
        ("crease", [(-2.35, 1.0), (-1.0, 0.3), (0.95, PUBIC_SYMPHYSIS), (1.55, -1.3),
                    (1.9, -3.4)], False),
        ("bone", ellipse(2.0, ASIS, 0.3, 0.3, 8), True),
        ("bone", [(5.7, -1.4), (5.0, -0.9), (4.8, 0.3), (5.0, 1.4), (5.6, 1.8)], False),
        ("bone", PATELLA_FRONT, True),
        ("tendon", [(-0.25, PATELLA_APEX - 0.15), (-0.15, 21.2)], False),
        ("tendon", [(0.45, PATELLA_APEX - 0.2), (0.6, 21.2)], False),
        ("bone", [(-0.2, 21.4), (0.25, 21.1), (0.7, 21.4)], False),
        ("bone", TIBIAL_CREST, False),
        ("bone", [(2.7, 20.3), (2.35, 20.7), (2.4, 21.3), (2.7, 21.6)], False),
        ("bone", [(1.9, 34.3), (1.55, 34.8), (1.6, 35.5), (1.85, 35.8)], False),
        ("bone", [(-1.75, 33.8), (-1.45, 34.4), (-1.5, 35.0), (-1.7, 35.3)], False),
        ("crease", [(-1.35, ANKLE_CREASE), (0.1, ANKLE_CREASE + 0.15), (1.55, ANKLE_CREASE)],
         False),
        ("tendon", FRONT_TIBIALIS_ANTERIOR, False),
        *(("bone", mt, False) for mt in FRONT_METATARSALS),
        *(("bone", [(a, base), (a - 0.03, free - 0.12), ((a + b) / 2, free),
                    (b + 0.03, free - 0.12), (b, base)], False)
          for a, b, base, free in FRONT_NAILS),
        *(("crease", [(x, TOE_WEBS), (x + 0.05 * (x - 0.2), TOE_WEBS + 1.0)], False)
          for x in TOE_WEB_XS),
    ],
)

# --- The back (posterior) view: the left leg from behind, lateral to the left --------------

BACK_LATERAL_EDGE = [
    (-4.6, -6.5), (-5.3, -3.5), (-5.75, -1), (-5.8, 0.5), (-5.5, 3), (-5.1, 5.5), (-4.6, 9),
    (-4.0, 13), (-3.3, 16.5), (-2.75, 18.5), (-2.6, 19.5), (-2.85, 21), (-3.1, 23),
    (-2.95, 25.5), (-2.4, 28.5), (-1.75, 31), (-1.45, 33.2), (-1.85, 35.0), (-1.7, 35.9),
    (-1.35, 36.8), (-1.0, 37.5),
]
BACK_HEEL = [(-0.2, 37.75), (0.6, 37.6)]
BACK_MEDIAL_EDGE = [
    (2.45, 2.3), (2.35, 4), (2.3, 8), (2.25, 13), (2.15, 17), (2.1, 19.5), (2.35, 21),
    (2.6, 23), (2.45, 25.5), (1.85, 28.5), (1.35, 31.5), (1.3, 33.5), (1.65, 34.5),
    (1.25, 36.0), (1.05, 37.0),
]
BICEPS_TENDON = [(-2.9, 13.0), (-2.3, 20.4)]
GLUTEAL_FOLD_LINE = [(2.45, 3.3), (1.2, 4.7), (-0.65, GLUTEAL_FOLD), (-2.5, 4.75), (-3.9, 3.9)]

BACK = View(
    name="back",
    label="Back",
    description="The left leg from behind, lateral side to the left.",
    left=-9.15, right=5.85, top=-6.5, bottom=38.3,
    lateral=-1,
    lines={
        "biceps tendon": BICEPS_TENDON,
        "achilles centre": [(-0.2, 29.0), (-0.2, 36.0)],
        "lateral edge": BACK_LATERAL_EDGE,
        "medial edge": BACK_MEDIAL_EDGE,
    },
    anchors={
        "greater trochanter": (-5.6, GREATER_TROCHANTER),
        "sacral hiatus": (2.6, SACRAL_HIATUS),
        "gluteal fold middle": (-0.65, GLUTEAL_FOLD),
        "crease lateral end": (-2.0, POPLITEAL_CREASE),
        "crease medial end": (1.45, POPLITEAL_CREASE),
        "lateral malleolus": (-1.55, LATERAL_MALLEOLUS),
        "medial malleolus": (1.45, MEDIAL_MALLEOLUS),
    },
    names=(
        ("greater trochanter", (-5.0, 0.2)),
        ("gluteal fold", (-0.65, GLUTEAL_FOLD)),
        ("popliteal crease", (-0.3, POPLITEAL_CREASE + 0.1)),
        ("fibular head", (-2.3, FIBULA_HEAD)),
        ("calf muscle", (-0.26, 26.9)),
        ("Achilles tendon", (-0.2, 32.5)),
        ("lateral malleolus", (-1.6, 35.0)),
        ("medial malleolus", (1.45, 34.5)),
    ),
    outline=[*BACK_LATERAL_EDGE, *BACK_HEEL, *reversed(BACK_MEDIAL_EDGE)],
    closing=[(2.6, -6.5)],
    marks=[
        ("midline", [(2.6, -6.5), (2.5, 2.2)], False),
        ("bone", [(2.6, SACRAL_HIATUS - 0.45), (2.3, SACRAL_HIATUS + 0.25),
                  (2.9, SACRAL_HIATUS + 0.25)], True),
        ("bone", [(-5.75, -1.4), (-5.0, -0.9), (-4.8, 0.3), (-5.0, 1.4), (-5.65, 1.8)], False),
        ("crease", GLUTEAL_FOLD_LINE, False),
        ("tendon", BICEPS_TENDON, False),
        ("tendon", [(1.7, 13.0), (1.45, 20.5)], False),
        ("crease", [(-2.0, POPLITEAL_CREASE), (-0.3, POPLITEAL_CREASE + 0.1),
                    (1.45, POPLITEAL_CREASE)], False),
        ("bone", ellipse(-2.3, FIBULA_HEAD, 0.4, 0.4, 8), True),
        ("muscle", [(-2.7, 23.5), (-2.2, 26.5), (-1.6, 28.6)], False),
        ("muscle", [(-1.6, 28.6), (-0.9, 27.6), (-0.26, 26.9), (0.5, 28.0), (1.3, 29.8)], False),
        ("muscle", [(1.3, 29.8), (1.95, 27.0), (2.35, 24.0)], False),
        ("tendon", [(-0.75, 29.0), (-0.55, 34.0), (-0.45, 36.0)], False),
        ("tendon", [(0.35, 29.4), (0.1, 34.0), (0.05, 36.0)], False),
        ("bone", [(-1.85, 34.3), (-1.55, 34.6), (-1.55, 35.4), (-1.75, 35.8)], False),
        ("bone", [(1.6, 33.8), (1.4, 34.3), (1.4, 34.9), (1.5, 35.2)], False),
    ],
)

# fmt: on
