"""Open data: the list as JSON and CSV, with the same filters."""

import csv
import io

import pytest

from points.models import Point

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
    assert "He-Sea Earth point" in st36["categories"]
    assert st36["url"] == "http://testserver/points/st36/"
    assert any("3 cun below ST 35" in text for text in st36["other_locations"])
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
    assert "location: who2008, p. " in rows[2]["citations"]


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
