"""Reading the seed article the fixture was curated from, for tests that compare the two.

The article sits in the shared folder beside the repository. In its Front and
Side sections an entry is: a ``Location:`` paragraph, then an image caption that
names the point, then ``Indications:``; the location belongs to the caption
after it. (KI 10's location has no label.) The Back section lists each point
as a bullet with the location after the name.
"""

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_426767e18046e1b2.txt"

# The captions of the Front and Side sections, in order, with the point each names.
CAPTION_CODES = (
    "ST 32 ST 33 ST 34 ST 35 ST 36 ST 37 ST 38 ST 39 ST 40 ST 41 ST 42 ST 43 ST 44 "
    "SP 11 GB 30 SP 10 KI 10 GB 31 SP 9 GB 32 GB 33 SP 8 GB 34 SP 7 SP 6 GB 35 GB 38 "
    "GB 39 KI 7 KI 3 KI 6 SP 4"
)


def seed_locations():
    """The seed's location text for each point code, paired the right way round."""
    text = SEED.read_text(encoding="utf-8")
    front_side, back = text.split("Acupoints on the Back of Leg")
    paragraphs = [p.strip() for p in front_side.split("\n\n") if p.strip()]
    locations = []
    for index, paragraph in enumerate(paragraphs):
        after = paragraphs[index + 2] if index + 2 < len(paragraphs) else ""
        # A location is the paragraph two before an "Indications:" paragraph.
        if after.startswith("Indications:"):
            locations.append(paragraph.removeprefix("Location:").strip())
    codes = [" ".join(pair) for pair in re.findall(r"([A-Z]{2}) (\d+)", CAPTION_CODES)]
    assert len(codes) == len(locations) == 32, (len(codes), len(locations))
    found = dict(zip(codes, locations, strict=True))
    for code, location in re.findall(r"•\s*([A-Z]{2} \d+)\(\w+\)\s*\n\s*\nLocation:\s*(.+)", back):
        found[code] = location.strip()
    return found
