"""The leg maps: four drawings of the left leg, and where each point sits on them.

Everything here is measured in cun (寸), the proportional unit of the body itself, and only
turned into drawing units (``SCALE`` to the cun) at the end. Heights (``v``) are counted
downwards from the prominence of the greater trochanter; across (``x``) is measured in the
direction the drawing runs (to the right is positive) from the middle of the knee.

The heights of the landmarks come from the bone-proportional cun (B-cun) of the
WHO Standard Acupuncture Point Locations in the Western Pacific Region (2008), table of
the lower limbs:

* prominence of the greater trochanter to the popliteal crease: 19 B-cun;
* gluteal fold to the popliteal crease: 14 B-cun;
* popliteal crease to the prominence of the lateral malleolus: 16 B-cun;
* lower border of the medial condyle of the tibia to the prominence of the medial
  malleolus: 13 B-cun;
* apex of the patella to the prominence of the medial malleolus: 15 B-cun;
* base of the patella to its apex: 2 B-cun;
* upper border of the pubic symphysis to the base of the patella: 18 B-cun;
* prominence of the medial malleolus to the sole: 3 B-cun.

Across the leg the locations speak in finger widths (F-cun: one finger width is 1 cun,
two are 1.5) and in landmarks: the tibial crest, the borders of the fibula, the tendons.
The width of the limb itself is drawn to life-size proportions (1 cun being about
2.4 cm on a leg of 90 cm from trochanter to sole).

``PLACEMENTS`` is the derivation: for every point a height rule (from a landmark, or from
another point, in cun) and, for each view it is seen on, an across rule (on or beside a
landmark line, between two lines, or on the straight line joining two places).
``derive_positions()`` turns it into drawing coordinates; ``manage.py place_points``
writes them into the database and the fixture, and tests/test_maps.py checks that the
fixture agrees with it.

One liberty, the one wall charts take: below the ankle crease, the front view shows the
top of the foot laid flat, as if seen from above, so that the metatarsals and the points
between them can be seen; heights there are distances along the top of the foot
(ankle crease to the bases of the metatarsals 3 cun, metatarsals 3.3 cun).
"""

import math
from dataclasses import dataclass

SCALE = 10  # drawing units to the cun

# --- Heights of the landmarks, in cun below the prominence of the greater trochanter ---------

GREATER_TROCHANTER = 0.0
POPLITEAL_CREASE = GREATER_TROCHANTER + 19  # WHO: greater trochanter to popliteal crease, 19
GLUTEAL_FOLD = POPLITEAL_CREASE - 14  # WHO: gluteal fold to popliteal crease, 14
LATERAL_MALLEOLUS = POPLITEAL_CREASE + 16  # WHO: popliteal crease to lateral malleolus, 16
MEDIAL_MALLEOLUS = LATERAL_MALLEOLUS - 0.5  # the inner ankle bone stands a little higher
MEDIAL_CONDYLE = MEDIAL_MALLEOLUS - 13  # WHO: lower border of medial condyle to malleolus, 13
PATELLA_APEX = MEDIAL_MALLEOLUS - 15  # WHO: apex of patella to medial malleolus, 15
PATELLA_BASE = PATELLA_APEX - 2  # WHO: base to apex of the patella, 2
PUBIC_SYMPHYSIS = PATELLA_BASE - 18  # WHO: pubic symphysis to base of patella, 18
PUBIC_SYMPHYSIS_LOWER = PUBIC_SYMPHYSIS + 1.5  # its lower border: the symphysis is ~1.5 cun tall
SOLE = MEDIAL_MALLEOLUS + 3  # WHO: medial malleolus to sole, 3
ASIS = -4.0  # the anterior superior iliac spine, about 4 cun above the trochanter
SACRAL_HIATUS = -2.2  # GV 2, a little above the trochanter
FIBULA_HEAD = POPLITEAL_CREASE + 1.6
LATERAL_MALLEOLUS_TIP = LATERAL_MALLEOLUS + 0.75
MEDIAL_MALLEOLUS_TIP = MEDIAL_MALLEOLUS + 0.7
NAVICULAR_TUBEROSITY = MEDIAL_MALLEOLUS + 1.45  # below and in front of the inner ankle bone
# The front view's top of the foot, laid flat (distances along the foot).
ANKLE_CREASE = LATERAL_MALLEOLUS + 0.2
METATARSAL_BASES = ANKLE_CREASE + 3.0
METATARSAL_HEADS = METATARSAL_BASES + 3.3
TOE_WEBS = METATARSAL_HEADS + 0.8
# The toenails on the front view, big toe to little toe: (medial x, lateral x, base, free edge),
# nails about half the toe's width and a third to a half of its length beyond the web.
FRONT_NAILS = [
    (-1.8, -1.2, TOE_WEBS + 0.85, TOE_WEBS + 1.3),
    (-0.7, -0.2, TOE_WEBS + 1.15, TOE_WEBS + 1.6),
    (0.28, 0.68, TOE_WEBS + 1.0, TOE_WEBS + 1.4),
    (1.08, 1.42, TOE_WEBS + 0.75, TOE_WEBS + 1.1),
    (1.78, 2.02, TOE_WEBS + 0.3, TOE_WEBS + 0.55),
]

