"""How to press: the pressing guide, the routines, and the How to press section of a point."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..citing import CitedReferences
from ..maps import build_map, views_of
from ..models import Citation, GuideRule, Routine
from .common import crumbs


@require_safe
def guide(request):
    rules = list(GuideRule.objects.all())
    sections = [
        (value, label, [rule for rule in rules if rule.section == value])
        for value, label in GuideRule.Section.choices
    ]
    return render(
        request,
        "points/guide.html",
        {
            "sections": [section for section in sections if section[2]],
            "references": CitedReferences([("rule", rule, rule.cited) for rule in rules]),
            "breadcrumbs": crumbs(("How to press", None)),
        },
    )


@require_safe
def routine_list(request):
    return render(
        request,
        "points/routine_list.html",
        {
            "routines": Routine.objects.for_list(),
            "breadcrumbs": crumbs(("Routines", None)),
        },
    )


@require_safe
def routine_detail(request, slug):
    routine = get_object_or_404(Routine.objects.for_detail(), slug=slug)
    steps = list(routine.steps.all())
    # Why each point is in the routine: its sources for the routine's symptom.
    indication_sources = {}
    for citation in Citation.objects.filter(
        fact=Citation.Fact.INDICATION,
        indication=routine.indication_id,
        point__in=[step.point_id for step in steps],
    ).select_related("source"):
        line = ", ".join(filter(None, [citation.source.key, citation.locator]))
        indication_sources.setdefault(citation.point_id, []).append(line)
    defaults = list(GuideRule.objects.defaults())
    entries = [
        *(
            ("step", step.point_id, "\n".join(indication_sources.get(step.point_id, [])))
            for step in steps
        ),
        *(("rule", rule, rule.cited) for rule in defaults),
        ("combination", None, routine.combination_cited),
        ("cautions", None, routine.cautions_cited),
        ("see-doctor", None, routine.see_doctor_cited),
    ]
    for step in steps:
        # A thumbnail of the first view showing the point (KI 1 and Duyin, on the sole, have none).
        seen_on = views_of(step.point)
        step.map = build_map(seen_on[0], [step.point], current=step.point) if seen_on else None
        step.pressing = getattr(step.point, "pressing", None)
    return render(
        request,
        "points/routine_detail.html",
        {
            "routine": routine,
            "steps": steps,
            "defaults": defaults,
            "references": CitedReferences(entries),
            "breadcrumbs": crumbs(("Routines", reverse("points:routines")), (routine.title, None)),
        },
    )


def pressing_of(point, citations):
    """The How to press section of a point's page, and the page's references with its sources.

    Two queries whatever the point: the guide's defaults, and the sources of those and of the
    point's pressing entry (which ``Point.objects.for_detail`` brings with the point).
    """
    pressing = getattr(point, "pressing", None)
    defaults = list(GuideRule.objects.defaults())
    entries = [("rule", rule, rule.cited) for rule in defaults]
    if pressing:
        entries += [("pressing", None, pressing.cited), ("advice", None, pressing.advice_cited)]
    return {
        "pressing": pressing,
        "defaults": defaults,
        "references": CitedReferences(entries, citations),
    }
