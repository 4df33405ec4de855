"""Edits that are never lost: history with diffs and revert, reversible merges, refused
deletions, view-only staff, sign-in throttling and sessions that end."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from points.models import Indication, IndicationMerge, Meridian, Point, RedFlag, Routine
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db


def change_point(admin_client, point, **changes):
    """Post the point's change form, with its inlines, as it is but for some changes."""
    url = reverse("admin:points_point_change", args=[point.pk])
    return admin_client.post(url, form_data(admin_client.get(url)) | changes)


def test_an_admin_edit_is_recorded_with_who_and_when_and_shown_as_a_diff(admin_client, admin_user):
    point = Point.objects.get(code="ST 36")
    response = change_point(admin_client, point, english="Three Li of the Leg")
    assert response.status_code == 302, response.context and response.context["errors"]
    latest = point.history.latest()
    assert latest.history_user == admin_user and latest.english == "Three Li of the Leg"
    history = admin_client.get(reverse("admin:points_point_history", args=[point.pk]))
    assert "Leg Three Miles" in history.text and "Three Li of the Leg" in history.text


def test_an_edit_can_be_reverted_from_the_history(admin_client):
    point = Point.objects.get(code="ST 36")
    change_point(admin_client, point, english="First")
    change_point(admin_client, Point.objects.get(pk=point.pk), english="Second")
    first = point.history.filter(english="First").latest()
    url = reverse("admin:points_point_simple_history", args=[point.pk, first.history_id])
    page = admin_client.get(url)
    assert "Revert" in page.text
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.english == "First"
    assert point.history.latest().english == "First"  # the revert is itself recorded


def test_merging_is_recorded_and_can_be_undone(admin_client, admin_user):
    target = Indication.objects.get(slug="low-back-pain")
    merged = Indication.objects.get(slug="sacral-pain")
    sacral_points = set(merged.points.values_list("code", flat=True))
    target_points = set(target.points.values_list("code", flat=True))
    changelist = reverse("admin:points_indication_changelist")
    admin_client.post(
        changelist,
        {
            "action": "merge",
            "_selected_action": [target.pk, merged.pk],
            "apply": "1",
            "target": target.pk,
        },
    )
    record = IndicationMerge.objects.get()
    assert record.merged_name == "Sacral pain" and record.merged_by == admin_user
    assert not Indication.objects.filter(slug="sacral-pain").exists()

    admin_client.post(
        reverse("admin:points_indicationmerge_changelist"),
        {"action": "undo", "_selected_action": [record.pk]},
    )
    restored = Indication.objects.get(slug="sacral-pain")
    assert set(restored.points.values_list("code", flat=True)) == sacral_points
    target.refresh_from_db()
    assert set(target.points.values_list("code", flat=True)) == target_points
    assert "Sacral pain" not in target.synonym_list
    record.refresh_from_db()
    assert record.undone_at is not None


def test_undoing_a_merge_gives_back_the_warnings_and_the_routine_it_moved(admin_client, client):
    edema, stiffness, swelling = (
        Indication.objects.get(slug=slug) for slug in ["edema", "knee-stiffness", "leg-swelling"]
    )
    injury = "Knee pain after an injury"  # knee stiffness raises it; leg swelling does not

    def warnings(symptom):
        return client.get("/finder/", {"symptom": symptom}).text.count(injury)

    assert warnings("knee-stiffness") and not warnings("leg-swelling")
    merges = [edema.merge_into(swelling), stiffness.merge_into(swelling)]
    assert warnings("leg-swelling")
    assert Routine.objects.get(slug="swollen-legs").indication == swelling

    admin_client.post(
        reverse("admin:points_indicationmerge_changelist"),
        {"action": "undo", "_selected_action": [merge.pk for merge in merges]},
    )
    assert warnings("knee-stiffness") and not warnings("leg-swelling")
    assert Routine.objects.get(slug="swollen-legs").indication.slug == "edema"
    response = client.get(reverse("points:routine", args=["swollen-legs"]))
    assert 'href="/symptoms/edema/"' in response.text


def test_a_merge_is_undone_after_a_warning_it_moved_was_deleted():
    merge = Indication.objects.get(slug="knee-stiffness").merge_into(
        Indication.objects.get(slug="leg-swelling")
    )
    RedFlag.objects.get(title="Knee pain after an injury").delete()
    restored = merge.undo()
    assert restored.slug == "knee-stiffness" and not restored.red_flags.exists()
    assert restored.points.exists()


def test_deleting_an_indication_in_use_is_refused(admin_client):
    indication = Indication.objects.get(slug="sciatica")
    url = reverse("admin:points_indication_delete", args=[indication.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert "BL 58 Feiyang lists it" in response.text
    assert Indication.objects.filter(pk=indication.pk).exists()


def test_deleting_an_unused_indication_is_allowed(admin_client):
    unused = Indication.objects.create(name="Writer’s cramp")
    url = reverse("admin:points_indication_delete", args=[unused.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Indication.objects.filter(pk=unused.pk).exists()


def test_deleting_a_meridian_with_points_is_refused(admin_client):
    stomach = Meridian.objects.get(code="ST")
    response = admin_client.post(
        reverse("admin:points_meridian_delete", args=[stomach.pk]), {"post": "yes"}
    )
    assert "protected" in response.text.lower() and "ST 36 Zusanli" in response.text
    assert Meridian.objects.filter(pk=stomach.pk).exists()


def test_view_only_staff_cannot_change_anything(client, django_user_model):
    viewer = django_user_model.objects.create_user(
        "viewer", password="long-enough-pass-1", is_staff=True
    )
    viewer.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    point = Point.objects.get(code="ST 36")
    url = reverse("admin:points_point_change", args=[point.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="english"' not in page.text
    assert client.post(url, {"english": "Changed"}).status_code == 403
    point.refresh_from_db()
    assert point.english == "Leg Three Miles"
    assert (
        client.post(
            reverse("admin:points_point_delete", args=[point.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_repeated_failed_sign_ins_are_locked_out(client, django_user_model):
    django_user_model.objects.create_superuser("curator", "c@example.org", "the-right-password-7")
    login = reverse("admin:login")
    for _ in range(5):
        response = client.post(login, {"username": "curator", "password": "wrong"})
    assert response.status_code == 429
    assert "Signing in is locked" in response.text
    # Even the right password is refused while the lock holds.
    right = client.post(login, {"username": "curator", "password": "the-right-password-7"})
    assert right.status_code == 429


def test_sessions_end(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