LEVELS = {
    "greater trochanter": GREATER_TROCHANTER,
    "gluteal fold": GLUTEAL_FOLD,
    "popliteal crease": POPLITEAL_CREASE,
    "lateral malleolus": LATERAL_MALLEOLUS,
    "medial malleolus": MEDIAL_MALLEOLUS,
    "medial condyle": MEDIAL_CONDYLE,
    "patella apex": PATELLA_APEX,
    "patella base": PATELLA_BASE,
    "fibula head": FIBULA_HEAD,
    "lateral malleolus tip": LATERAL_MALLEOLUS_TIP,
    "medial malleolus tip": MEDIAL_MALLEOLUS_TIP,
    "sole": SOLE,
    "sacral hiatus": SACRAL_HIATUS,
    "ankle crease": ANKLE_CREASE,
    "metatarsal bases": METATARSAL_BASES,
    "metatarsal heads": METATARSAL_HEADS,
    "toe webs": TOE_WEBS,
    "ASIS": ASIS,
    "pubic symphysis": PUBIC_SYMPHYSIS,
    "pubic symphysis lower border": PUBIC_SYMPHYSIS_LOWER,
    "navicular tuberosity": NAVICULAR_TUBEROSITY,
    **{f"toenail {n} base": nail[2] for n, nail in enumerate(FRONT_NAILS, 1)},
    "toe 2 tip": TOE_WEBS + 1.75,
}


@dataclass(frozen=True)
class View:
    name: str
    label: str
    description: str
    left: float  # the drawing's extent, in cun
    right: float
    top: float
    bottom: float
    lateral: int  # +1 if lateral (or, on the side views, posterior) is to the right, -1 if left
    lines: dict  # landmark lines: name -> [(x, v), ...] from top to bottom
    anchors: dict  # named places: name -> (x, v)
    outline: list  # the skin, as one open line around the leg, top left to top right
    closing: list  # the rest of the skin's shape (not drawn), to close it for the fill
    marks: list  # the landmarks lightly drawn: (css class, [(x, v), ...], closed)

    @property
    def view_box(self):
        return (
            f"{self.left * SCALE:g} {self.top * SCALE:g} "
            f"{(self.right - self.left) * SCALE:g} {(self.bottom - self.top) * SCALE:g}"
        )


def ellipse(cx, cy, rx, ry, n=12):
    """An ellipse as a closed ring of points (smoothed when drawn)."""
    return [
        (cx + rx * math.sin(2 * math.pi * i / n), cy - ry * math.cos(2 * math.pi * i / n))
        for i in range(n)
    ]


# The drawings' coordinates, in cun, kept in compact rows.
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

VIEWS = {view.name: view for view in (FRONT, LATERAL, MEDIAL, BACK)}
# The views a region's page shows: the side's points of the groin and the top of the foot
# (SP 12, LR 12, LR 4) are seen only from the front.
REGION_VIEWS = {
    "front": ["front"],
    "side": ["lateral", "medial", "front"],
    "back": ["back", "lateral"],
}


# --- Geometry helpers ------------------------------------------------------------------------


def at_height(line, v):
    """The x of a landmark line (top to bottom, straight between its points) at height v."""
    points = sorted(line, key=lambda p: p[1])
    if v <= points[0][1]:
        (x0, v0), (x1, v1) = points[0], points[1]
    elif v >= points[-1][1]:
        (x0, v0), (x1, v1) = points[-2], points[-1]
    else:
        for (x0, v0), (x1, v1) in zip(points, points[1:], strict=False):  # noqa: B007
            if v0 <= v <= v1:
                break
    if v1 == v0:
        return x0
    return x0 + (x1 - x0) * (v - v0) / (v1 - v0)


