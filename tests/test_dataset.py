"""The dataset: the Data Package descriptor and its files, versions frozen from the admin,
the changelog from the edit history, and the data page."""

import hashlib
import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from frictionless import Package

from points.dataset.publish import publish
from points.models import DatasetVersion, Indication, Point
from tests.test_history import change_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(db):
    return publish("The first version.")


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def mirror(client, tmp_path):
    """The descriptor at /datapackage.json and each file it names, saved as served."""
    package = json.loads(served(client, "/datapackage.json"))
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    for resource in package["resources"]:
        content = served(client, "/" + resource["path"])
        target = tmp_path / resource["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
    return package


def test_descriptor_validates_with_frictionless_and_matches_the_files_served(
    client, first, tmp_path
):
    package = mirror(client, tmp_path)
    assert package["name"] == "leg-points" and package["version"] == "1.0"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("World Health Organization" in s["title"] for s in package["sources"])
    names = {resource["name"] for resource in package["resources"]}
    assert {"points", "channels", "indications", "categories", "cautions", "sources"} <= names
    assert {"citations", "point_indications", "point_categories", "other_locations"} <= names
    points = next(r for r in package["resources"] if r["name"] == "points")
    assert points["path"] == "data/1.0/points.csv"
    assert points["schema"]["primaryKey"] == ["code"]
    assert all(field["description"] for field in points["schema"]["fields"])
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])
    assert report.stats["tasks"] == len(package["resources"])


def test_frictionless_notices_a_file_that_is_not_what_the_descriptor_says(client, first, tmp_path):
    mirror(client, tmp_path)
    cautions = tmp_path / "data" / "1.0" / "cautions.csv"
    cautions.write_bytes(cautions.read_bytes() + b"999999,ST 36,Made up\r\n")
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    errors = {error[0] for error in report.flatten(["type"])}
    assert {"hash-count", "byte-count"} <= errors


def test_the_tables_hold_every_point_with_its_synonyms_and_citations(client, first):
    points = served(client, "/data/1.0/points.csv").decode()
    assert points.count("\r\n") == Point.objects.count() + 1
    assert "ST 36,ST,36,Zusanli,Zúsānlǐ,足三里" in points
    indications = served(client, "/data/1.0/indications.csv").decode()
    assert "lumbago" in indications
    citations = served(client, "/data/1.0/citations.csv").decode()
    assert ",ST 36,location,,,,,who2008," in citations


def test_without_a_version_the_descriptor_says_so(client):
    response = client.get("/datapackage.json")
    assert response.status_code == 404
    assert "No version" in response.json()["error"]
    assert "No version of the dataset has been published yet" in client.get("/data/").text


def test_an_unknown_version_or_file_is_a_404(client, first):
    assert client.get("/data/9.9/points.csv").status_code == 404
    assert client.get("/data/1.0/nothing.csv").status_code == 404


def publish_in_admin(client, note, **extra):
    return client.post(reverse("admin:points_datasetversion_add"), {"note": note, **extra})


def test_a_version_published_in_the_admin_lists_the_edits_made_in_the_admin(
    admin_client, admin_user, first
):
    point = Point.objects.get(code="ST 36")
    old_csv = served(admin_client, "/data/1.0/points.csv")
    old_descriptor = served(admin_client, "/data/1.0/datapackage.json")
    response = change_point(admin_client, point, english="Three Li of the Leg")
    assert response.status_code == 302, response.context and response.context["errors"]
    form = admin_client.get(reverse("admin:points_datasetversion_add"))
    assert "Publish version 1.1 of the dataset" in form.text
    response = publish_in_admin(admin_client, "Renamed <b>ST 36</b> in English.")
    assert response.status_code == 302
    version = DatasetVersion.objects.latest_published()
    assert version.number == "1.1" and version.published_by == admin_user
    page = admin_client.get("/data/")
    assert "ST 36</strong>: English name: “Leg Three Miles” → “Three Li of the Leg”" in page.text
    assert "Renamed &lt;b&gt;ST 36&lt;/b&gt; in English." in page.text
    # The earlier version is still served byte for byte; the new one has the edit.
    assert served(admin_client, "/data/1.0/points.csv") == old_csv
    assert served(admin_client, "/data/1.0/datapackage.json") == old_descriptor
    assert b"Leg Three Miles" in old_csv and b"Three Li of the Leg" not in old_csv
    assert b"Three Li of the Leg" in served(admin_client, "/data/1.1/points.csv")
    assert json.loads(served(admin_client, "/datapackage.json"))["version"] == "1.1"


