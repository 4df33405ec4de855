"""Citing a point, and its structured data: BibTeX and a plain reference with the version and
date, JSON-LD that is valid JSON and cannot end its element, CITATION.cff."""

import json
import re
from pathlib import Path

import pytest

from points.dataset.publish import publish
from points.models import Point

pytestmark = pytest.mark.django_db
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_a_point_page_offers_a_citation_with_the_version_and_date(client):
    version = publish("First.")
    page = client.get("/points/st36/")
    assert "Cite this" in page.text
    date = version.published_at.date().isoformat()
    assert (
        f"Zusanli (Leg Three Miles). In Leg Points: the acupressure points of the leg. "
        f"Version 1.0, published {date}. http://testserver/points/st36/" in page.text
    )
    assert "@dataset{legpoints-st36-1-0," in page.text and "version = {1.0}" in page.text


def test_a_point_page_carries_its_defined_term_as_json_ld(client, django_assert_max_num_queries):
    publish("First.")
    with django_assert_max_num_queries(12):
        page = client.get("/points/st36/")
    [block] = JSON_LD.findall(page.text)
    data = json.loads(block)
    assert data["@type"] == "DefinedTerm" and data["termCode"] == "ST 36"
    assert data["name"] == "Zusanli" and "足三里" in data["alternateName"]
    assert data["url"] == "http://testserver/points/st36/"
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    # The CSP allows no inline script to run; JSON-LD is data that is read, not run.
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_json_ld_cannot_be_broken_out_of(client):
    Point.objects.filter(code="ST 36").update(english="</script><script>alert(1)</script>&")
    page = client.get("/points/st36/")
    [block] = JSON_LD.findall(page.text)
    assert "<" not in block and "&" not in block
    assert json.loads(block)["alternateName"][-1] == "</script><script>alert(1)</script>&"
    assert "<script>alert(1)" not in page.text


def test_without_a_version_a_point_page_has_no_citation_but_its_json_ld(client):
    page = client.get("/points/st36/")
    assert page.status_code == 200 and "Cite this" not in page.text
    assert len(JSON_LD.findall(page.text)) == 1


def test_the_repository_has_a_citation_file():
    text = (Path(__file__).parent.parent / "CITATION.cff").read_text()
    assert "cff-version: 1.2.0" in text and "license: CC-BY-4.0" in text
    assert "type: dataset" in text
