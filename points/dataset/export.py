"""The rows of /points.json and /points.csv: one a point, the same facts in both, and a CSV
row that reads back to its JSON row (``read_csv_row``) without loss."""

from . import cells

FIELDS = [
    "code",
    "other_codes",
    "pinyin",
    "pinyin_tones",
    "chinese",
    "chinese_traditional",
    "english",
    "english_variants",
    "meridian",
    "region",
    "body_part",
    "location",
    "other_locations",
    "indications",
    "categories",
    "functions",
    "cautions",
    "citations",
    "url",
]
LISTS = {"other_codes", "english_variants", "indications", "functions", "cautions"}
RECORDS = {
    "other_locations": ["text", "difference"],
    "categories": ["name", "detail"],
    "citations": ["fact", "about", "source", "locator"],
}
EXTRA_POINTS = "Extra points"


def citation_row(citation):
    """A citation as the exports give it: which fact, about what, which source, where in it."""
    item = citation.indication or citation.category or citation.caution or citation.other_location
    return {
        "fact": citation.fact,
        "about": str(item) if item else "",
        "source": citation.source.key,
        "locator": citation.locator,
    }


def point_row(point, url):
    return {
        "code": point.code,
        "other_codes": point.other_code_list,
        "pinyin": point.pinyin,
        "pinyin_tones": point.pinyin_tones,
        "chinese": point.chinese,
        "chinese_traditional": point.chinese_traditional,
        "english": point.english,
        "english_variants": point.english_variant_list,
        "meridian": point.meridian.name if point.meridian else EXTRA_POINTS,
        "region": point.region,
        "body_part": point.body_part,
        "location": point.location,
        "other_locations": [
            {"text": other.text, "difference": other.difference}
            for other in point.other_locations.all()
        ],
        "indications": [indication.name for indication in point.indications.all()],
        "categories": [
            {"name": link.category.name, "detail": link.detail}
            for link in point.category_links.all()
        ],
        "functions": point.function_list,
        "cautions": [caution.text for caution in point.cautions.all()],
        "citations": [citation_row(citation) for citation in point.citations.all()],
        "url": url,
    }


def csv_row(row):
    """A JSON row as CSV cells."""
    encoded = {}
    for key, value in row.items():
        if key in RECORDS:
            encoded[key] = cells.records_cell(value, RECORDS[key])
        elif key in LISTS:
            encoded[key] = cells.list_cell(value)
        else:
            encoded[key] = cells.guard(value)
    return encoded


def read_csv_row(cells_by_name):
    """A CSV row read back as the JSON row it was written from."""
    row = {}
    for key in FIELDS:
        cell = cells_by_name[key]
        if key in RECORDS:
            row[key] = cells.read_records(cell, RECORDS[key])
        elif key in LISTS:
            row[key] = cells.read_list(cell)
        else:
            row[key] = cells.unguard(cell)
    return row
