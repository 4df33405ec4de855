"""Readers' suggestions in the admin: the queue, accepting and declining (and who may),
the email erased on closing, everything a reader typed escaped."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from points.models import Point, Suggestion
from tests.test_admin import form_data, messages_of
from tests.test_suggestions import _fresh_counts  # noqa: F401 (autouse: no submissions counted)

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:points_suggestion_changelist")
HOSTILE = {
    "field": "location",
    "proposed": '<script>alert("proposed")</script> & more',
    "source": '<img src=x onerror=alert("source")>',
    "email": '"<b>bold</b>"@example.com',  # a valid address, quotes and all
}


def suggest(client, code="st36", **fields):
    data = {"field": "location", "proposed": "Four finger widths below ST 35.", "source": "Deadman"}
    data |= {"email": "reader@example.com"} | fields
    response = client.post(reverse("points:suggest", args=[code]), data)
    assert response.status_code == 302, response.content
    return Suggestion.objects.latest("pk")


def review_url(suggestion):
    return reverse("admin:points_suggestion_change", args=[suggestion.pk])


def accept_url(suggestion):
    return reverse("admin:points_suggestion_accept", args=[suggestion.pk])


def decline_url(suggestion):
    return reverse("admin:points_suggestion_decline", args=[suggestion.pk])


def point_change_url(point_id):
    return reverse("admin:points_point_change", args=[point_id])


@pytest.fixture
def suggestion(client):
    return suggest(client)


def staff(django_user_model, client, *codenames):
    user = django_user_model.objects.create_user(f"staff-{len(codenames)}", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def assert_unchanged(suggestion):
    suggestion.refresh_from_db()
    assert suggestion.status == "open" and suggestion.email == "reader@example.com"
    assert suggestion.decided_by is None and suggestion.decided_at is None


# The queue and the review page


def test_the_queue_shows_each_suggestion_beside_the_value_it_corrects(admin_client, suggestion):
    response = admin_client.get(QUEUE)
    assert response.status_code == 200
    page = response.text
    point = Point.objects.get(code="ST 36")
    assert "ST 36 Zusanli" in page and "Four finger widths below ST 35." in page
    assert point.location[:60] in page  # the value when suggested, in its own column
    assert "Open" in page


def test_the_queue_costs_the_same_queries_for_one_suggestion_or_thirty(
    admin_client, client, django_assert_max_num_queries
):
    suggest(client)
    with django_assert_max_num_queries(20) as one:
        admin_client.get(QUEUE)
    for code in ["st37", "sp6", "lr3", "gb34", "bl40", "ki1"] * 5:
        Suggestion.objects.create(point=Point.objects.get(slug=code), field="names", proposed="x")
    with django_assert_max_num_queries(20) as thirty:
        response = admin_client.get(QUEUE)
    assert len(response.context["cl"].result_list) == 31
    assert len(thirty.captured_queries) == len(one.captured_queries)


def test_the_review_page_shows_the_point_the_value_the_proposal_and_the_email(
    admin_client, suggestion, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = admin_client.get(review_url(suggestion))
    assert response.status_code == 200
    page = response.text
    assert "When suggested" in page and "Proposed" in page
    assert "Four finger widths below ST 35." in page and "reader@example.com" in page
    assert 'value="Accept and edit ST 36"' in page and 'value="Decline"' in page
    assert admin_client.post(review_url(suggestion)).status_code == 405  # nothing is edited here


def test_readers_cannot_add_suggestions_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:points_suggestion_add")).status_code == 403


# Accepting


def test_accepting_closes_erases_the_email_and_opens_the_points_change_form(
    admin_client, suggestion, admin_user
):
    response = admin_client.post(accept_url(suggestion))
    point_id = suggestion.point_id
    assert response.status_code == 302
    assert response["Location"] == f"{point_change_url(point_id)}?suggestion={suggestion.pk}"
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.email == ""
    assert suggestion.decided_by == admin_user and suggestion.decided_at is not None
    form = admin_client.get(response["Location"])
    assert form.status_code == 200
    page = form.text
    box = page[page.index("Corrections suggested by readers") : page.index('id="point_form"')]
    assert "accepted: make this correction below" in box
    assert "Four finger widths below ST 35." in box
    assert any("Make the correction to ST 36" in m for m in messages_of(form))


def test_the_edit_made_after_accepting_goes_into_the_points_history(
    admin_client, suggestion, client
):
    response = admin_client.post(accept_url(suggestion))
    form = admin_client.get(response["Location"])
    data = form_data(form) | {"location": "Four finger widths below ST 35, on the shin."}
    saved = admin_client.post(response["Location"], data)
    assert saved.status_code == 302
    point = Point.objects.get(code="ST 36")
    assert point.location == "Four finger widths below ST 35, on the shin."
    latest = point.history.latest()
    assert latest.history_user is not None and latest.location == point.location
    assert "Last changed" in client.get(point.get_absolute_url()).text


def test_the_change_form_shows_only_this_points_open_suggestions(admin_client, client):
    mine = suggest(client, proposed="About ST 36 only")
    other = suggest(client, code="sp6", proposed="About SP 6 only")
    page = admin_client.get(point_change_url(mine.point_id)).text
    assert "About ST 36 only" in page and "About SP 6 only" not in page
    # Another point's accepted suggestion named in the address is not shown either.
    admin_client.post(accept_url(other))
    page = admin_client.get(f"{point_change_url(mine.point_id)}?suggestion={other.pk}").text
    assert "About SP 6 only" not in page
    # With none open, no box.
    admin_client.post(decline_url(mine), {"reason": "Already right."})
    assert (
        "Corrections suggested by readers"
        not in admin_client.get(point_change_url(mine.point_id)).text
    )


def test_the_point_change_form_costs_the_same_with_many_suggestions(
    admin_client, client, django_assert_max_num_queries
):
    """The box costs one query, however many suggestions it holds (the form itself, with
    its inlines and choices, is the admin's own and costs what it costs)."""
    suggestion = suggest(client)
    url = point_change_url(suggestion.point_id)
    with django_assert_max_num_queries(1000) as few:
        admin_client.get(url)
    for _ in range(10):
        Suggestion.objects.create(point_id=suggestion.point_id, field="names", proposed="x")
    with django_assert_max_num_queries(1000) as many:
        admin_client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


# Declining


def test_declining_needs_a_reason_then_closes_and_erases_the_email(
    admin_client, suggestion, admin_user
):
    refused = admin_client.post(decline_url(suggestion), {"reason": "  "})
    assert refused.status_code == 400 and "Say why the suggestion is declined." in refused.text
    assert_unchanged(suggestion)
    response = admin_client.post(decline_url(suggestion), {"reason": "WHO 2008 says 3 cun."})
    assert response.status_code == 302 and response["Location"] == QUEUE
    suggestion.refresh_from_db()
    assert suggestion.status == "declined" and suggestion.email == ""
    assert suggestion.reason == "WHO 2008 says 3 cun." and suggestion.decided_by == admin_user


def test_a_closed_suggestion_cannot_be_decided_again(admin_client, suggestion):
    admin_client.post(decline_url(suggestion), {"reason": "No."})
    response = admin_client.post(accept_url(suggestion), follow=True)
    assert "already closed" in " ".join(messages_of(response))
    suggestion.refresh_from_db()
    assert suggestion.status == "declined"
    page = admin_client.get(review_url(suggestion)).text
    assert 'value="Decline"' not in page and "Accept and edit" not in page


def test_the_email_never_reaches_the_history(admin_client, suggestion):
    admin_client.post(accept_url(suggestion))
    assert suggestion.history.count() == 2  # sent, accepted
    assert "email" not in {field.name for field in Suggestion.history.model._meta.fields}
    history = admin_client.get(reverse("admin:points_suggestion_history", args=[suggestion.pk]))
    assert history.status_code == 200 and "reader@example.com" not in history.text


def test_the_database_refuses_a_closed_suggestion_that_keeps_an_email(suggestion):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    suggestion.status, suggestion.decided_at = "accepted", timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        suggestion.save()


# Who may decide


@pytest.mark.parametrize("view", [accept_url, decline_url])
def test_anonymous_visitors_and_non_staff_are_sent_to_sign_in(
    client, django_user_model, suggestion, view
):
    assert client.post(view(suggestion), {"reason": "x"})["Location"].startswith("/admin/login/")
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    response = client.post(view(suggestion), {"reason": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get(review_url(suggestion))["Location"].startswith("/admin/login/")
    assert_unchanged(suggestion)


def test_staff_who_may_only_read_suggestions_see_them_but_cannot_decide(
    client, django_user_model, suggestion
):
    reader = staff(django_user_model, client, "view_suggestion", "change_point", "view_point")
    page = reader.get(review_url(suggestion))
    assert (
        page.status_code == 200 and "You can read this suggestion but not decide it." in page.text
    )
    assert reader.post(accept_url(suggestion)).status_code == 403
    assert reader.post(decline_url(suggestion), {"reason": "x"}).status_code == 403
    assert_unchanged(suggestion)


def test_staff_without_any_suggestion_permission_cannot_see_the_queue(
    client, django_user_model, suggestion
):
    other = staff(django_user_model, client, "change_point", "view_point")
    assert other.get(QUEUE).status_code == 403
    assert other.get(review_url(suggestion)).status_code == 403
    assert other.post(accept_url(suggestion)).status_code == 403
    # Nor does the point's change form show them suggestions.
    page = other.get(point_change_url(suggestion.point_id)).text
    assert "Corrections suggested by readers" not in page
    assert_unchanged(suggestion)


def test_accepting_also_needs_the_right_to_change_points(client, django_user_model, suggestion):
    decider = staff(django_user_model, client, "view_suggestion", "change_suggestion")
    page = decider.get(review_url(suggestion)).text
    assert "Accept and edit" not in page and 'value="Decline"' in page
    assert decider.post(accept_url(suggestion)).status_code == 403
    assert_unchanged(suggestion)
    assert decider.post(decline_url(suggestion), {"reason": "Not so."}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "declined" and suggestion.email == ""


def test_deciding_takes_a_post(admin_client, suggestion):
    assert admin_client.get(accept_url(suggestion)).status_code == 405
    assert admin_client.get(decline_url(suggestion)).status_code == 405
    assert_unchanged(suggestion)


# Escaping


def test_everything_a_reader_typed_is_escaped_in_the_admin(admin_client, client):
    suggestion = suggest(client, **HOSTILE)
    assert suggestion.email == HOSTILE["email"]
    pages = {
        "queue": admin_client.get(QUEUE).text,
        "review": admin_client.get(review_url(suggestion)).text,
        "point form": admin_client.get(point_change_url(suggestion.point_id)).text,
    }
    for name, page in pages.items():
        for raw in ["<script>alert(", "<img src=x", "<b>bold</b>"]:
            assert raw not in page, (name, raw)
        assert "&lt;script&gt;alert(" in page, name
        assert "&lt;img src=x onerror=alert(" in page or name == "queue", name
    assert "&lt;b&gt;bold&lt;/b&gt;" in pages["review"]
    declined = admin_client.post(decline_url(suggestion), {"reason": "<i>no</i>"}, follow=True)
    review = admin_client.get(review_url(suggestion)).text
    assert "<i>no</i>" not in review and "&lt;i&gt;no&lt;/i&gt;" in review
    assert declined.status_code == 200


def test_the_queue_search_finds_a_suggestion_by_point_or_words(admin_client, client):
    suggest(client, proposed="Mentions zyxwvutsrq")
    found = admin_client.get(QUEUE, {"q": "zyxwvutsrq"})
    assert len(found.context["cl"].result_list) == 1
    assert re.search(r"Mentions zyxwvutsrq", found.text)
