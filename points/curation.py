"""The curated data in ``data/`` turned into the fixture ``fixtures/legpoints.json``.

``data/`` holds the data as reviewers read it: a bibliography, the channels, the categories,
one vocabulary of symptoms and one file of points a channel, every fact with its sources
(``data/README.md``). ``build()`` checks it all and returns the fixture's objects;
``manage.py build_fixture`` writes them, and ``--check`` says whether the fixture is up to date.
"""

import json
import tomllib
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from .codes import parse_code
from .guide_data import MODELS as GUIDE_MODELS
from .guide_data import add_guide
from .maps import derive_positions
from .models import Citation, Indication, Point
from .models.points import codes_as_keys
from .models.sources import split_citation
from .red_flags import add_red_flags
from .text import squash_spaces

DATA = Path(settings.BASE_DIR) / "data"
FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "legpoints.json"
POINT_FILES = ["st", "sp", "gb", "bl", "ki", "lr", "ex"]


class DataError(Exception):
    """The data has problems: every one of them, one a line."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def read(data_dir):
    def load(name):
        with open(data_dir / name, "rb") as file:
            return tomllib.load(file)

    return {
        "sources": load("sources.toml")["source"],
        "meridians": load("meridians.toml")["meridian"],
        "categories": load("categories.toml")["category"],
        "indications": load("indications.toml")["indication"],
        "points": [
            point for name in POINT_FILES for point in load(f"points/{name}.toml").get("point", [])
        ],
    }


class Builder:
    """Collects the fixture's objects, numbering each model's rows from 1, and the problems."""

    def __init__(self, data):
        self.data = data
        self.objects = []
        self.problems = []
        self.pks = {}
        self.cited = set()  # the sources something cites, as they are looked up
        self.sources = {
            s["key"]: self.add("source", self.source_fields(s, i))
            for i, s in enumerate(data["sources"], start=1)
        }
        self.meridians = {m["code"]: self.add("meridian", m) for m in data["meridians"]}
        self.categories = {c["name"]: self.add("category", c) for c in data["categories"]}
        used = {i["name"] for p in data["points"] for i in p.get("indications", [])}
        vocabulary = sorted(
            (i for i in data["indications"] if i["name"] in used), key=lambda i: i["name"]
        )
        self.indications = {
            i["name"]: self.add("indication", self.indication_fields(i)) for i in vocabulary
        }
        self.unused = sorted({i["name"] for i in data["indications"]} - used)

    def add(self, model, fields):
        pk = self.pks[model] = self.pks.get(model, 0) + 1
        self.objects.append({"model": f"points.{model}", "pk": pk, "fields": fields})
        return pk

    @staticmethod
    def source_fields(source, order):
        fields = {
            k: source.get(k, "")
            for k in ["key", "authors", "title", "publisher", "edition", "identifier", "url", "use"]
        }
        return {**fields, "year": source.get("year") or None, "order": order}

    def indication_fields(self, indication):
        if indication.get("group") not in Indication.Group.values:
            self.problems.append(
                f"“{indication['name']}”: group must be one of {', '.join(Indication.Group.values)}"
            )
        return {
            "name": indication["name"],
            "slug": indication.get("slug") or slugify(indication["name"]),
            "synonyms": "\n".join(indication.get("synonyms", [])),
            "group": indication.get("group", ""),
        }

    def source_of(self, where, citation):
        """The source's pk and the locator of a ``"key, locator"`` citation; the pk is
        ``None``, and a problem noted, when the key is not in the bibliography."""
        key, locator = split_citation(citation)
        if key not in self.sources:
            self.problems.append(f"{where}: “{key}” is not in sources.toml")
            return None, locator
        self.cited.add(self.sources[key])
        return self.sources[key], locator

    def cite(self, where, point_pk, fact, cited, **item):
        if not cited:
            self.problems.append(f"{where}: no source is cited")
        # One citation a source: two places in one source become one locator, "p. 6; LR-3".
        locators = {}
        for citation in cited:
            source, locator = self.source_of(where, citation)
            if source is not None:
                locators.setdefault(source, []).append(locator)
        empty = dict.fromkeys(["category", "indication", "caution", "other_location"])
        for source, places in locators.items():
            fields = {"point": point_pk, "fact": fact, **empty, **item}
            fields["source"] = source
            fields["locator"] = "; ".join(dict.fromkeys(place for place in places if place))
            self.add("citation", fields)

    def point(self, point, positions):
        code = parse_code(point.get("code", ""))
        if code is None or not code.exists or str(code) != point["code"]:
            self.problems.append(f"{point.get('code')!r}: not a WHO code written the WHO way")
            return
        where = str(code)
        meridian = None if code.is_extra else self.meridians.get(code.channel)
        if not code.is_extra and meridian is None:
            self.problems.append(f"{where}: no channel {code.channel} in meridians.toml")
            return
        for field, choices in [
            ("region", Point.Region.values),
            ("body_part", Point.BodyPart.values),
        ]:
            if point.get(field) not in choices:
                self.problems.append(f"{where}: {field} must be one of {', '.join(choices)}")
        required = ["pinyin", "pinyin_tones", "chinese", "location"]
        # An extra point may have no standard English name; a channel point has one.
        for field in required if code.is_extra else [*required, "english"]:
            if not squash_spaces(point.get(field)):
                self.problems.append(f"{where}: {field} is empty")
        indications = [self.indications.get(i["name"]) for i in point.get("indications", [])]
        for given, pk in zip(point.get("indications", []), indications, strict=True):
            if pk is None:
                self.problems.append(f"{where}: “{given['name']}” is not in indications.toml")
        pk = self.add(
            "point",
            {
                "meridian": meridian,
                "number": code.number,
                "code": where,
                "slug": code.slug,
                "other_codes": "\n".join(point.get("other_codes", [])),
                "code_keys": codes_as_keys("\n".join(point.get("other_codes", []))),
                "pinyin": point["pinyin"],
                "pinyin_tones": point["pinyin_tones"],
                "chinese": point["chinese"],
                "chinese_traditional": point.get("chinese_traditional", ""),
                "english": point.get("english", ""),
                "english_variants": "\n".join(point.get("english_variants", [])),
                "region": point["region"],
                "body_part": point["body_part"],
                "location": squash_spaces(point["location"]),
                "functions": "\n".join(point.get("functions", [])),
                "indications": sorted({pk for pk in indications if pk}),
                "corrections": point.get("corrections", ""),
                "seed_order": point.get("seed_order"),
                "map_positions": positions.get(where, {}),
            },
        )
        self.cite(f"{where} names", pk, Citation.Fact.NAMES, point.get("names_cited", []))
        self.cite(f"{where} location", pk, Citation.Fact.LOCATION, point.get("location_cited", []))
        if point.get("functions"):
            self.cite(
                f"{where} functions", pk, Citation.Fact.FUNCTIONS, point.get("functions_cited", [])
            )
        for link in point.get("categories", []):
            category = self.categories.get(link["name"])
            if category is None:
                self.problems.append(f"{where}: “{link['name']}” is not in categories.toml")
                continue
            self.add(
                "pointcategory",
                {"point": pk, "category": category, "detail": link.get("detail", "")},
            )
            self.cite(
                f"{where} {link['name']}",
                pk,
                Citation.Fact.CATEGORY,
                link.get("cited", []),
                category=category,
            )
        for given, indication in zip(point.get("indications", []), indications, strict=True):
            if indication:
                self.cite(
                    f"{where} {given['name']}",
                    pk,
                    Citation.Fact.INDICATION,
                    given.get("cited", []),
                    indication=indication,
                )
        for caution in point.get("caution", []):
            caution_pk = self.add("caution", {"point": pk, "text": squash_spaces(caution["text"])})
            self.cite(
                f"{where} caution",
                pk,
                Citation.Fact.CAUTION,
                caution.get("cited", []),
                caution=caution_pk,
            )
        for order, other in enumerate(point.get("other_location", []), start=1):
            other_pk = self.add(
                "otherlocation",
                {
                    "point": pk,
                    "text": squash_spaces(other["text"]),
                    "difference": squash_spaces(other.get("difference", "")),
                    "order": order,
                },
            )
            self.cite(
                f"{where} other location",
                pk,
                Citation.Fact.OTHER_LOCATION,
                other.get("cited", []),
                other_location=other_pk,
            )


def build(data_dir=DATA):
    """The fixture's objects from the data in ``data_dir``; raises DataError on any problem."""
    data = read(data_dir)
    builder = Builder(data)
    positions = derive_positions()
    seen = set()
    for point in data["points"]:
        if point.get("code") in seen:
            builder.problems.append(f"{point['code']}: listed twice")
        seen.add(point.get("code"))
        builder.point(point, positions)
    add_red_flags(builder, data_dir)
    add_guide(builder, data_dir)
    for key, pk in builder.sources.items():
        if pk not in builder.cited:
            builder.problems.append(f"source “{key}” is cited for nothing: cite it or remove it")
    if builder.problems:
        raise DataError(builder.problems)
    # Citations, cautions and other locations after the points they belong to.
    order = [
        "source",
        "meridian",
        "category",
        "indication",
        "point",
        "pointcategory",
        "caution",
        "otherlocation",
        "citation",
        "redflag",
        *GUIDE_MODELS,
    ]
    objects = sorted(builder.objects, key=lambda o: order.index(o["model"].split(".")[1]))
    return objects, builder.unused


def render(objects):
    """The fixture's text: one-space indent, characters as they are, no final newline."""
    return json.dumps(objects, indent=1, ensure_ascii=False)
