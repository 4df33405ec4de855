"""The curated data of How to press: data/guide.toml (the guide's rules), data/pressing.toml
(each point's posture and finding steps) and data/routines.toml (the routines), turned into
fixture objects by ``add_guide``, which ``points.curation.build`` calls once."""

import tomllib

from .models.guide import GuideRule
from .text import squash_spaces

MODELS = ["guiderule", "pressing", "routine", "routinestep"]


def load(data_dir, name, table):
    with open(data_dir / name, "rb") as file:
        return tomllib.load(file).get(table, [])


class GuideBuilder:
    """Adds the guide's objects to a ``curation.Builder`` and notes the sources they cite."""

    def __init__(self, builder):
        self.builder = builder
        self.points = {
            o["fields"]["code"]: o for o in builder.objects if o["model"] == "points.point"
        }

    def problem(self, text):
        self.builder.problems.append(text)

    def cited_text(self, where, cited, required=True):
        """The ``cited`` field: one "key, locator" a line, every key in the bibliography."""
        if required and not cited:
            self.problem(f"{where}: no source is cited")
        for citation in cited:
            self.builder.source_of(where, citation)
        return "\n".join(cited)

    def rules(self, rules):
        sections = GuideRule.Section.values
        for order, rule in enumerate(rules, start=1):
            where = f"guide rule {rule.get('slug')!r}"
            if rule.get("section") not in sections:
                self.problem(f"{where}: section must be one of {', '.join(sections)}")
            self.builder.add(
                "guiderule",
                {
                    "section": rule.get("section", ""),
                    "order": order,
                    "slug": rule["slug"],
                    "title": rule["title"],
                    "text": squash_spaces(rule["text"]),
                    "differ": squash_spaces(rule.get("differ", "")),
                    "default": rule.get("default", ""),
                    "cited": self.cited_text(where, rule.get("cited", [])),
                },
            )

    def pressing(self, entries):
        seen = set()
        for entry in entries:
            code = entry.get("code")
            where = f"{code}: pressing"
            point = self.points.get(code)
            if point is None:
                self.problem(f"{where}: no such point")
                continue
            if code in seen:
                self.problem(f"{where}: listed twice")
            seen.add(code)
            if not 1 <= len(entry.get("steps", [])) <= 3:
                self.problem(f"{where}: give one to three steps")
            if entry.get("advice") and not entry.get("advice_cited"):
                self.problem(f"{where}: advice with no source")
            self.builder.add(
                "pressing",
                {
                    "point": point["pk"],
                    "posture": entry["posture"],
                    "steps": "\n".join(squash_spaces(step) for step in entry["steps"]),
                    "cited": self.cited_text(where, entry.get("cited", [])),
                    "advice": entry.get("advice", ""),
                    "advice_cited": self.cited_text(
                        where, entry.get("advice_cited", []), required=False
                    ),
                },
            )
        for code in sorted(set(self.points) - seen):
            self.problem(f"{code}: no pressing entry in pressing.toml")

    def routines(self, routines):
        for order, routine in enumerate(routines, start=1):
            where = f"routine {routine.get('slug')!r}"
            indication = self.builder.indications.get(routine.get("indication"))
            if indication is None:
                self.problem(f"{where}: “{routine.get('indication')}” is not a used indication")
                continue
            fields = {
                "slug": routine["slug"],
                "title": routine["title"],
                "order": order,
                "indication": indication,
                "summary": squash_spaces(routine["summary"]),
                "combination": squash_spaces(routine.get("combination", "")),
                "cautions": squash_spaces(routine["cautions"]),
                "see_doctor": squash_spaces(routine.get("see_doctor", "")),
            }
            for field, required in [
                ("combination", bool(fields["combination"])),
                ("cautions", True),
                ("see_doctor", bool(fields["see_doctor"])),
            ]:
                cited = routine.get(f"{field}_cited", [])
                fields[f"{field}_cited"] = self.cited_text(f"{where} {field}", cited, required)
            pk = self.builder.add("routine", fields)
            steps = routine.get("steps", [])
            if len(steps) < 2:
                self.problem(f"{where}: a routine has two points or more")
            codes = [step.get("code") for step in steps]
            if len(set(codes)) != len(codes):
                self.problem(f"{where}: a point is listed twice")
            for number, step in enumerate(steps, start=1):
                point = self.points.get(step.get("code"))
                if point is None:
                    self.problem(f"{where}: no point {step.get('code')!r}")
                    continue
                if indication not in point["fields"]["indications"]:
                    self.problem(f"{where}: {step['code']} does not list {routine['indication']}")
                if not 10 <= step.get("seconds", 0) <= 300:
                    self.problem(f"{where}: {step['code']}: press 10 to 300 seconds")
                self.builder.add(
                    "routinestep",
                    {
                        "routine": pk,
                        "point": point["pk"],
                        "order": number,
                        "seconds": step.get("seconds", 60),
                    },
                )


def add_guide(builder, data_dir):
    """Add the guide, the pressing entries and the routines, and the sources they cite."""
    guide = GuideBuilder(builder)
    guide.rules(load(data_dir, "guide.toml", "rule"))
    guide.pressing(load(data_dir, "pressing.toml", "pressing"))
    guide.routines(load(data_dir, "routines.toml", "routine"))
