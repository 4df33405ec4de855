"""Folding text for matching: case, spacing and pinyin tone marks."""

import re
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


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")


def first_sentence(text, limit=160, shortest=40):
    """The first sentence of ``text`` on one line (two if the first is shorter than
    ``shortest``: “On the buttock.” says too little), cut cleanly to at most ``limit``
    characters: at the end of a clause (``;``) if one ends far enough in, else after a
    whole word, with an ellipsis."""
    sentences = SENTENCE_END.split(squash_spaces(text), maxsplit=2)
    sentence = sentences[0]
    if len(sentence) < shortest and len(sentences) > 1:
        sentence = f"{sentence} {sentences[1]}"
    if len(sentence) <= limit:
        return sentence
    head = sentence[:limit]
    clause = head.rfind(";")
    if clause >= limit // 2:
        return head[:clause] + "."
    words = head[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return words + "…"
