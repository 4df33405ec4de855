"""The numbered references of a point's page: each source the page cites gets a number, and
each fact carries the numbers (and pages) of its sources."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import format_html

from .models import Citation

# The field of a citation that names the item it cites, for each kind of fact.
ITEM_FIELD = {
    Citation.Fact.CATEGORY: "category_id",
    Citation.Fact.INDICATION: "indication_id",
    Citation.Fact.CAUTION: "caution_id",
    Citation.Fact.OTHER_LOCATION: "other_location_id",
}


@dataclass
class Reference:
    number: int
    source: object
    locators: list = field(default_factory=list)

    @cached_property
    def link(self):
        """The reference's number as a fact's mark shows it, linked to its entry: made once
        for all the marks of a page that cite it."""
        return format_html(
            '<a href="#ref-{}" title="{}">{}</a>', self.number, self.source, self.number
        )


class References:
    """Built from a point's citations, in the sources' order; ``sources`` holds the sources
    they cite by primary key (fetched once for the page, rather than joined to every row)."""

    def __init__(self, citations, sources):
        self.by_source = {}
        self.marks = defaultdict(list)
        for citation in sorted(citations, key=lambda c: (sources[c.source_id].order, c.pk)):
            field = ITEM_FIELD.get(citation.fact)
            item = getattr(citation, field) if field else None
            self.mark(citation.fact, item, sources[citation.source_id], citation.locator)

    def reference(self, source):
        """The source's numbered reference, numbered next if the page did not cite it yet."""
        if source.pk not in self.by_source:
            self.by_source[source.pk] = Reference(len(self.by_source) + 1, source)
        return self.by_source[source.pk]

    def mark(self, fact, item, source, locator):
        """Note that ``source`` gives a fact (or one ``item`` of it), at ``locator``."""
        reference = self.reference(source)
        for place in filter(None, locator.split("; ")):
            if place not in reference.locators:
                reference.locators.append(place)
        self.marks[(fact, item)].append((reference, locator))

    def __iter__(self):
        return iter(self.by_source.values())

    def __len__(self):
        return len(self.by_source)

    def of(self, fact, item=None):
        """The (reference, locator) pairs of one fact, or of one item of a kind of fact."""
        return self.marks.get((fact, item), [])