def test_the_changelog_names_indications_and_cautions_added_or_removed(admin_client, first):
    point = Point.objects.get(code="SP 6")
    headache = Indication.objects.get(name="Headache")
    had_headache = point.indications.filter(pk=headache.pk).exists()
    (point.indications.remove if had_headache else point.indications.add)(headache)
    point.cautions.first().delete()
    version = publish("Second.")
    change = next(c for c in version.changes["changed"] if c["code"] == "SP 6")["changes"]
    assert f"Indications: {'removed' if had_headache else 'added'} Headache" in change
    assert "Cautions: 0 added, 1 removed" in change
    assert version.changes["points"] == Point.objects.count()


def test_a_major_version_lists_a_point_removed(first):
    Point.objects.get(code="EX-LE 12").delete()
    version = publish("Major.", major=True)
    assert version.number == "2.0" and version.changes["removed"] == ["EX-LE 12"]
    assert version.changes["points"] == Point.objects.count()


def test_publishing_is_refused_to_visitors_and_to_staff_without_the_permission(
    client, django_user_model, first
):
    url = reverse("admin:points_datasetversion_add")
    response = publish_in_admin(client, "Anonymous")
    assert response.status_code == 302 and "login" in response["Location"]
    staff = django_user_model.objects.create_user("editor", password="long-pass-12", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_point", "view_datasetversion"])
    )
    client.force_login(staff)
    assert client.get(url).status_code == 403
    assert publish_in_admin(client, "Not allowed").status_code == 403
    assert list(DatasetVersion.objects.values_list("number", flat=True)) == ["1.0"]
    listing = client.get(reverse("admin:points_datasetversion_changelist"))
    assert listing.status_code == 200 and "1.0" in listing.text
    staff.user_permissions.add(Permission.objects.get(codename="publish_datasetversion"))
    staff = django_user_model.objects.get(pk=staff.pk)
    client.force_login(staff)
    assert publish_in_admin(client, "Allowed now").status_code == 302
    assert DatasetVersion.objects.latest_published().number == "1.1"


def test_a_published_version_cannot_be_changed_or_deleted_in_the_admin(admin_client, first):
    change = reverse("admin:points_datasetversion_change", args=[first.pk])
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="note"' not in page.text
    assert admin_client.post(change, {"note": "Rewritten"}).status_code == 403
    delete = reverse("admin:points_datasetversion_delete", args=[first.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert DatasetVersion.objects.get().note == "The first version."


def test_the_data_page_explains_the_licence_the_citation_and_the_files(client, first):
    page = client.get("/data/")
    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "CC BY 4.0" in page.text and "keeps its own" in page.text
    assert "Version 1.0" in page.text and "The first version." in page.text
    assert "@dataset{legpoints-dataset-1-0," in page.text
    assert f"Version 1.0, published {first.published_at.date().isoformat()}" in page.text
    assert 'href="/data/1.0/points.csv"' in page.text
    assert first.files.get(name="points.csv").sha256 in page.text


def test_the_new_pages_take_a_constant_number_of_queries(
    client, first, django_assert_max_num_queries
):
    for n in range(12):
        publish(f"Version {n}")
    for url in ["/data/", "/data/?page=2", "/datapackage.json", "/data/1.3/points.csv"]:
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200
