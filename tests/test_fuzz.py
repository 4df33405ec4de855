"""Random input to every public URL: never a server error, never an unescaped echo."""

import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMS = ["q", "region", "meridian", "symptom", "category", "page"]
# Text with the characters that matter: markup, quotes, ampersands, code-like words.
text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["<script>x</script>", '"><img src=x>', "st36", "UB 40", "%00", "'", "&amp;"]),
    st.from_regex(r"[A-Za-z]{2} ?-?\d{1,3}", fullmatch=True),
)
query = st.lists(st.tuples(st.sampled_from(PARAMS), text), max_size=6)
FUZZ = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_safe(response, values):
    assert response.status_code < 500, response.status_code
    if response["Content-Type"].startswith("text/html"):
        body = response.content.decode()
        for value in values:
            if re.search(r"[<>\"]", value) and len(value) > 3:
                assert value not in body, value


@FUZZ
@given(params=query, path=st.sampled_from(["/points/", "/search/", "/points.json", "/points.csv"]))
def test_query_strings(client, params, path):
    response = client.get(f"{path}?{urlencode(params)}")
    assert_safe(response, [value for _, value in params])


@FUZZ
@given(
    prefix=st.sampled_from(["/points/", "/symptoms/", "/meridians/", "/regions/"]),
    segment=text.filter(lambda s: s not in {"", ".", ".."}),
)
def test_path_segments(client, prefix, segment):
    response = client.get(prefix + quote(segment, safe="") + "/")
    assert_safe(response, [segment])


@FUZZ
@given(values=st.lists(text, min_size=1, max_size=3))
def test_form_posts_are_refused_not_failed(client, values):
    response = client.post("/search/", {"q": values})
    assert response.status_code in {403, 405}
