"""The landmarks of the leg and foot, and their heights, in cun.

Everything on the maps is measured in cun (寸), the proportional unit of the body itself, and
only turned into drawing units (``SCALE`` to the cun) at the end. Heights (``v``) are counted
downwards from the prominence of the greater trochanter; across (``x``) is measured in the
direction the drawing runs (to the right is positive) from the middle of the knee.

The heights of the landmarks come from the bone-proportional cun (B-cun) of the
WHO Standard Acupuncture Point Locations in the Western Pacific Region (2008), table of
the lower limbs:
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

Across the leg the locations speak in finger widths (F-cun: one finger width is 1 cun,
two are 1.5) and in landmarks: the tibial crest, the borders of the fibula, the tendons.
The width of the limb itself is drawn to life-size proportions (1 cun being about
2.4 cm on a leg of 90 cm from trochanter to sole).

One liberty, the one wall charts take: below the ankle crease, the front view shows the
top of the foot laid flat, as if seen from above, so that the metatarsals and the points
between them can be seen; heights there are distances along the top of the foot
(ankle crease to the bases of the metatarsals 3 cun, metatarsals 3.3 cun).
"""

SCALE = 10  # drawing units to the cun
MARKER_DIAMETER = 9  # drawing units: a region's marker (r="4.5" in templates/includes/map.html)

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