# --- The derivation: each point's height, and its place across the leg on each view ---------
#
# Heights: ("at", landmark, cun) is cun below a landmark (negative: above);
#          ("from", code, cun) is cun below another point; ("fraction", a, b, t) is the
#          fraction t of the way from anchor a to anchor b (the same in every view).
# Across:  ("line", name, cun) is cun to the lateral (side views: posterior) side of a
#          landmark line, negative to the medial (anterior) side; ("between", a, b, t) is
#          the fraction t of the way from line (or anchor) a to line (or anchor) b at that
#          height; ("join", a, b) is on the straight line from place a to place b (anchors or
#          points already placed); ("at", place, cun) is directly above or below a place, or
#          cun to its lateral (side views: posterior) side.

PLACEMENTS = {
    # Stomach: down the front, lateral to the tibia.
    "ST 31": (
        ("at", "pubic symphysis lower border", 0),  # WHO note 2
        {"front": ("join", "ASIS", "patella lateral base")},
    ),
    "ST 32": (("at", "patella base", -6), {"front": ("join", "ASIS", "patella lateral base")}),
    "ST 33": (("at", "patella base", -3), {"front": ("join", "ASIS", "patella lateral base")}),
    "ST 34": (("at", "patella base", -2), {"front": ("join", "ASIS", "patella lateral base")}),
    "ST 35": (
        ("at", "patella apex", 0),
        {"front": ("line", "patellar ligament lateral border", 0.45)},
    ),
    "ST 36": (("from", "ST 35", 3), {"front": ("line", "tibial crest", 1)}),
    "ST 37": (("from", "ST 35", 6), {"front": ("line", "tibial crest", 1)}),
    "ST 38": (("from", "ST 35", 8), {"front": ("line", "tibial crest", 1)}),
    "ST 39": (("from", "ST 35", 9), {"front": ("line", "tibial crest", 1)}),
    "ST 40": (("from", "ST 35", 8), {"front": ("line", "tibial crest", 2)}),
    "ST 41": (
        ("at", "ankle crease", 0),
        {"front": ("between", "ankle crease medial", "ankle crease lateral", 0.5)},
    ),
    "ST 42": (
        ("at", "metatarsal bases", 0),
        {"front": ("between", "metatarsal 2", "metatarsal 3", 0.5)},
    ),
    "ST 43": (
        ("at", "metatarsal heads", -0.9),
        {"front": ("between", "metatarsal 2", "metatarsal 3", 0.5)},
    ),
    "ST 44": (("at", "toe webs", -0.3), {"front": ("at", "web 2-3")}),
    "ST 45": (("at", "toenail 2 base", -0.1), {"front": ("at", "toenail 2 lateral corner")}),
    # Spleen: up the inner side, behind the tibia.
    "SP 1": (("at", "sole", -0.3), {"medial": ("at", "great toenail medial corner")}),
    # SP 2 and SP 3: either side of the first metatarsophalangeal joint, at the border of the
    # sole's skin (0.3 cun above the sole where the foot is this thin).
    "SP 2": (("at", "sole", -0.3), {"medial": ("at", "metatarsophalangeal joint 1", -0.45)}),
    "SP 3": (("at", "sole", -0.3), {"medial": ("at", "metatarsophalangeal joint 1", 0.45)}),
    "SP 4": (("at", "sole", -0.5), {"medial": ("at", "metatarsal 1 base", -0.5)}),
    # SP 5: midway between the navicular tuberosity and the prominence of the malleolus.
    "SP 5": (
        ("fraction", "medial malleolus", "navicular tuberosity", 0.5),
        {"medial": ("between", "medial malleolus", "navicular tuberosity", 0.5)},
    ),
    "SP 6": (("at", "medial malleolus", -3), {"medial": ("line", "tibia posterior border", 0)}),
    "SP 7": (("at", "medial malleolus", -6), {"medial": ("line", "tibia posterior border", 0)}),
    "SP 8": (("from", "SP 9", 3), {"medial": ("join", "SP 9", "medial malleolus tip")}),
    "SP 9": (("at", "medial condyle", 0), {"medial": ("line", "tibia posterior border", 0)}),
    "SP 10": (("at", "patella base", -2), {"medial": ("line", "front edge", 0.8)}),
    "SP 11": (("from", "SP 10", -6), {"medial": ("join", "SP 12", "SP 10")}),
    # SP 12 and LR 12 are in the groin, seen from the front; from the inner side they would
    # sit on the skin's edge.
    "SP 12": (("at", "pubic symphysis", 0), {"front": ("at", "SP 12")}),
    # Gallbladder: the hip, then down the outer side.
    "GB 29": (
        ("fraction", "greater trochanter", "ASIS", 0.5),
        {"lateral": ("join", "greater trochanter", "ASIS")},
    ),
    "GB 30": (
        ("fraction", "greater trochanter", "sacral hiatus", 1 / 3),
        {
            "lateral": ("join", "greater trochanter", "sacral hiatus"),
            "back": ("join", "greater trochanter", "sacral hiatus"),
        },
    ),
    "GB 31": (
        ("at", "popliteal crease", -7),
        {"lateral": ("between", "front edge", "back edge", 0.5)},
    ),
    "GB 32": (
        ("at", "popliteal crease", -5),
        {"lateral": ("between", "front edge", "back edge", 0.55)},
    ),
    "GB 33": (("from", "GB 34", -3), {"lateral": ("between", "front edge", "back edge", 0.55)}),
    "GB 34": (("at", "fibula head", 0.8), {"lateral": ("at", "fibula head", -0.65)}),
    "GB 35": (("at", "lateral malleolus", -7), {"lateral": ("line", "fibula centre", 0.3)}),
    # GB 36 is level with GB 35, in front of the fibula where GB 35 is behind it: 0.35 cun in
    # front of the bone's front border keeps the two markers a marker apart.
    "GB 36": (("at", "lateral malleolus", -7), {"lateral": ("line", "fibula centre", -0.65)}),
    "GB 37": (("at", "lateral malleolus", -5), {"lateral": ("line", "fibula centre", -0.55)}),
    "GB 38": (("at", "lateral malleolus", -4), {"lateral": ("line", "fibula centre", -0.55)}),
    # WHO: GB 39 is anterior to the fibula (behind it, it fell on BL 59's marker).
    "GB 39": (("at", "lateral malleolus", -3), {"lateral": ("line", "fibula centre", -0.55)}),
    # GB 40: in the depression in front of and below the outer ankle bone (on the front view,
    # just below the ankle crease: see FRONT_FOOT_LEVELS), lateral to the toe extensors.
    "GB 40": (
        ("at", "lateral malleolus", 0.65),
        {
            "lateral": ("at", "lateral malleolus", -0.75),
            "front": ("at", "ankle crease lateral", -0.2),
        },
    ),
    # GB 41-44 on the top of the foot: between the fourth and fifth metatarsals, the web, the
    # fourth toenail.
    "GB 41": (
        ("at", "metatarsal bases", 1.0),
        {"front": ("between", "metatarsal 4", "metatarsal 5", 0.5)},
    ),
    "GB 42": (
        ("at", "metatarsal heads", -0.9),
        {"front": ("between", "metatarsal 4", "metatarsal 5", 0.5)},
    ),
    "GB 43": (("at", "toe webs", -0.3), {"front": ("at", "web 4-5")}),
    "GB 44": (("at", "toenail 4 base", -0.1), {"front": ("at", "toenail 4 lateral corner")}),
    # Bladder: down the back of the thigh and calf, round the outer ankle, along the foot.
    "BL 36": (("at", "gluteal fold", 0), {"back": ("at", "gluteal fold middle")}),
    "BL 37": (("from", "BL 36", 6), {"back": ("join", "BL 36", "BL 40")}),
    "BL 38": (("from", "BL 39", -1), {"back": ("line", "biceps tendon", -0.5)}),
    "BL 39": (("at", "popliteal crease", 0), {"back": ("line", "biceps tendon", -0.5)}),
    "BL 40": (
        ("at", "popliteal crease", 0),
        {"back": ("between", "crease lateral end", "crease medial end", 0.5)},
    ),
    "BL 55": (("from", "BL 40", 2), {"back": ("join", "BL 40", "BL 57")}),
    "BL 56": (("from", "BL 40", 5), {"back": ("join", "BL 40", "BL 57")}),
    "BL 57": (
        ("fraction", "popliteal crease", "lateral malleolus", 0.5),
        {"back": ("between", "lateral edge", "medial edge", 0.5)},
    ),
    "BL 58": (
        ("from", "BL 60", -7),
        {"back": ("at", "BL 57", 1), "lateral": ("line", "back edge", -0.8)},
    ),
    "BL 59": (("from", "BL 60", -3), {"back": ("at", "BL 60"), "lateral": ("at", "BL 60")}),
    "BL 60": (
        ("at", "lateral malleolus", 0),
        {
            "back": ("between", "lateral malleolus", "achilles centre", 0.5),
            "lateral": ("between", "malleolus", "achilles centre", 0.5),
        },
    ),
    "BL 61": (("at", "sole", -0.5), {"lateral": ("at", "BL 60")}),
    "BL 62": (("at", "lateral malleolus tip", 0.5), {"lateral": ("at", "lateral malleolus")}),
    "BL 63": (("at", "sole", -0.65), {"lateral": ("at", "lateral malleolus", -1.3)}),
    "BL 64": (("at", "sole", -0.4), {"lateral": ("at", "metatarsal 5 tuberosity", -0.1)}),
    "BL 65": (("at", "sole", -0.4), {"lateral": ("at", "metatarsophalangeal joint 5", 0.6)}),
    "BL 66": (("at", "sole", -0.4), {"lateral": ("at", "metatarsophalangeal joint 5", -0.35)}),
    "BL 67": (("at", "sole", -0.35), {"lateral": ("at", "little toenail lateral corner")}),
    # Kidney: behind the inner ankle, up the inner calf to the knee crease.
    "KI 2": (("at", "sole", -0.55), {"medial": ("at", "navicular tuberosity")}),
    "KI 3": (
        ("at", "medial malleolus", 0),
        {"medial": ("between", "medial malleolus", "achilles centre", 0.5)},
    ),
    # KI 4: 0.5 cun below KI 3, just in front of the calcaneal tendon's attachment.
    "KI 4": (("from", "KI 3", 0.5), {"medial": ("line", "achilles centre", -0.35)}),
    # KI 5: 1 cun below KI 3, in front of the calcaneal tuberosity: 0.2 cun behind the line
    # straight down from KI 3 (towards the tuberosity) to keep clear of KI 6.
    "KI 5": (("from", "KI 3", 1), {"medial": ("at", "KI 3", 0.2)}),
    "KI 6": (("at", "medial malleolus tip", 0.4), {"medial": ("at", "medial malleolus")}),
    "KI 7": (("from", "KI 3", -2), {"medial": ("line", "achilles centre", -0.3)}),
    "KI 8": (("from", "KI 7", 0), {"medial": ("at", "KI 7", -0.5)}),  # WHO: 0.5 in front of KI 7
    "KI 9": (
        ("from", "KI 3", -5),
        {"medial": ("join", "KI 3", "KI 10"), "back": ("join", "KI 3", "KI 10")},
    ),
    "KI 10": (
        ("at", "popliteal crease", 0),
        {"medial": ("at", "medial knee crease"), "back": ("line", "medial edge", 0.4)},
    ),
    # Liver: the big toe, the top of the foot, the front of the ankle, the inner face of the
    # tibia, the inner knee and thigh, the groin.
    "LR 1": (("at", "toenail 1 base", -0.1), {"front": ("at", "toenail 1 lateral corner")}),
    "LR 2": (("at", "toe webs", -0.3), {"front": ("at", "web 1-2")}),
    "LR 3": (
        ("at", "metatarsal bases", 1.2),  # distal to the junction of the bases of the two bones
        {"front": ("between", "metatarsal 1", "metatarsal 2", 0.5)},
    ),
    # LR 4: on the ankle crease, medial to the tibialis anterior tendon, midway between SP 5 and
    # ST 41 (0.4 cun medial to the tendon, 0.1 short of midway, to clear ST 41's marker). On
    # the inner side it would fall on SP 5's marker, so it is shown from the front.
    "LR 4": (("at", "ankle crease", 0), {"front": ("line", "tibialis anterior", -0.4)}),
    # LR 5, LR 6: the centre of the tibia's inner face, which is seen from the front too.
    "LR 5": (
        ("at", "medial malleolus", -5),
        {
            "medial": ("between", "tibia posterior border", "tibia anterior border", 0.5),
            "front": ("between", "tibial crest", "medial edge", 0.45),
        },
    ),
    "LR 6": (
        ("at", "medial malleolus", -7),
        {
            "medial": ("between", "tibia posterior border", "tibia anterior border", 0.5),
            "front": ("between", "tibial crest", "medial edge", 0.45),
        },
    ),
    "LR 7": (("from", "SP 9", 0), {"medial": ("at", "SP 9", 1)}),  # WHO: 1 cun behind SP 9
    # LR 8: at the inner end of the knee crease, in front of (medial to) the hamstring tendons.
    "LR 8": (("at", "popliteal crease", 0), {"medial": ("line", "hamstring tendons", -0.9)}),
    "LR 9": (
        ("at", "patella base", -4),  # behind the sartorius, in front of the gracilis
        {"medial": ("between", "sartorius", "gracilis", 0.35)},
    ),
    # LR 10, LR 11: 3 and 2 cun below ST 30 (level with the top of the symphysis), lateral to
    # (in front of) the adductor longus.
    "LR 10": (("at", "pubic symphysis", 3), {"medial": ("line", "adductor longus", -0.4)}),
    "LR 11": (("at", "pubic symphysis", 2), {"medial": ("line", "adductor longus", -0.4)}),
    "LR 12": (("at", "pubic symphysis", 0), {"front": ("line", "midline", 2.5)}),
    # The extra points of the leg (EX-LE), on no channel. Not in WHO 2008: Cheng Xinnong,
    # Chinese Acupuncture and Moxibustion (Extra 35-40) and the standard locations.
    # Kuangu is a pair, 1.5 cun lateral and medial to ST 34: the marker is the lateral one.
    "EX-LE 1": (("from", "ST 34", 0), {"front": ("at", "ST 34", 1.5)}),
    # Heding: the depression above the midpoint of the patella's upper border.
    "EX-LE 2": (("at", "patella base", -0.2), {"front": ("at", "patella base middle")}),
    "EX-LE 3": (("from", "SP 10", -1), {"medial": ("line", "front edge", 0.8)}),  # Baichongwo
    # Neixiyan: the depression medial to the patellar ligament, level with the patella's apex.
    "EX-LE 4": (
        ("at", "patella apex", 0),
        {"front": ("line", "patellar ligament medial border", -0.45)},
    ),
    # Xiyan: the two knee eyes; the lateral one is ST 35, the marker is the medial one, which
    # is Neixiyan's own place (the two markers coincide: see tests/test_maps.py).
    "EX-LE 5": (
        ("at", "patella apex", 0),
        {"front": ("line", "patellar ligament medial border", -0.45)},
    ),
    "EX-LE 6": (("from", "GB 34", 2), {"lateral": ("line", "fibula centre", -0.65)}),  # Dannang
    "EX-LE 7": (("from", "ST 36", 2), {"front": ("line", "tibial crest", 1)}),  # Lanwei
    # Neihuaijian, Waihuaijian: the prominences of the ankle bones. Each marker sits on the
    # upper front of its prominence (0.25 cun up, 0.2 forward of its centre, still on the
    # bone) to clear KI 3 and BL 60 behind it.
    "EX-LE 8": (("at", "medial malleolus", -0.25), {"medial": ("at", "medial malleolus", -0.2)}),
    "EX-LE 9": (
        ("at", "lateral malleolus", -0.25),
        {"lateral": ("at", "lateral malleolus", -0.2)},
    ),
    # Bafeng: the eight webs between the toes. Three of the four on each foot are LR 2, ST 44
    # and GB 43, so the marker is the one on no channel, between the third and fourth toes.
    "EX-LE 10": (("at", "toe webs", -0.3), {"front": ("at", "web 3-4")}),
    # Qiduan: the tips of the ten toes, 0.1 cun from the nail; the marker is the second toe's.
    "EX-LE 12": (("at", "toe 2 tip", -0.1), {"front": ("at", "toe 2 tip")}),
}
# Points that none of the four views can show, and why; they have no place on the maps.
UNSEEN = {
    "KI 1": "on the sole",
    "EX-LE 11": "on the sole (Duyin: the plantar crease of the second toe's distal joint)",
}
# Heights on the front view's laid-flat top of the foot, for points that a side view shows too
# (where their height is the one in PLACEMENTS).
FRONT_FOOT_LEVELS = {"GB 40": ("at", "ankle crease", 0.5)}
# Points used to place others on a view where they are not themselves shown.
HIDDEN = {"back": {"KI 3": ("between", "medial malleolus", "achilles centre", 0.5)}}


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


