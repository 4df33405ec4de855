"""The four whole-leg views: the skin's outline, the landmark lines and the named places.

Each view is drawn in cun (see ``landmarks``): ``lines`` are the landmark lines the placement
rules measure from, ``anchors`` the named places, ``outline`` the skin and ``marks`` the
bones, tendons and creases drawn lightly.
"""

from .foot import SOLE, close_views
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
    MEDIAL_CONDYLE,
    MEDIAL_MALLEOLUS,
    MEDIAL_MALLEOLUS_TIP,
    METATARSAL_BASES,
    METATARSAL_HEADS,
    NAVICULAR_TUBEROSITY,
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

# --- The lateral view: the left leg from its outer side, front to the left -----------------

LATERAL_FRONT_EDGE = [
    (-3.2, -6.5), (-3.6, -3.5), (-3.5, -1), (-3.4, 2), (-3.2, 6), (-2.9, 10), (-2.6, 14),
    (-2.35, 16.5), (-2.55, 18.3), (-2.25, 19.7), (-2.1, 21.3), (-1.95, 24), (-1.7, 28),
    (-1.4, 31.5), (-1.45, 34), (-1.75, 35.0), (-2.7, 35.6), (-4.8, 36.4), (-6.6, 36.95),
    (-8.0, 37.05), (-9.0, 37.2),
]
LATERAL_SOLE = [(-9.2, 37.45), (-8.6, 37.65), (-6.5, 37.7), (-3.0, 37.6), (0.4, 37.7),
                (1.3, 37.5)]
LATERAL_BACK_EDGE = [
    (3.2, -6.5), (3.8, -4.5), (4.25, -2.2), (4.4, 0), (4.3, 2.0), (3.8, 4.0), (3.0, 5.2),
    (2.8, 7), (2.6, 11), (2.3, 15), (2.0, 17.5), (1.85, 19), (1.95, 20), (2.5, 21.5),
    (2.9, 23.5), (2.8, 25), (2.3, 27.5), (1.6, 30), (1.25, 31.5), (1.3, 33.5), (1.55, 35.0),
    (1.75, 36.0), (1.65, 37.0),
]
FIBULA_CENTRE = [(0.6, 21.1), (-0.1, 34.4)]
ACHILLES_CENTRE = [(1.0, 30.0), (1.45, 36.2)]

LATERAL = View(
    name="lateral",
    label="Outer side",
    description="The left leg from its outer (lateral) side, front to the left.",
    left=-9.6, right=5.4, top=-6.5, bottom=38.3,
    lateral=+1,  # on the side views, +1 means the back of the leg is to the right
    lines={
        "fibula centre": FIBULA_CENTRE,
        "achilles centre": ACHILLES_CENTRE,
        "front edge": LATERAL_FRONT_EDGE,
        "back edge": LATERAL_BACK_EDGE,
        "malleolus": [(-0.1, 30), (-0.1, 38)],
    },
    anchors={
        "greater trochanter": (0.3, GREATER_TROCHANTER),
        "sacral hiatus": (4.25, SACRAL_HIATUS),
        "fibula head": (0.6, FIBULA_HEAD),
        "lateral malleolus": (-0.1, LATERAL_MALLEOLUS),
        "metatarsal 5 tuberosity": (-2.9, 36.85),
        "ASIS": (-3.35, ASIS),
        "metatarsophalangeal joint 5": (-6.65, 37.2),
        "little toenail lateral corner": (-7.35, 37.3),  # 0.1 cun behind the nail's base
    },
    outline=[*LATERAL_FRONT_EDGE, *LATERAL_SOLE, *reversed(LATERAL_BACK_EDGE)],
    closing=[],
    marks=[
        ("bone", ellipse(0.3, GREATER_TROCHANTER, 1.0, 0.9, 10), True),
        ("bone", [(-3.6, -4.3), (-2.0, -5.2), (0.5, -5.6), (2.5, -5.3)], False),
        ("crease", [(3.0, 5.2), (2.3, 5.45), (1.6, 5.4)], False),
        ("bone", [(-2.45, 17.4), (-1.85, 17.8), (-1.7, 18.8), (-2.0, 19.6)], False),
        ("bone", ellipse(0.0, 19.0, 0.55, 0.5, 8), True),
        ("tendon", [(1.7, 13.0), (1.3, 17.0), (0.9, 20.3)], False),
        ("crease", [(1.85, 19), (1.35, 19.05)], False),
        ("bone", ellipse(0.6, FIBULA_HEAD, 0.45, 0.45, 8), True),
        ("bone", [(0.3, 21.5), (0.0, 28), (-0.45, 34.0)], False),
        ("bone", [(0.9, 21.4), (0.55, 28), (0.25, 34.1)], False),
        ("bone", ellipse(-0.1, LATERAL_MALLEOLUS, 0.5, 0.75, 10), True),
        ("tendon", [(0.75, 30.0), (1.15, 35.8)], False),
        ("bone", [(-2.55, 37.15), (-3.1, 36.7), (-4.6, 36.75), (-6.4, 37.1)], False),
        *(("crease", [(x, 37.05), (x - 0.1, 37.55)], False) for x in (-7.1, -7.8, -8.4)),
        # The head of the fifth metatarsal and the little toe (about 1.3 cun long) with its nail.
        ("bone", ellipse(-6.45, 37.25, 0.25, 0.22, 8), True),
        ("bone", [(-6.75, 37.2), (-7.4, 37.22), (-7.9, 37.35), (-8.0, 37.5)], False),
        ("bone", [(-7.45, 37.22), (-7.6, 37.2), (-7.85, 37.3)], False),
    ],
)

