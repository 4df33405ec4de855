import re

from django import template
from django.http import QueryDict
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from points.codes import codes_in_text
from points.links import address as _address

register = template.Library()


@register.simple_tag
def address(name, *args):
    """``{% url %}`` for the links every page has, each worked out once (see points.links)."""
    return _address(name, *args)


@register.filter
def link_codes(text, points_by_code):
    """Escape ``text`` and link each point code in it (``ST 35``, ``UB 40``) to its page.

    ``points_by_code`` maps WHO codes to the points this reference has; a code
    that is not among them stays plain text.
    """
    parts, start = [], 0
    for match, code in codes_in_text(text):
        parts.append(text[start : match.start()])
        point = points_by_code.get(str(code))
        if point is None:
            parts.append(match[0])
        else:
            parts.append(format_html('<a href="{}">{}</a>', point.get_absolute_url(), match[0]))
        start = match.end()
    parts.append(text[start:])
    return format_html_join("", "{}", ((part,) for part in parts))


# Runs of Han characters, and words written with pinyin tone marks.
FOREIGN = re.compile(
    r"(?P<zh>[\u3400-\u9fff\uf900-\ufaff]+)"
    r"|(?P<pinyin>\b\w*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]\w*\b)",
    re.IGNORECASE,
)


@register.filter
def mark_languages(text):
    """Escape ``text`` and mark its Chinese characters ``zh-Hans`` and its pinyin with tone
    marks ``zh-Latn-pinyin``, so that screen readers and fonts treat them right."""
    parts, start = [], 0
    for match in FOREIGN.finditer(text):
        parts.append(text[start : match.start()])
        lang = "zh-Hans" if match["zh"] else "zh-Latn-pinyin"
        parts.append(format_html('<span lang="{}">{}</span>', lang, match[0]))
        start = match.end()
    parts.append(text[start:])
    return format_html_join("", "{}", ((part,) for part in parts))


@register.simple_tag
def query_without(query, key, value):
    """The current query string less one value of one parameter, and back to page one."""
    params = query.copy()
    params.setlist(key, [v for v in params.getlist(key) if v != value])
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


@register.simple_tag
def query_page(query, number):
    """The current query string on another page."""
    params = query.copy()
    params["page"] = number
    return f"?{params.urlencode()}"


@register.simple_tag
def cite(references, fact, item=None):
    """The reference marks of a fact: ``[1, p. 197; 3, LIV-3]``, each number a link to its entry
    in the page's list of references. Nothing for a fact no source is cited for."""
    marks = references.of(fact, getattr(item, "pk", item))
    if not marks:
        return ""
    parts = "; ".join(
        reference.link + (conditional_escape(f", {locator}") if locator else "")
        for reference, locator in marks
    )
    return mark_safe(f'<span class="refs">[{parts}]</span>')  # each part escaped above


@register.filter
def other_sources(references, other_location):
    """The (reference, locator) pairs cited for one of a point's other locations."""
    return references.of("other-location", other_location.pk)


@register.simple_tag
def query_only(query, key):
    """The current query string with only the values of one parameter."""
    params = QueryDict(mutable=True)
    params.setlist(key, query.getlist(key))
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


@register.filter
def chosen_count(options):
    """How many of a facet's options are chosen."""
    return sum(1 for option in options if option.selected)
