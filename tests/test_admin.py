"""The admin, as the people who curate the data use it: find, edit, validate, merge."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from points.models import Category, Indication, Point, Source

pytestmark = pytest.mark.django_db

POINTS = reverse("admin:points_point_changelist")
INDICATIONS = reverse("admin:points_indication_changelist")


def point(code):
    return Point.objects.get(code=code)


def change_url(obj):
    return reverse(f"admin:points_{obj._meta.model_name}_change", args=[obj.pk])


def result_codes(response):
    """The codes of the rows the change list shows."""
    assert response.status_code == 200
    return [p.code for p in response.context["cl"].result_list]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def form_data(response):
    """What the change form would post back unchanged: the form, then each inline formset."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data |= {
            management.add_prefix(name): management[name].value() for name in management.fields
        }
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


# The change list, its columns, filters and search


def test_point_change_list_shows_every_point_with_its_columns(admin_client):
    response = admin_client.get(POINTS)
    assert len(result_codes(response)) == Point.objects.count()
    page = response.content.decode()
    for heading in ["Code", "Pinyin with tones", "Chinese name", "English name", "Meridian"]:
        assert heading in page
    assert "Wěizhōng" in page and "委中" in page and "Middle of the Crook" in page


def test_point_change_list_takes_a_constant_number_of_queries(
    admin_client, django_assert_max_num_queries
):
    """The same few queries for five rows as for all: nothing is fetched row by row."""
    counts = []
    for params in [{}, {"meridian__id__exact": point("KI 3").meridian_id}, {"q": "leg pain"}]:
        with django_assert_max_num_queries(8) as queries:
            admin_client.get(POINTS, params)
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_point_change_list_sorts_codes_by_number_not_as_text(admin_client):
    kidney = {"meridian__id__exact": point("KI 3").meridian_id}
    ascending = result_codes(admin_client.get(POINTS, {"o": "1", **kidney}))
    descending = result_codes(admin_client.get(POINTS, {"o": "-1", **kidney}))
    numbers = sorted(Point.objects.filter(meridian__code="KI").values_list("number", flat=True))
    assert ascending == [f"KI {n}" for n in numbers] and 10 in numbers
    assert descending == ascending[::-1]


def test_point_change_list_filters_by_meridian_region_and_category(admin_client):
    bladder = Point.objects.get(code="BL 40").meridian
    codes = result_codes(admin_client.get(POINTS, {"meridian__id__exact": bladder.pk}))
    assert codes and all(code.startswith("BL ") for code in codes)

    codes = result_codes(admin_client.get(POINTS, {"region__exact": "back"}))
    assert set(codes) == set(Point.objects.filter(region="back").values_list("code", flat=True))

    he_sea = Category.objects.get(name="He-Sea")
    codes = result_codes(admin_client.get(POINTS, {"categories__id__exact": he_sea.pk}))
    assert "ST 36" in codes and "BL 40" in codes
    assert set(codes) == set(he_sea.points.values_list("code", flat=True))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("st36", "ST 36"),
        ("St-36", "ST 36"),
        ("zusanli", "ST 36"),
        ("Zúsānlǐ", "ST 36"),
        ("足三里", "ST 36"),
        ("Leg Three Miles", "ST 36"),
    ],
)
def test_search_by_code_in_any_spelling_or_by_name_finds_the_one_point(admin_client, query, code):
    assert result_codes(admin_client.get(POINTS, {"q": query})) == [code]


@pytest.mark.parametrize("query", ["UB 40", "lumbar pain", "low back pain"])
def test_search_by_old_code_or_indication_or_synonym_finds_bl_40(admin_client, query):
    codes = result_codes(admin_client.get(POINTS, {"q": query}))
    assert "BL 40" in codes
    assert "ST 36" not in codes


def test_indication_name_and_its_synonym_find_the_same_points(admin_client):
    by_name = result_codes(admin_client.get(POINTS, {"q": "low back pain"}))
    by_synonym = result_codes(admin_client.get(POINTS, {"q": "lumbar pain"}))
    assert by_name == by_synonym
    assert set(by_name) >= set(
        Indication.objects.get(name="Low back pain").points.values_list("code", flat=True)
    )


def test_search_combines_with_a_filter(admin_client):
    codes = result_codes(admin_client.get(POINTS, {"q": "low back pain", "region__exact": "front"}))
    assert codes and "BL 40" not in codes
    assert all(point(code).region == "front" for code in codes)