class _Placer:
    """Works out each point's place on one view, following the rules of ``PLACEMENTS``."""

    def __init__(self, view, levels):
        self.view, self.levels, self.placed = view, levels, {}

    def rule_for(self, code):
        rules = PLACEMENTS[code][1]
        if self.view.name in rules:
            return rules[self.view.name]
        return HIDDEN.get(self.view.name, {})[code]

    def place(self, code):
        if code not in self.placed:
            v = self.levels[code]
            self.placed[code] = (self.across(self.rule_for(code), v), v)
        return self.placed[code]

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

    x and y are in drawing units (``SCALE`` to the cun), rounded to a tenth of a unit.
    """
    levels = {}
    for code in PLACEMENTS:
        _resolve_level(code, levels)
    positions = {code: {} for code in PLACEMENTS}
    for view in VIEWS.values():
        view_levels = levels
        if view.name == "front":
            view_levels = {
                **levels,
                **{c: _height(r, levels, c) for c, r in FRONT_FOOT_LEVELS.items()},
            }
        placer = _Placer(view, view_levels)
        for code, (_rule, across) in PLACEMENTS.items():
            if view.name in across:
                x, v = placer.place(code)
                positions[code][view.name] = [round(x * SCALE, 1) + 0.0, round(v * SCALE, 1) + 0.0]
    return positions


# --- Drawing ---------------------------------------------------------------------------------


def _fmt(value):
    return f"{round(value * SCALE, 1):g}"


def smooth_path(points, closed=False):
    """An SVG path through ``points`` (in cun), smoothed as a Catmull-Rom spline."""
    if len(points) < 3:
        return "M" + " ".join(f"{_fmt(x)},{_fmt(v)}" for x, v in points)
    ring = (
        [points[-1], *points, points[0], points[1]] if closed else [points[0], *points, points[-1]]
    )
    parts = [f"M{_fmt(points[0][0])},{_fmt(points[0][1])}"]
    count = len(points) if closed else len(points) - 1
    for i in range(count):
        p0, p1, p2, p3 = ring[i], ring[i + 1], ring[i + 2], ring[i + 3]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{_fmt(c1[0])},{_fmt(c1[1])} {_fmt(c2[0])},{_fmt(c2[1])} {_fmt(p2[0])},{_fmt(p2[1])}"
        )
    if closed:
        parts.append("Z")
    return "".join(parts)


def drawing(view_name):
    """The fixed parts of a view: its box, the skin (fill and outline) and the landmarks."""
    view = VIEWS[view_name]
    skin = smooth_path(view.outline)
    fill = skin + "".join(f"L{_fmt(x)},{_fmt(v)}" for x, v in view.closing) + "Z"
    return {
        "name": view.name,
        "label": view.label,
        "description": view.description,
        "view_box": view.view_box,
        "fill": fill,
        "skin": skin,
        "marks": [
            {"class": css, "d": smooth_path(points, closed)} for css, points, closed in view.marks
        ],
    }


# --- Maps with points: what the templates draw ---------------------------------------------

LABEL_ROOM = 34  # drawing units a label needs to the right of its marker
CROP = 12  # cun shown above and below a point on its own page


def _label_spot(view, x, y, others):
    """Where a marker's label goes: to its right, unless the edge or another point is in
    the way there and not on the left."""

    def crowded(lo, hi):
        return sum(1 for ox, oy in others if lo < ox < hi and abs(oy - y) < 8)

    right_blocked = x + LABEL_ROOM > view.right * SCALE or crowded(x + 2, x + LABEL_ROOM)
    left_blocked = x - LABEL_ROOM < view.left * SCALE or crowded(x - LABEL_ROOM, x - 2)
    if right_blocked and not left_blocked:
        return {"x": round(x - 7, 1), "y": round(y + 3.2, 1), "anchor": "end"}
    return {"x": round(x + 7, 1), "y": round(y + 3.2, 1), "anchor": "start"}


def _leaves_view(code, after, before, view_name):
    """Whether the channel of ``code`` runs off this view between two of its points: some
    point numbered between them is placed, but not on this view (LR 6 to LR 12 on the front
    view goes round the inner knee and thigh, not over the kneecap)."""
    channel = code.rsplit(" ", 1)[0]
    return any(
        view_name not in PLACEMENTS[f"{channel} {n}"][1]
        for n in range(after + 1, before)
        if f"{channel} {n}" in PLACEMENTS
    )


def build_map(view_name, points, *, region=None, current=None):
    """A view with the given points on it, for ``templates/includes/map.html``.

    ``points`` are Point objects (with their meridian loaded); those without a place on
    this view are left out. On a region page (``region``) the region's points are drawn
    full size and the others small; on a point page (``current``) that point is
    highlighted and the others, its meridian neighbours, drawn faint.
    """
    from .validators import position_on  # which imports this module

    view = VIEWS[view_name]
    # A malformed place (saved before it was checked, or around the check) is left off.
    placed = [(point, place) for point in points if (place := position_on(point, view_name))]
    lines = {}  # meridian -> its stretches on this view, each a list of "x,y"
    previous = {}
    for point, (x, y) in sorted(placed, key=lambda item: item[0].number):
        if point.meridian is None:  # the extra points are on no channel's line
            continue
        stretches = lines.setdefault(point.meridian, [[]])
        before = previous.get(point.meridian)
        if before is not None and _leaves_view(point.code, before, point.number, view_name):
            stretches.append([])
        stretches[-1].append(f"{x:g},{y:g}")
        previous[point.meridian] = point.number
    markers = []
    for point, (x, y) in placed:
        if current is not None:
            state = "is-current" if point.pk == current.pk else "is-faint"
        elif region is not None:
            state = "is-region" if point.region == region else "is-other"
        else:
            state = "is-region"
        markers.append(
            {
                "point": point,
                "meridian": point.meridian.code.lower() if point.meridian else "ex",
                "x": x,
                "y": y,
                "state": state,
                "label": _label_spot(view, x, y, [spot for _p, spot in placed]),
            }
        )
    # Drawn last, on top: the highlighted point, then the points of the region.
    order = {"is-faint": 0, "is-other": 0, "is-region": 1, "is-current": 2}
    markers.sort(key=lambda marker: order[marker["state"]])
    box = {}
    if current is not None:
        # A point's page shows the stretch of the leg around it, CROP cun above and below.
        _x, y = position_on(current, view_name) or (0, (view.top + CROP) * SCALE)
        top = min(max(y / SCALE - CROP, view.top), view.bottom - 2 * CROP)
        bottom = min(top + 2 * CROP, view.bottom)
        box = {
            "view_box": f"{_fmt(view.left)} {_fmt(top)} {_fmt(view.right - view.left)} "
            f"{_fmt(bottom - top)}"
        }
    return {
        **drawing(view_name),
        **box,
        "id": f"map-{view_name}" + (f"-{current.slug}" if current is not None else ""),
        "lines": [
            {"meridian": meridian, "code": meridian.code.lower(), "points": " ".join(coords)}
            for meridian, stretches in sorted(lines.items(), key=lambda item: item[0].order)
            for coords in stretches
            if len(coords) > 1
        ],
        "meridians": sorted(lines, key=lambda meridian: meridian.order),
        "markers": markers,
        "faint": current is not None,
    }


def views_of(point):
    """The views a point is seen on, front to back."""
    from .validators import position_on  # which imports this module

    return [name for name in VIEWS if position_on(point, name)]


# --- The cun guide's figure: the proportional measurements on the side views ---------------

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
                    "d": f"M{_fmt(x - 0.3)},{_fmt(top)}h{0.6 * SCALE:g}M{_fmt(x)},{_fmt(top)}"
                    f"V{_fmt(bottom)}M{_fmt(x - 0.3)},{_fmt(bottom)}h{0.6 * SCALE:g}",
                    "x": _fmt(x + (0.35 if x > 0 else -0.35)),
                    "y": _fmt((top + bottom) / 2 + 0.35),
                    "anchor": "start" if x > 0 else "end",
                    "cun": cun,
                    "text": text,
                }
            )
            for level in (top, bottom):
                start = MEASURE_SPOTS[(view_name, level)]
                leaders.append(f"M{_fmt(start)},{_fmt(level)}H{_fmt(x)}")
        figures.append(
            {
                **drawing(view_name),
                "view_box": f"{_fmt(left)} {_fmt(view.top)} {_fmt(right - left)} "
                f"{_fmt(view.bottom - view.top)}",
                "bars": bars,
                "leaders": "".join(dict.fromkeys(leaders)),
            }
        )
    return figures
