"""Point codes: the WHO alphanumeric codes (``ST 36``) in whatever spelling people type.

The WHO Standard Acupuncture Point Locations (2008) name each channel with two
letters and number its points from its start. Older English texts use other
letters for some channels (``UB`` for the Bladder, ``LV`` for the Liver, ``K``
for the Kidney...); those spellings are read here and resolved to the WHO code.
"""

import re
from typing import NamedTuple

# Points per channel in the WHO Standard Acupuncture Point Locations (2008).
CHANNEL_SIZES = {
    "LU": 11,
    "LI": 20,
    "ST": 45,
    "SP": 21,
    "HT": 9,
    "SI": 19,
    "BL": 67,
    "KI": 27,
    "PC": 9,
    "TE": 23,
    "GB": 44,
    "LR": 14,
    "GV": 28,
    "CV": 24,
}

# Other letters for the same channels, as English-language texts write them.
ALIASES = {
    "UB": "BL",
    "B": "BL",
    "K": "KI",
    "KID": "KI",
    "LV": "LR",
    "LIV": "LR",
    "H": "HT",
    "HE": "HT",
    "P": "PC",
    "SJ": "TE",
    "TB": "TE",
    "TW": "TE",
    "DU": "GV",
    "REN": "CV",
    "S": "ST",
    "SPL": "SP",
}

_LETTERS = sorted({*CHANNEL_SIZES, *ALIASES}, key=len, reverse=True)
_LETTER_PATTERN = "|".join(_LETTERS)

# A whole query that is one code: "ST36", "st 36", "St-36", "ub_40".
_WHOLE = re.compile(rf"^\s*({_LETTER_PATTERN})\s*[-_.\s]?\s*(\d{{1,2}})\s*$", re.IGNORECASE)

# A code inside running text: "ST 35", "UB 40", "KI 3", "(KI 3)". Upper case and
# two letters or more only, so that no ordinary word or letter is taken for one.
_TEXT_LETTERS = "|".join(letters for letters in _LETTERS if len(letters) > 1)
CODE_IN_TEXT = re.compile(rf"\b({_TEXT_LETTERS}) ?(\d{{1,2}})\b")


class Code(NamedTuple):
    channel: str
    number: int

    def __str__(self):
        return f"{self.channel} {self.number}"

    @property
    def slug(self):
        """The form used in URLs: ``st36``."""
        return f"{self.channel.lower()}{self.number}"

    @property
    def exists(self):
        """Whether the WHO standard has a point with this code."""
        return 1 <= self.number <= CHANNEL_SIZES.get(self.channel, 0)


def canonical_channel(letters):
    letters = letters.upper()
    return ALIASES.get(letters, letters)


def parse_code(text):
    """Read a code in any common spelling; ``None`` when the text is not one."""
    match = _WHOLE.match(text or "")
    if not match:
        return None
    return Code(canonical_channel(match[1]), int(match[2]))


def codes_in_text(text):
    """Every code a piece of text mentions, in order, as (match, Code) pairs."""
    for match in CODE_IN_TEXT.finditer(text):
        yield match, Code(canonical_channel(match[1]), int(match[2]))
