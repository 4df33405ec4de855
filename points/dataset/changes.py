"""What changed between two versions, worked out from the edit history (django-simple-history):
each record's state at a moment is its last historical record up to then, unless that record
is its deletion. Points are compared field by field, with their indications, categories,
other locations, cautions and citations; the vocabularies are counted."""

from collections import defaultdict

from ..models import (
    Category,
    Caution,
    Citation,
    Indication,
    Meridian,
    OtherLocation,
    Point,
    PointCategory,
    Source,
)

POINT_FIELDS = [
    "code",
    "meridian_id",
    "number",
    "pinyin",
    "pinyin_tones",
    "chinese",
    "chinese_traditional",
    "english",
    "english_variants",
    "other_codes",
    "region",
    "body_part",
    "location",
    "functions",
    "corrections",
]
SHORT = 60  # a value up to this long is shown as old → new
# A point's related records: what is compared of each.
RELATED = {
    "categories": (PointCategory, ["category_id", "detail"]),
    "other locations": (OtherLocation, ["text", "difference"]),
    "cautions": (Caution, ["text"]),
    "citations": (
        Citation,
        ["fact", "source_id", "locator", "category_id", "indication_id", "caution_id"],
    ),
}
VOCABULARIES = {
    "channels": Meridian,
    "indications": Indication,
    "categories": Category,
    "sources": Source,
}
TRACKED = [Point, *VOCABULARIES.values(), *(model for model, _ in RELATED.values())]


def state_at(model, moment):
    """Each record's last historical record up to ``moment``, by id, deletions left out."""
    if moment is None:
        return {}
    latest = {}
    records = model.history.filter(history_date__lte=moment).order_by("history_date", "pk")
    for record in records.iterator():
        latest[record.id] = record
    return {pk: record for pk, record in latest.items() if record.history_type != "-"}


def point_indications(records):
    """The indication ids each historical point record held, by the point's id."""
    through = Point.history.model.indications.model
    held = defaultdict(set)
    rows = through.objects.filter(history__in=[r.pk for r in records.values()])
    by_history = {record.pk: pk for pk, record in records.items()}
    for history_id, indication_id in rows.values_list("history_id", "indication_id"):
        held[by_history[history_id]].add(indication_id)
    return held


def grouped(model, fields, moment):
    """The related records of each point at ``moment``, as sets of tuples."""
    groups = defaultdict(set)
    for record in state_at(model, moment).values():
        groups[record.point_id].add(tuple(getattr(record, name) for name in fields))
    return groups


def field_change(name, old, new):
    label = Point._meta.get_field(name.removesuffix("_id")).verbose_name
    old, new = old or "", new or ""
    if name == "meridian_id" or (len(str(old)) > SHORT or len(str(new)) > SHORT):
        return f"{label} changed"
    return f"{label}: “{old}” → “{new}”"


def set_change(label, old, new, name=str):
    added, removed = sorted(map(name, new - old)), sorted(map(name, old - new))
    if not added and not removed:
        return None
    parts = []
    if added:
        parts.append("added " + ", ".join(added))
    if removed:
        parts.append("removed " + ", ".join(removed))
    return f"{label}: " + "; ".join(parts)


def count_change(label, old, new):
    added, removed = len(new - old), len(old - new)
    if not added and not removed:
        return None
    return f"{label}: {added} added, {removed} removed"


def changes_between(before, after):
    """What changed from the moment ``before`` (None: nothing) to ``after``, as a dict of
    plain lists that the changelog shows."""
    old_points, new_points = state_at(Point, before), state_at(Point, after)
    names = {
        pk: record.name
        for moment in (before, after)
        for pk, record in state_at(Indication, moment).items()
    }
    old_held, new_held = point_indications(old_points), point_indications(new_points)
    old_related = {label: grouped(m, f, before) for label, (m, f) in RELATED.items()}
    new_related = {label: grouped(m, f, after) for label, (m, f) in RELATED.items()}
    changed = []
    for pk, record in sorted(new_points.items(), key=lambda item: item[1].code):
        old = old_points.get(pk)
        if old is None:
            continue
        lines = [
            field_change(name, getattr(old, name), getattr(record, name))
            for name in POINT_FIELDS
            if getattr(old, name) != getattr(record, name)
        ]
        lines.append(
            set_change("Indications", old_held[pk], new_held[pk], lambda i: names.get(i, "?"))
        )
        for label in RELATED:
            lines.append(
                count_change(label.capitalize(), old_related[label][pk], new_related[label][pk])
            )
        if lines := [line for line in lines if line]:
            changed.append({"code": record.code, "changes": lines})
    vocabulary = []
    if before is not None:
        for label, model in VOCABULARIES.items():
            old, new = state_at(model, before), state_at(model, after)
            edited = sum(
                1 for pk in old.keys() & new.keys() if old[pk].history_date != new[pk].history_date
            )
            added, removed = len(new.keys() - old.keys()), len(old.keys() - new.keys())
            if added or removed or edited:
                vocabulary.append(f"{label}: {added} added, {edited} changed, {removed} removed")
    return {
        "points": len(new_points),
        "added": codes(new_points, new_points.keys() - old_points.keys()) if before else [],
        "removed": codes(old_points, old_points.keys() - new_points.keys()),
        "changed": changed,
        "vocabulary": vocabulary,
    }


def codes(records, pks):
    return sorted(records[pk].code for pk in pks)


def record_baseline(moment, reason):
    """Give every tracked record with no history yet (loaded from a fixture, say) a first
    historical record dated ``moment``, so that later changes have something to compare with."""
    for model in TRACKED:
        history = model.history.model
        recorded = history.objects.values("id")
        missing = list(model.objects.exclude(pk__in=recorded).order_by("pk"))
        created = model.history.bulk_history_create(
            missing, default_date=moment, default_change_reason=reason
        )
        if model is Point and created:
            through = history.indications.model
            links = Point.indications.through.objects.filter(point__in=missing)
            by_point = {record.id: record for record in created}
            through.objects.bulk_create(
                through(history=by_point[point_id], id=pk, point_id=point_id, indication_id=ind_id)
                for pk, point_id, ind_id in links.values_list("pk", "point_id", "indication_id")
            )
