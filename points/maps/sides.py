"""The leg from its outer (lateral) and inner (medial) sides: the skin's outline, the landmark
lines and the named places, in cun (see ``landmarks``), as in ``front_back``."""

from .geometry import View, ellipse
from .landmarks import (
    ASIS,
    FIBULA_HEAD,
    GREATER_TROCHANTER,
    LATERAL_MALLEOLUS,
    MEDIAL_CONDYLE,
    MEDIAL_MALLEOLUS,
    MEDIAL_MALLEOLUS_TIP,
    NAVICULAR_TUBEROSITY,
    POPLITEAL_CREASE,
    SACRAL_HIATUS,
)

# fmt: off

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
    names=(
        ("greater trochanter", (0.3, GREATER_TROCHANTER)),
        ("patella", (-2.0, 18.6)),
        ("fibular head", (0.6, FIBULA_HEAD)),
        ("fibula", (0.55, 28.0)),
        ("Achilles tendon", (0.95, 33.0)),
        ("lateral malleolus", (-0.1, LATERAL_MALLEOLUS)),
        ("5th metatarsal tuberosity", (-2.9, 36.85)),
    ),
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
    names=(
        ("popliteal crease", (-1.75, POPLITEAL_CREASE)),
        ("tibia", (0.9, 27.0)),
        ("medial malleolus", (0.35, MEDIAL_MALLEOLUS)),
        ("Achilles tendon", (-0.87, 33.0)),
        ("navicular tuberosity", (1.7, NAVICULAR_TUBEROSITY)),
        ("1st metatarsal", (4.8, 36.4)),
    ),
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

# fmt: on
