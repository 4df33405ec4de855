"""Point codes: the WHO alphanumeric codes (``ST 36``) in whatever spelling people type.

The WHO Standard Acupuncture Point Locations (2008) name each channel with two
letters and number its points from its start. Older English texts use other
letters for some channels (``UB`` for the Bladder, ``LV`` for the Liver, ``K``
for the Kidney...); those spellings are read here and resolved to the WHO code.
The extra points of the lower limb, which belong to no channel, have the codes of the
WHO nomenclature (1991), ``EX-LE 1`` to ``EX-LE 12``, read here in any spelling
(``EX-LE7``, ``ex le 7``, ``exle7``). Other old numbers (``M-LE-16``, ``Extra 36``) belong
to single points and are kept on them (``Point.other_codes``, matched by ``code_key``).
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
    "EX-LE": 12,
}

# The group of the extra points of the lower limb: not a channel.
EXTRA = "EX-LE"

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

_LETTERS = sorted({*CHANNEL_SIZES, *ALIASES} - {EXTRA}, key=len, reverse=True)
# The extra points' letters with or without the hyphen and spaces: EX-LE, EX LE, EXLE.
_EXTRA_PATTERN = r"EX[-_.\s]?LE"
_LETTER_PATTERN = "|".join([_EXTRA_PATTERN, *_LETTERS])

# A whole query that is one code: "ST36", "st 36", "St-36", "ub_40", "ex-le 7".
_WHOLE = re.compile(rf"^\s*({_LETTER_PATTERN})\s*[-_.\s]?\s*(\d{{1,2}})\s*$", re.IGNORECASE)

# A code inside running text: "ST 35", "UB 40", "KI 3", "(KI 3)", "EX-LE 5". Upper case and
# two letters or more only, so that no ordinary word or letter is taken for one.
_TEXT_LETTERS = "|".join(["EX-LE", *(letters for letters in _LETTERS if len(letters) > 1)])
CODE_IN_TEXT = re.compile(rf"\b({_TEXT_LETTERS}) ?(\d{{1,2}})\b")


class Code(NamedTuple):
    channel: str
    number: int

    def __str__(self):
        return f"{self.channel} {self.number}"

    @property
    def slug(self):
        """The form used in URLs: ``st36``, ``ex-le7``."""
        return f"{self.channel.lower()}{self.number}"

    @property
    def is_extra(self):
        return self.channel == EXTRA

    @property
    def exists(self):
        """Whether the WHO standard has a point with this code."""
        return 1 <= self.number <= CHANNEL_SIZES.get(self.channel, 0)


def canonical_channel(letters):
    letters = letters.upper()
    if re.fullmatch(_EXTRA_PATTERN, letters):
        return EXTRA
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


def code_key(text):
    """A code reduced to its letters and digits, lower case: ``M-LE-16`` and ``mle 16`` both
    give ``mle16``; how ``Point.other_codes`` are matched whatever the spelling."""
    return re.sub(r"[^0-9a-z]", "", (text or "").casefold())
