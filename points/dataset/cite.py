"""How to cite the dataset or one point of it: a plain reference and BibTeX, with the version
and its date; and a point's structured data (schema.org DefinedTerm) as JSON-LD."""

import json
import re

from django.utils.html import format_html
from django.utils.safestring import SafeString

AUTHOR = "Leg Points contributors"
DATASET = "Leg Points: the acupressure points of the leg"
BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
# Characters that would end a <script> element or open a comment in it, as JSON escapes.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def bibtex_text(text):
    return BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else "", text)


class Citation:
    """A citation of the dataset (``point`` None) or of one point, at one version."""

    def __init__(self, version, url, point=None):
        self.version, self.url, self.point = version, url, point

    @property
    def title(self):
        if self.point is None:
            return DATASET
        english = f" ({self.point.english})" if self.point.english else ""
        return f"{self.point.code} {self.point.pinyin}{english}"

    @property
    def date(self):
        return self.version.published_at.date().isoformat()

    @property
    def key(self):
        slug = self.point.slug if self.point else "dataset"
        return f"legpoints-{slug}-{self.version.number}".replace(".", "-")

    @property
    def plain(self):
        container = f" In {DATASET}." if self.point else ""
        return (
            f"{AUTHOR} ({self.version.year}). {self.title}.{container} "
            f"Version {self.version.number}, published {self.date}. {self.url}"
        )

    @property
    def bibtex(self):
        fields = [
            ("author", f"{{{AUTHOR}}}"),
            ("title", f"{{{bibtex_text(self.title)}}}"),
            *([("booktitle", f"{{{bibtex_text(DATASET)}}}")] if self.point else []),
            ("year", f"{{{self.version.year}}}"),
            ("date", f"{{{self.date}}}"),
            ("version", f"{{{bibtex_text(self.version.number)}}}"),
            ("url", f"{{{self.url}}}"),
            ("note", "{Licensed under CC BY 4.0}"),
        ]
        lines = ",\n".join(f"  {name} = {value}" for name, value in fields)
        return f"@dataset{{{self.key},\n{lines}\n}}"


def point_json_ld(point, url, set_url):
    """A point as a schema.org DefinedTerm in the DefinedTermSet of the dataset."""
    names = [
        point.pinyin_tones,
        point.chinese,
        point.chinese_traditional,
        point.english,
        *point.english_variant_list,
        *point.other_code_list,
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "url": url,
        "termCode": point.code,
        "name": point.pinyin,
        "alternateName": list(dict.fromkeys(name for name in names if name)),
        "description": point.location,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": set_url,
            "name": DATASET,
            "url": set_url,
            "license": "https://creativecommons.org/licenses/by/4.0/",
        },
    }
    return json_ld_element(data)


def json_ld_element(data):
    """A <script type="application/ld+json"> element holding ``data``: JSON in which no <, >
    or & is left raw, so that nothing in the data can end the element."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
