"""The dataset's tables: one CSV file each, described by a Table Schema, written from the
database in a fixed order so that the same data gives the same bytes."""

import csv
import io
from dataclasses import dataclass, field

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
from . import cells

LINES = " One a line."
GUARD_NOTE = (
    "A text cell that would start with =, +, -, @, a tab, a carriage return or an apostrophe "
    "is written with one apostrophe before it, so that spreadsheets show it as text; drop it "
    "to read the value."
)


def text(name, description, required=False, format=None, **constraints):
    spec = column(name, "string", description, required, **constraints)
    return {**spec, "format": format} if format else spec


def integer(name, description, required=True, **constraints):
    return column(name, "integer", description, required, **constraints)


def column(name, type_, description, required, **constraints):
    spec = {"name": name, "type": type_, "description": description}
    if required:
        constraints["required"] = True
    if constraints:
        spec["constraints"] = constraints
    return spec


def key(fields, resource, to):
    return {"fields": fields, "reference": {"resource": resource, "fields": to}}


@dataclass
class Table:
    name: str
    title: str
    description: str
    fields: list
    primary_key: list
    rows: object  # a function: () -> iterable of lists, in the order of ``fields``
    foreign_keys: list = field(default_factory=list)

    @property
    def filename(self):
        return f"{self.name}.csv"

    def schema(self):
        schema = {"fields": self.fields, "primaryKey": self.primary_key}
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return schema

    def content(self):
        """The file's bytes: a header, then a row a record, RFC 4180 CSV in UTF-8."""
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow([spec["name"] for spec in self.fields])
        for row in self.rows():
            writer.writerow(["" if value is None else cells.guard(str(value)) for value in row])
        return out.getvalue().encode("utf-8")


def point_rows():
    for point in Point.objects.select_related("meridian").order_by("pk"):
        yield [
            point.code,
            point.meridian.code if point.meridian else None,
            point.number,
            point.pinyin,
            point.pinyin_tones,
            point.chinese,
            point.chinese_traditional,
            point.english,
            "\n".join(point.english_variant_list),
            "\n".join(point.other_code_list),
            point.region,
            point.body_part,
            point.location,
            "\n".join(point.function_list),
            point.corrections,
            point.get_absolute_url(),
        ]


