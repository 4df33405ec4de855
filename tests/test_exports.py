"""Open data: the list as JSON and CSV, with the same filters."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from points.dataset import cells
from points.dataset.export import read_csv_row
from points.models import Caution, OtherLocation, Point

pytestmark = pytest.mark.django_db


def test_json_has_every_point_with_its_data(client):
    response = client.get("/points.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 95 and len(data["points"]) == 95
    assert data["licence"] == "CC BY 4.0"
    st36 = next(p for p in data["points"] if p["code"] == "ST 36")
    assert st36["chinese"] == "足三里" and st36["pinyin_tones"] == "Zúsānlǐ"
    assert "Leg qi" in st36["indications"]
    assert {"name": "He-Sea", "detail": "Earth point"} in st36["categories"]
    assert st36["url"] == "http://testserver/points/st36/"
    assert any("3 cun below ST 35" in other["text"] for other in st36["other_locations"])
    assert {"fact": "location", "about": "", "source": "who2008"}.items() <= next(
        c for c in st36["citations"] if c["fact"] == "location"
    ).items()
    dannang = next(p for p in data["points"] if p["code"] == "EX-LE 6")
    assert dannang["meridian"] == "Extra points" and "M-LE-23" in dannang["other_codes"]


def test_json_honours_the_list_filters(client):
    data = client.get("/points.json?region=back&symptom=headache&symptom=epistaxis").json()
    listed = client.get("/points/?region=back&symptom=headache&symptom=epistaxis")
    assert [p["code"] for p in data["points"]] == [
        p.code for p in listed.context["page"].object_list
    ]
    assert data["count"] == len(data["points"]) > 0


def test_csv_has_a_header_and_a_row_per_point(client):
    response = client.get("/points.csv?meridian=ki")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="legpoints.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["code"] for row in rows] == [f"KI {n}" for n in range(1, 11)]
    assert rows[2]["chinese_traditional"] == "太谿"
    assert "location |  | who2008 | p. " in rows[2]["citations"]


def test_csv_cells_that_look_like_formulas_are_neutralised(client):
    Point.objects.filter(code="ST 36").update(
        english='=HYPERLINK("http://evil")', location="+1", functions="@SUM(A1)"
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/points.csv").content.decode())))
    st36 = next(row for row in rows if row["code"] == "ST 36")
    assert st36["english"] == '\'=HYPERLINK("http://evil")'
    assert st36["location"] == "'+1" and st36["functions"] == "'@SUM(A1)"


def test_exports_ignore_bad_filter_values_without_failing(client):
    assert client.get("/points.json?meridian=zz&page=abc").status_code == 200
    assert client.get("/points.csv?symptom=%3Cscript%3E").status_code == 200


def test_csv_reads_back_to_the_json_without_loss(client):
    # Awkward text on purpose: separators, escapes, line breaks and formula starts.
    point = Point.objects.get(code="ST 36")
    Point.objects.filter(pk=point.pk).update(
        english="-Leg | Three \\ Miles", english_variants="'quoted\n=sum"
    )
    OtherLocation.objects.create(point=point, text="Line one\nline two | a\\b", difference=" x ")
    Caution.objects.create(point=point, text="@caution; with | pipes")
    data = client.get("/points.json").json()["points"]
    rows = list(csv.DictReader(io.StringIO(client.get("/points.csv").content.decode())))
    assert [read_csv_row(row) for row in rows] == data
    st36 = next(row for row in data if row["code"] == "ST 36")
    assert st36["english"] == "-Leg | Three \\ Miles"
    assert st36["cautions"][-1] == "@caution; with | pipes"


def test_the_exports_agree_with_the_point_page(client):
    st36 = next(p for p in client.get("/points.json").json()["points"] if p["code"] == "ST 36")
    page = client.get("/points/st36/").text
    for text in [st36["chinese"], st36["english"], *st36["indications"], *st36["cautions"]]:
        assert text.replace("'", "&#x27;") in page
    assert all(other["text"].split()[0] in page for other in st36["other_locations"])


text = st.text(st.characters(exclude_categories=["Cs"]))


@given(st.lists(text.filter(bool)), st.lists(st.tuples(text, text)), text)
def test_cells_read_back_whatever_they_hold(items, pairs, plain):
    assert cells.read_list(cells.list_cell(items)) == items
    records = [{"a": a, "b": b} for a, b in pairs]
    assert cells.read_records(cells.records_cell(records, ["a", "b"]), ["a", "b"]) == records
    assert cells.unguard(cells.guard(plain)) == plain
    assert cells.guard(plain)[:1] not in ("=", "+", "-", "@")
