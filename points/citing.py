"""Numbered references for facts whose sources are written in a ``cited`` field (the guide's
rules, the pressing entries, the routines): the same ``References`` the point pages use, so
one list can hold a point's citations and these together."""

from django.db.models import Q

from .models import Source
from .models.guide import citation_lines
from .references import References


class CitedReferences(References):
    """``References`` from model citations, plus facts given as (fact, item, cited text).

    The sources the citations and the texts name are fetched together, in one query. A fact's
    marks are found with the ``cite`` tag as usual: ``{% cite references "rule" rule %}``.
    """

    def __init__(self, entries, citations=()):
        citations = list(citations)
        entries = [(fact, item, citation_lines(cited)) for fact, item, cited in entries]
        keys = {key for _fact, _item, pairs in entries for key, _locator in pairs}
        ids = {citation.source_id for citation in citations}
        found = Source.objects.filter(Q(key__in=keys) | Q(pk__in=ids)) if keys or ids else ()
        by_pk = {source.pk: source for source in found}
        super().__init__(citations, by_pk)
        sources = {source.key: source for source in by_pk.values() if source.key in keys}
        # New sources are numbered after the point's own, in the bibliography's order.
        for source in sorted(sources.values(), key=lambda s: s.order):
            self.reference(source)
        for fact, item, pairs in entries:
            for key, locator in pairs:
                if key in sources:  # a source deleted since: the fact goes unmarked, never a 500
                    self.mark(fact, getattr(item, "pk", item), sources[key], locator)