def test_indications_autocomplete_finds_by_synonym(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "points",
            "model_name": "point",
            "field_name": "indications",
            "term": "lumbago",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Low back pain"]


# The change form


def test_point_change_form_shows_the_corrections_note_read_only(admin_client):
    bl40 = point("BL 40")
    response = admin_client.get(change_url(bl40))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Corrections to the source article" in page
    assert "codes Weizhong as “BL 49”" in page
    assert 'name="corrections"' not in page
    assert 'name="category_links-TOTAL_FORMS"' in page
    assert 'name="cautions-TOTAL_FORMS"' in page
    # Indications are picked by autocomplete.
    assert "admin-autocomplete" in page


def test_point_add_form_opens(admin_client):
    response = admin_client.get(reverse("admin:points_point_add"))
    assert response.status_code == 200
    assert 'name="meridian"' in response.content.decode()


def test_saving_a_point_keeps_its_links_and_adds_a_caution(admin_client):
    st36 = point("ST 36")
    indications = set(st36.indications.all())
    categories = set(st36.categories.all())
    data = form_data(admin_client.get(change_url(st36)))
    data["english"] = "Leg Three Li"
    data["code"] = "st36"  # any spelling of the right code is accepted
    total = int(data["cautions-TOTAL_FORMS"])
    data["cautions-TOTAL_FORMS"] = total + 1
    data[f"cautions-{total}-text"] = "Avoid strong pressure in pregnancy."

    response = admin_client.post(change_url(st36), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == POINTS
    st36.refresh_from_db()
    assert st36.english == "Leg Three Li"
    assert st36.code == "ST 36"
    assert set(st36.indications.all()) == indications
    assert set(st36.categories.all()) == categories
    assert [c.text for c in st36.cautions.all()][-1] == "Avoid strong pressure in pregnancy."
    assert st36.cautions.count() == total + 1


def test_a_new_point_gets_its_code_from_meridian_and_number(admin_client):
    add = reverse("admin:points_point_add")
    data = form_data(admin_client.get(add)) | {
        "meridian": point("ST 36").meridian_id,
        "number": 30,
        "code": "",
        "pinyin": "Qichong",
        "pinyin_tones": "Qìchōng",
        "chinese": "气冲",
        "english": "Surging Qi",
        "region": "front",
        "seed_order": 99,
        "body_part": "thigh",
        "location": "On the anterior thigh.",
        "indications": [Indication.objects.get(name="Leg pain").pk],
    }
    response = admin_client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    new = Point.objects.get(pinyin="Qichong")
    assert (new.code, new.slug) == ("ST 30", "st30")
    assert [i.name for i in new.indications.all()] == ["Leg pain"]
    assert admin_client.get(POINTS, {"q": "ST30"}).context["cl"].result_list[0] == new


def post_point_change(admin_client, point_code, /, **changes):
    obj = point(point_code)
    data = form_data(admin_client.get(change_url(obj))) | changes
    response = admin_client.post(change_url(obj), data)
    assert response.status_code == 200  # the form again, with its errors
    return response


def test_a_code_that_disagrees_with_meridian_and_number_is_refused(admin_client):
    response = post_point_change(admin_client, "ST 36", code="ST 37", english="Changed")
    errors = response.context["adminform"].form.errors
    message = (
        "The code “ST 37” does not agree with the meridian and number, which give ST 36. "
        "Correct one of them, or leave the code blank."
    )
    assert errors["code"] == [message]
    assert message in response.content.decode()
    assert point("ST 36").english == "Leg Three Miles"


def test_something_that_is_not_a_code_is_refused(admin_client):
    response = post_point_change(admin_client, "ST 36", code="XY 12")
    assert response.context["adminform"].form.errors["code"] == [
        "“XY 12” is not a point code. Write it like ST 36, or leave it blank."
    ]


def test_a_number_beyond_the_channel_is_refused(admin_client):
    response = post_point_change(admin_client, "ST 36", number=46, code="")
    message = "The Stomach channel has points 1 to 45; there is no ST 46."
    assert response.context["adminform"].form.errors["number"] == [message]
    assert message in response.content.decode()
    assert Point.objects.filter(code="ST 36").exists()


def test_a_duplicate_indication_differing_only_in_case_and_spacing_is_refused(admin_client):
    count = Indication.objects.count()
    response = admin_client.post(
        reverse("admin:points_indication_add"),
        {"name": "low BACK  pain", "slug": "low-back-pain-again", "synonyms": ""},
    )
    assert response.status_code == 200
    assert "There is already an indication with this name." in response.content.decode()
    assert Indication.objects.count() == count


def test_a_new_indication_is_saved_with_its_spacing_tidied(admin_client):
    response = admin_client.post(
        reverse("admin:points_indication_add"),
        {
            "name": "  Restless   legs ",
            "slug": "restless-legs",
            "synonyms": " RLS \n\n  Willis-Ekbom  disease",
        },
    )
    assert response.status_code == 302
    indication = Indication.objects.get(slug="restless-legs")
    assert indication.name == "Restless legs"
    assert indication.synonym_list == ["RLS", "Willis-Ekbom disease"]


# Only staff get in


@pytest.mark.parametrize(
    "url",
    [
        POINTS,
        reverse("admin:points_point_add"),
        reverse("admin:points_point_change", args=[1]),
        INDICATIONS,
    ],
)
def test_anonymous_users_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_login_page(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    response = client.get(POINTS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# Merging indications


def select(ids, **extra):
    return {"action": "merge", "_selected_action": [str(pk) for pk in ids], **extra}


def test_merging_indications_keeps_every_point_link(admin_client):
    keep = Indication.objects.get(name="Leg pain")
    other = Indication.objects.get(name="Leg numbness")
    points = set(keep.points.all()) | set(other.points.all())
    assert set(other.points.all()) - set(keep.points.all())  # some points only the other has
    ids = [keep.pk, other.pk]

    # Select both and choose the action: a confirmation page.
    response = admin_client.post(INDICATIONS, select(ids, index="0"))
    assert response.status_code == 200
    assert "admin/points/indication/merge.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "Leg pain" in page and "Leg numbness" in page
    for pk in ids:
        assert f'name="_selected_action" value="{pk}"' in page
    assert 'name="apply"' in page and 'name="target"' in page
    assert Indication.objects.filter(pk__in=ids).count() == 2  # nothing changed yet

    # Apply, keeping Leg pain.
    response = admin_client.post(
        INDICATIONS, select(ids, apply="1", target=str(keep.pk)), follow=True
    )
    assert response.redirect_chain == [(INDICATIONS, 302)]
    assert messages_of(response) == ["Merged “Leg numbness” into “Leg pain”."]

    assert not Indication.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert set(keep.points.all()) == points
    synonyms = keep.synonym_list
    assert "Leg numbness" in synonyms
    assert "numbness of the lower limbs" in synonyms  # the merged one's synonyms come too
    assert "lower limb pain" in synonyms  # and its own stay
    assert len({s.casefold() for s in synonyms}) == len(synonyms)


def test_merging_three_indications(admin_client):
    names = ["Leg weakness", "Leg paralysis", "Leg cramps"]
    indications = list(Indication.objects.filter(name__in=names))
    points = {p for i in indications for p in i.points.all()}
    keep = indications[0]
    admin_client.post(INDICATIONS, select([i.pk for i in indications], apply="1", target=keep.pk))
    keep.refresh_from_db()
    assert set(keep.points.all()) == points
    assert {i.name for i in indications} - {keep.name} <= set(keep.synonym_list)
    assert Indication.objects.filter(name__in=names).count() == 1


def test_merging_needs_at_least_two_indications(admin_client):
    one = Indication.objects.get(name="Leg pain")
    count = Indication.objects.count()
    response = admin_client.post(INDICATIONS, select([one.pk], index="0"), follow=True)
    assert messages_of(response) == ["Select at least two indications to merge."]
    assert Indication.objects.count() == count


def test_merging_without_choosing_the_one_to_keep_asks_again(admin_client):
    ids = list(
        Indication.objects.filter(name__in=["Leg pain", "Leg numbness"]).values_list(
            "pk", flat=True
        )
    )
    response = admin_client.post(INDICATIONS, select(ids, apply="1"))
    assert response.status_code == 200
    assert "Choose the indication to keep." in response.content.decode()
    assert Indication.objects.filter(pk__in=ids).count() == 2


def test_merging_needs_permission_to_delete_indications(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_indication", "change_indication"])
    )
    client.force_login(editor)
    response = client.get(INDICATIONS)
    assert response.status_code == 200
    assert "Merge selected indications into one" not in response.content.decode()

    ids = list(
        Indication.objects.filter(name__in=["Leg pain", "Leg numbness"]).values_list(
            "pk", flat=True
        )
    )
    client.post(INDICATIONS, select(ids, apply="1", target=ids[0]))
    assert Indication.objects.filter(pk__in=ids).count() == 2


@pytest.mark.parametrize(
    ("term", "code"),
    [("lv3", "LR 3"), ("ex le 6", "EX-LE 6"), ("M-LE-23", "EX-LE 6"), ("taichong", "LR 3")],
)
def test_the_admin_finds_points_by_their_code_aliases(admin_client, term, code):
    assert code in result_codes(admin_client.get(POINTS, {"q": term}))


def test_a_point_is_edited_with_its_other_locations_and_citations(admin_client):
    lr3 = point("LR 3")
    page = admin_client.get(change_url(lr3)).content.decode()
    assert 'name="citations-TOTAL_FORMS"' in page and 'name="other_locations-TOTAL_FORMS"' in page
    data = form_data(admin_client.get(change_url(lr3)))
    total = int(data["citations-TOTAL_FORMS"])
    data["citations-TOTAL_FORMS"] = total + 1
    data[f"citations-{total}-fact"] = "functions"
    data[f"citations-{total}-source"] = Source.objects.get(key="cheng").pk
    data[f"citations-{total}-locator"] = "Liv 3"
    response = admin_client.post(change_url(lr3), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert lr3.citations.filter(fact="functions", source__key="cheng").exists()
    assert lr3.citations.model.history.filter(locator="Liv 3").exists()  # kept in history


def test_a_citation_that_names_nothing_for_an_indication_is_refused(admin_client):
    lr3 = point("LR 3")
    data = form_data(admin_client.get(change_url(lr3)))
    total = int(data["citations-TOTAL_FORMS"])
    data["citations-TOTAL_FORMS"] = total + 1
    data[f"citations-{total}-fact"] = "indication"
    data[f"citations-{total}-source"] = Source.objects.get(key="cheng").pk
    response = admin_client.post(change_url(lr3), data)
    assert response.status_code == 200
    assert "names that one item" in response.content.decode()
