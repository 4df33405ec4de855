"""Folding text for matching: case, spacing and pinyin tone marks."""

import unicodedata


def fold(text):
    """Lower case, tone marks and other accents removed, spaces and hyphens dropped.

    ``Zú sān lǐ`` and ``zusanli`` fold to the same string.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in bare.casefold() if ch.isalnum())


def squash_spaces(text):
    """Collapse runs of white space to one space and trim the ends."""
    return " ".join((text or "").split())