POINT = key("point", "points", "code")
TABLES = [
    Table(
        "channels",
        "Channels",
        "The six channels (meridians) that run along the leg.",
        [
            text("code", "The WHO code of the channel.", True, unique=True),
            text("name", "The English name.", True),
            text("chinese", "The Chinese name, simplified characters.", True),
            text("chinese_traditional", "The traditional form, where it differs."),
            text("pinyin", "The Chinese name in pinyin with tone marks.", True),
            text("aspect", "The side of the leg it runs along.", True, enum=["outer", "inner"]),
            text("description", "About the channel.", True),
        ],
        ["code"],
        lambda: Meridian.objects.order_by("order").values_list(
            "code", "name", "chinese", "chinese_traditional", "pinyin", "aspect", "description"
        ),
    ),
    Table(
        "points",
        "Points",
        "The acupressure points of the leg: a row a point, with its names and WHO location.",
        [
            text("code", "The WHO code: ST 36, EX-LE 7.", True, unique=True),
            text("channel", "The channel's code; empty for an extra point."),
            integer("number", "The number on its channel, or among the extra points."),
            text("pinyin", "Pinyin without tone marks, as one word.", True),
            text("pinyin_tones", "Pinyin with tone marks.", True),
            text("chinese", "The Chinese name, simplified characters.", True),
            text("chinese_traditional", "WHO's traditional form, where it differs."),
            text("english", "The standard English translation of the name."),
            text("english_variants", "Other English translations." + LINES),
            text("other_codes", "Codes other sources use for the point." + LINES),
            text("region", "Front, side or back of the leg.", True, enum=Point.Region.values),
            text("body_part", "The part of the leg.", True, enum=Point.BodyPart.values),
            text("location", "The WHO standard location, in the site's own words.", True),
            text("functions", "The point's traditional functions." + LINES),
            text("corrections", "What was corrected from the article the site began with."),
            text("page", "The point's page, relative to the site's address.", True),
        ],
        ["code"],
        point_rows,
        [key("channel", "channels", "code")],
    ),
    Table(
        "indications",
        "Indications",
        "One vocabulary of symptoms and conditions, with their other names.",
        [
            text("slug", "The indication's identifier in the site's addresses.", True),
            text("name", "The name a reader would search for.", True),
            text("synonyms", "Classical and clinical names for the same thing." + LINES),
        ],
        ["slug"],
        lambda: Indication.objects.order_by("slug").values_list("slug", "name", "synonyms"),
    ),
    Table(
        "point_indications",
        "Indications of each point",
        "Which points are listed for which indications.",
        [
            text("point", "The point's code.", True),
            text("indication", "The indication's slug.", True),
        ],
        ["point", "indication"],
        lambda: Point.indications.through.objects.order_by(
            "point__code", "indication__slug"
        ).values_list("point__code", "indication__slug"),
        [POINT, key("indication", "indications", "slug")],
    ),
    Table(
        "categories",
        "Categories",
        "The traditional classes of points: Five Shu, Yuan-Source, Luo-Connecting…",
        [
            text("slug", "The category's identifier.", True),
            text("name", "Its name.", True),
            text("description", "What it means.", True),
        ],
        ["slug"],
        lambda: Category.objects.order_by("order").values_list("slug", "name", "description"),
    ),
    Table(
        "point_categories",
        "Categories of each point",
        "Which points belong to which categories, with what qualifies each.",
        [
            text("point", "The point's code.", True),
            text("category", "The category's slug.", True),
            text("detail", "What qualifies it: “Earth point”, “of the Bladder”."),
        ],
        ["point", "category"],
        lambda: PointCategory.objects.order_by("point__code", "category__order").values_list(
            "point__code", "category__slug", "detail"
        ),
        [POINT, key("category", "categories", "slug")],
    ),
    Table(
        "other_locations",
        "Other locations",
        "Where sources other than the WHO standard put a point, and how they differ.",
        [
            integer("id", "The location's number in this dataset."),
            text("point", "The point's code.", True),
            text("text", "The location as this source gives it.", True),
            text("difference", "How it differs from the WHO location, or that it agrees."),
        ],
        ["id"],
        lambda: OtherLocation.objects.order_by("point__code", "order", "pk").values_list(
            "pk", "point__code", "text", "difference"
        ),
        [POINT],
    ),
    Table(
        "cautions",
        "Cautions",
        "Warnings the literature gives for a point; their sources are in citations.",
        [
            integer("id", "The caution's number in this dataset."),
            text("point", "The point's code.", True),
            text("text", "The warning.", True),
        ],
        ["id"],
        lambda: Caution.objects.order_by("point__code", "pk").values_list(
            "pk", "point__code", "text"
        ),
        [POINT],
    ),
    Table(
        "sources",
        "Sources",
        "The bibliography: every source the data cites, and what the site takes from it.",
        [
            text("key", "The short name citations use.", True),
            text("authors", "Authors or editors."),
            text("title", "Title.", True),
            integer("year", "Year of publication.", required=False),
            text("publisher", "Place and publisher."),
            text("edition", "Edition."),
            text("identifier", "ISBN or standard number."),
            text("url", "Where to read it online.", format="uri"),
            text("use", "What the site takes from it.", True),
        ],
        ["key"],
        lambda: Source.objects.order_by("order").values_list(
            "key", "authors", "title", "year", "publisher", "edition", "identifier", "url", "use"
        ),
    ),
    Table(
        "citations",
        "Citations",
        "Each fact of a point tied to a source, with the page or entry where there is one. "
        "A citation of a category, indication, caution or other location names that item; "
        "one of the names, location or functions names none.",
        [
            integer("id", "The citation's number in this dataset."),
            text("point", "The point's code.", True),
            text("fact", "Which fact it cites.", True, enum=Citation.Fact.values),
            text("category", "The category cited, for a category."),
            text("indication", "The indication cited, for an indication."),
            integer("caution", "The caution cited, for a caution.", required=False),
            integer("other_location", "The location cited, for one.", required=False),
            text("source", "The source's key.", True),
            text("locator", "Page, section or the source's entry for the point."),
        ],
        ["id"],
        lambda: Citation.objects.order_by("point__code", "pk").values_list(
            "pk",
            "point__code",
            "fact",
            "category__slug",
            "indication__slug",
            "caution_id",
            "other_location_id",
            "source__key",
            "locator",
        ),
        [
            POINT,
            key("category", "categories", "slug"),
            key("indication", "indications", "slug"),
            key("caution", "cautions", "id"),
            key("other_location", "other_locations", "id"),
            key("source", "sources", "key"),
        ],
    ),
]