# --- The medial view: the left leg from its inner side, front to the right -----------------

MEDIAL_BACK_EDGE = [
    (-3.6, 2.3), (-3.4, 3.5), (-3.0, 6), (-2.7, 10), (-2.4, 14), (-2.1, 17.5), (-2.0, 19.5),
    (-2.4, 20.8), (-2.9, 22.5), (-2.95, 24.5), (-2.5, 27), (-1.8, 29.5), (-1.35, 31.5),
    (-1.3, 33.5), (-1.45, 34.8), (-1.6, 35.8), (-1.7, 36.8),
]
MEDIAL_SOLE = [(-1.2, 37.5), (0.0, 37.6), (1.8, 37.45), (3.2, 37.3), (5.0, 37.5), (7.0, 37.65),
               (9.0, 37.55)]
MEDIAL_FRONT_EDGE = [
    (3.45, -0.6), (3.4, 2), (3.2, 6), (2.95, 10), (2.7, 13.5), (2.75, 15.8), (2.6, 17.5),
    (2.7, 18.5), (2.35, 19.7), (2.2, 21.3), (2.0, 24), (1.75, 28), (1.5, 31.5), (1.45, 33.8),
    (1.75, 35.0), (2.7, 35.6), (4.8, 36.35), (6.6, 36.8), (8.2, 36.95), (9.25, 37.3),
]
TIBIA_POSTERIOR_BORDER = [(-0.55, MEDIAL_CONDYLE), (-0.5, 27), (-0.2, 31.5), (0.0, 33.6)]
TIBIA_ANTERIOR_BORDER = [(1.95, 21.6), (1.7, 26), (1.4, 31), (1.15, 33.6)]
HAMSTRING_TENDONS = [(-2.0, 15.0), (-1.6, 18.0), (-1.0, 21.0)]
# The thigh's inner side: sartorius crossing it from the front of the groin to behind the
# knee, gracilis along its back, adductor longus from the pubic tubercle to the mid femur.
SARTORIUS = [(3.3, 3.0), (2.9, 8.5), (1.5, 13.0), (0.0, 16.3), (-0.6, 18.6), (-0.5, 20.3)]
GRACILIS = [(-2.75, 6.0), (-2.45, 10.0), (-2.0, 15.0)]
ADDUCTOR_LONGUS = [(2.7, 0.2), (1.2, 5.5), (-0.6, 10.5)]

MEDIAL = View(
    name="medial",
    label="Inner side",
    description="The left leg from its inner (medial) side, front to the right.",
    left=-4.85, right=10.15, top=-6.5, bottom=38.3,
    lateral=-1,  # on the side views, -1 means the back of the leg is to the left
    lines={
        "tibia posterior border": TIBIA_POSTERIOR_BORDER,
        "tibia anterior border": TIBIA_ANTERIOR_BORDER,
        "hamstring tendons": HAMSTRING_TENDONS,
        "sartorius": SARTORIUS,
        "gracilis": GRACILIS,
        "adductor longus": ADDUCTOR_LONGUS,
        "achilles centre": [(-1.15, 30.0), (-1.2, 35.8)],
        "front edge": MEDIAL_FRONT_EDGE,
        "back edge": MEDIAL_BACK_EDGE,
    },
    anchors={
        "medial malleolus": (0.35, MEDIAL_MALLEOLUS),
        "medial malleolus tip": (0.35, MEDIAL_MALLEOLUS_TIP),
        "SP 12": (3.3, -0.3),
        "metatarsal 1 base": (3.0, 36.2),
        "medial knee crease": (-1.45, POPLITEAL_CREASE),
        "navicular tuberosity": (1.7, NAVICULAR_TUBEROSITY),
        "metatarsophalangeal joint 1": (6.75, 37.15),
        "great toenail medial corner": (8.4, 37.2),  # 0.1 cun behind the nail's base
    },
    outline=[*MEDIAL_BACK_EDGE, *MEDIAL_SOLE, *reversed(MEDIAL_FRONT_EDGE)],
    closing=[],
    marks=[
        ("crease", [(-3.6, 2.3), (-1.0, 1.3), (1.5, 0.4), (3.45, -0.6)], False),
        ("bone", [(2.55, 17.5), (2.1, 17.8), (2.0, 18.8), (2.3, 19.6)], False),
        ("bone", [(-0.9, 20.6), (-0.3, 21.45), (0.9, 21.0), (1.9, 21.4)], False),
        ("tendon", HAMSTRING_TENDONS, False),
        ("muscle", SARTORIUS, False),
        ("muscle", GRACILIS, False),
        ("muscle", ADDUCTOR_LONGUS, False),
        ("crease", [(-2.0, POPLITEAL_CREASE), (-1.5, POPLITEAL_CREASE + 0.05)], False),
        ("bone", TIBIA_POSTERIOR_BORDER, False),
        ("bone", TIBIA_ANTERIOR_BORDER, False),
        ("bone", ellipse(0.35, MEDIAL_MALLEOLUS, 0.55, 0.7, 10), True),
        ("tendon", [(-0.85, 30.0), (-0.9, 35.8)], False),
        ("bone", ellipse(1.7, 35.95, 0.3, 0.25, 8), True),
        ("bone", [(3.0, 36.2), (4.8, 36.4), (6.5, 36.75)], False),
        ("crease", [(7.9, 36.95), (7.8, 37.6)], False),
        # The head of the first metatarsal, and the great toenail on the top of the toe.
        ("bone", ellipse(6.45, 37.1, 0.3, 0.28, 8), True),
        ("bone", [(8.5, 37.0), (8.75, 36.98), (9.1, 37.12)], False),
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
