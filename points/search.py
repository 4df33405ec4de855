"""Searching the points, in one place.

A query is read once, by ``SearchQuery.parse``, into what every search needs of it: the text
with its spaces squashed, the text folded (no case, tone marks or spaces), the point code it
is, if any (ST36, UB 40, ex le 7), and the key another source's code would have (M-LE-23;
every such code has a number, so text without a digit has no key).
Every condition and rank the site searches points with is built from that one value: the
search page, the list's ``q`` filter (and so the exports), and the admin's search.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from .codes import Code, code_key, parse_code
from .text import fold, squash_spaces

HAS_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class SearchQuery:
    text: str
    folded: str
    code: Code | None
    key: str

    @classmethod
    def parse(cls, query):
        """``query`` read once; a SearchQuery already read is returned as it is."""
        if isinstance(query, cls):
            return query
        text = squash_spaces(query)
        key = code_key(text)
        return cls(text, fold(text), parse_code(text), key if HAS_DIGIT.search(key) else "")

    def __bool__(self):
        return bool(self.text)

    def __str__(self):
        return self.text

    def exact(self):
        """Points whose code, other code, pinyin, Chinese or English name is exactly this;
        each of them but the other codes is looked up in an index of its own."""
        condition = (
            Q(Exact(Lower("pinyin"), self.folded))
            | Q(chinese=self.text)
            | Q(chinese_traditional=self.text)
            | Q(Exact(Lower("english"), self.text.lower()))
        )
        return condition | self.codes()

    def codes(self):
        """Points this is the code of, in any spelling, or another source's code for (an
        empty Q, which changes nothing it is or-ed with, when it is neither)."""
        condition = Q(code=str(self.code)) if self.code else Q()
        if self.key:
            condition |= Q(code_keys__contains=f" {self.key} ")
        return condition

    def partial(self):
        """Points with this as part of their pinyin or English name."""
        return Q(pinyin__icontains=self.folded) | Q(english__icontains=self.text)

    def matches(self):
        """Points whose code, names, locations or indications match.

        A code in any spelling (ST36, st 36, UB40); pinyin with or without tone marks and
        spaces; Chinese characters; the English name or another translation; every word in
        the WHO location or in one of the other sources' locations; an indication's name or
        one of its synonyms. The indications and other locations are looked up per point
        (EXISTS, by the point's index), not joined: no duplicate rows to remove, so a query
        can stop at its first matches.
        """
        from .models import OtherLocation, Point  # the models search with this module

        condition = (
            Q(chinese__contains=self.text)
            | Q(chinese_traditional__contains=self.text)
            | Q(english__icontains=self.text)
            | Q(english_variants__icontains=self.text)
            | self.codes()
        )
        if self.folded:
            condition |= Q(pinyin__icontains=self.folded)
        words, other_words = Q(), Q()
        for word in self.text.split():
            words &= Q(location__icontains=word)
            other_words &= Q(text__icontains=word)
        # The point's own columns first: a point they match needs no lookup.
        links = Point.indications.through.objects.filter(point=OuterRef("pk"))
        other_locations = OtherLocation.objects.filter(point=OuterRef("pk"))
        condition |= (
            words
            | Q(
                Exists(
                    links.filter(
                        Q(indication__name__icontains=self.text)
                        | Q(indication__synonyms__icontains=self.text)
                    )
                )
            )
            | Q(Exists(other_locations.filter(other_words)))
        )
        if connection.vendor == "postgresql":
            # The database's own search: stemmed words in the locations ("flexing" finds
            # "flexed"), and names spelt nearly right ("zusanly").
            condition |= Q(location__search=self.text) | Q(
                Exists(other_locations.filter(text__search=self.text))
            )
            if self.folded:
                condition |= Q(pinyin__trigram_similar=self.folded) | Q(
                    english__trigram_similar=self.text
                )
        return condition

    def rank(self):
        """0 for an exact code or name, 1 for part of a name, 2 otherwise."""
        return Case(
            When(self.exact(), then=Value(0)),
            When(self.partial(), then=Value(1)),
            default=Value(2),
        )
