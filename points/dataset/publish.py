"""Publishing a version: every table written as CSV, a Data Package descriptor with each
file's size and SHA-256 hash, all frozen in the database with the changes since the version
before, in one transaction."""

import json

from django.db import transaction
from django.utils import timezone

from ..models import DatasetFile, DatasetVersion, Source
from .changes import changes_between, record_baseline
from .tables import GUARD_NOTE, TABLES

DESCRIPTOR = "datapackage.json"
NAME = "leg-points"
TITLE = "Leg Points: the acupressure points of the leg"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DESCRIPTION = (
    "The acupressure points of the leg, the channels they lie on and the extra points: codes, "
    "names in pinyin, Chinese and English, the WHO standard location restated in our own "
    "words and other sources' locations, indications with their synonyms, categories, "
    "functions and cautions, each fact cited to its source. The site's own text and data are "
    "offered under CC BY 4.0; the WHO standard, from which the locations are paraphrased, "
    "keeps its own copyright. " + GUARD_NOTE
)


def next_number(latest, major=False):
    if latest is None:
        return "1.0"
    first, second = (int(part) for part in latest.number.split(".")[:2])
    return f"{first + 1}.0" if major else f"{first}.{second + 1}"


def resource(table, frozen):
    return {
        "name": table.name,
        "path": table.filename,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": frozen.size,
        "hash": f"sha256:{frozen.sha256}",
        "schema": table.schema(),
    }


def descriptor(number, published_at, files):
    sources = [
        {"title": source.reference, **({"path": source.url} if source.url else {})}
        for source in Source.objects.order_by("order")
    ]
    package = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": number,
        "created": published_at.isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "sources": sources,
        "keywords": ["acupressure", "acupuncture points", "leg", "WHO standard locations"],
        "resources": [resource(table, files[table.filename]) for table in TABLES],
    }
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


@transaction.atomic
def publish(note, user=None, major=False, version=None):
    """Freeze the data as a new version; ``version``, an unsaved DatasetVersion with its
    note, is the admin's form's."""
    previous = DatasetVersion.objects.select_for_update().latest_published()
    now = timezone.now()
    number = next_number(previous, major)
    record_baseline(now, f"Recorded when dataset version {number} was published")
    version = version or DatasetVersion()
    version.number, version.note = number, note
    version.published_at, version.published_by = now, user
    version.changes = changes_between(previous.published_at if previous else None, now)
    version.save()
    files = {
        table.filename: DatasetFile.frozen(version, table.filename, table.content())
        for table in TABLES
    }
    files[DESCRIPTOR] = DatasetFile.frozen(version, DESCRIPTOR, descriptor(number, now, files))
    DatasetFile.objects.bulk_create(files.values())
    return version
