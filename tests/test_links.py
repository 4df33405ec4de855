"""Addresses worked out once (points/links.py) are reverse()'s, under any script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from points.links import address
from points.models import Point

pytestmark = pytest.mark.django_db


def test_an_address_is_what_reverse_gives():
    point = Point.objects.get(code="ST 36")
    assert point.get_absolute_url() == reverse("points:point", args=["st36"]) == "/points/st36/"
    assert address("points:region", "side") == reverse("points:region", args=["side"])


def test_a_site_under_a_path_gets_addresses_under_it():
    assert address("points:point", "st36") == "/points/st36/"
    set_script_prefix("/legs/")
    try:
        assert address("points:point", "st36") == "/legs/points/st36/"
        assert Point.objects.get(code="ST 36").get_absolute_url() == "/legs/points/st36/"
    finally:
        set_script_prefix("/")
    assert address("points:point", "st36") == "/points/st36/"
