"""Where each point goes: a height rule and, on each view it is seen on, an across rule.

``PLACEMENTS`` is the derivation: for every point a height rule (from a landmark, or from
another point, in cun) and, for each view it is seen on, an across rule (on or beside a
landmark line, between two lines, or on the straight line joining two places).
``derivation.derive_positions()`` turns it into drawing coordinates; ``manage.py
place_points`` writes them into the database and the fixture, and tests/test_maps.py checks
that the fixture agrees with it.
"""

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
    # SP 1 is seen on the top of the foot too: 0.1 cun beyond the medial corner of the base
    # of the great toenail (0.6 cun wide).
    "SP 1": (
        ("at", "sole", -0.3),
        {
            "medial": ("at", "great toenail medial corner"),
            "dorsum": ("spot", "toenail 1 lateral corner", -0.8, 0),
        },
    ),
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
    # BL 58: 0.7 cun in front of the back edge (lateral to the calcaneal tendon), a marker's
    # width behind GB 35, which is level with it on the fibula's back border.
    "BL 58": (
        ("from", "BL 60", -7),
        {"back": ("at", "BL 57", 1), "lateral": ("line", "back edge", -0.7)},
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
    "BL 67": (
        ("at", "sole", -0.35),
        {
            "lateral": ("at", "little toenail lateral corner"),
            # Close up: at the corner itself, at the level of the nail's base, above the red
            # and white flesh where BL 66 is.
            "foot-lateral": ("spot", "little toenail lateral corner", 0, -0.12),
            "dorsum": ("spot", "toenail 5 lateral corner", 0, 0),
        },
    ),
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
    # The sole. KI 1 (WHO 2008, p. 136): with the toes flexed, in the deepest hollow of the
    # sole, about a third of the way from the web between the second and third toes to the
    # back of the heel.
    "KI 1": (("at", "sole", 0), {"sole": ("toward", "web 2-3", "heel back", 1 / 3)}),
    # Duyin: the middle of the crease of the second toe's distal joint, on its underside.
    "EX-LE 11": (("at", "sole", 0), {"sole": ("spot", "toe 2 distal crease", 0, 0)}),
}
# Points that no view can show, and why (none, now that the sole is drawn): they would have no
# place on the maps.
UNSEEN = {}
# Heights on a view (and the close views it frames) that differ from the point's height in
# PLACEMENTS: on the front view's laid-flat top of the foot, for points a side view shows too.
VIEW_LEVELS = {"front": {"GB 40": ("at", "ankle crease", 0.5)}}
# Across rules that give the whole place on their view, not the x at the point's height:
# ("spot", place, dx, dv) is dx cun to the lateral side of a place and dv cun below it;
# ("toward", a, b, t) is the fraction t of the way from place a to place b.
WHOLE_PLACE_RULES = {"spot", "toward"}
# Points used to place others on a view where they are not themselves shown.
HIDDEN = {"back": {"KI 3": ("between", "medial malleolus", "achilles centre", 0.5)}}
