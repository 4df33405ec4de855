"""A point's places on the leg maps: refused in the admin when malformed, and never a 500."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db.models import JSONField, Value

from points.models import Point
from tests.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

BAD = [
    None,
    [],
    "front",
    {"front": [1]},
    {"front": [1, 2, 3]},
    {"front": ["1", "2"]},
    {"front": [True, 100]},
    {"front": None},
    {"front": [float("nan"), 100]},
    {"front": [1e9, 100]},
    {"front": [0, -1000]},
    {"sideways": [0, 100]},
]


@pytest.mark.parametrize("bad", BAD)
def test_the_admin_refuses_malformed_places_with_a_message(admin_client, bad):
    st36 = Point.objects.get(code="ST 36")
    before = st36.map_positions
    data = form_data(admin_client.get(change_url(st36)))
    data["map_positions"] = json.dumps(bad)
    response = admin_client.post(change_url(st36), data)
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["adminform"].form.errors
    assert "map_positions" in errors, errors
    st36.refresh_from_db()
    assert st36.map_positions == before


def test_the_admin_accepts_well_formed_places(admin_client):
    st36 = Point.objects.get(code="ST 36")
    data = form_data(admin_client.get(change_url(st36)))
    data["map_positions"] = json.dumps({"front": [10, 200.5], "lateral": [-5, 150]})
    response = admin_client.post(change_url(st36), data)
    assert response.status_code == 302
    st36.refresh_from_db()
    assert st36.map_positions == {"front": [10, 200.5], "lateral": [-5, 150]}


@pytest.mark.parametrize("bad", BAD)
def test_clean_refuses_malformed_places(bad):
    st36 = Point.objects.get(code="ST 36")
    st36.map_positions = bad
    with pytest.raises(ValidationError) as refused:
        st36.full_clean()
    assert "map_positions" in refused.value.message_dict


# What a database can hold: JSON null rather than SQL NULL, and no NaN.
STORABLE = [Value(None, JSONField()), *(v for v in BAD[1:] if v != BAD[8])]


@pytest.mark.parametrize("bad", STORABLE)
def test_places_saved_malformed_are_left_off_the_maps_not_a_500(client, bad):
    Point.objects.filter(code="ST 36").update(map_positions=bad)
    Point.objects.filter(code="ST 35").update(map_positions={"front": [1], "back": "x"})
    for url in ["/regions/front/", "/points/st36/", "/points/st35/", "/points/st34/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert 'aria-label="ST 36' not in client.get("/regions/front/").text
    assert 'href="/points/st37/"' in client.get("/regions/front/").text  # the rest still drawn
