"""The curated fixture: complete, consistent with itself, and faithful to the seed."""

from collections import Counter

import pytest

from points.codes import codes_in_text
from points.models import Indication, Meridian, Point
from points.text import fold, squash_spaces
from tests.seed import SEED, seed_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def points():
    return list(
        Point.objects.select_related("meridian").prefetch_related("indications", "cautions")
    )


def test_the_fixture_has_the_48_seed_points_and_six_meridians(points):
    assert len(points) == 48
    assert list(Meridian.objects.values_list("code", flat=True)) == [
        "ST",
        "SP",
        "GB",
        "BL",
        "KI",
        "LR",
    ]
    assert list(Meridian.objects.values_list("slug", flat=True)) == [
        "stomach",
        "spleen",
        "gallbladder",
        "bladder",
        "kidney",
        "liver",
    ]


def test_regions_hold_the_seed_counts_in_an_unbroken_order(points):
    by_region = Counter(point.region for point in points)
    assert by_region == {"front": 13, "side": 19, "back": 16}
    for region, count in by_region.items():
        orders = sorted(p.seed_order for p in points if p.region == region)
        assert orders == list(range(1, count + 1))


def test_codes_agree_with_meridian_and_number(points):
    for point in points:
        assert point.code == f"{point.meridian.code} {point.number}"
        assert point.slug == f"{point.meridian.code.lower()}{point.number}"
        assert str(point).startswith(point.code + " ")
    assert str(Point.objects.get(code="ST 36")) == "ST 36 Zusanli"


def test_the_seed_code_errors_are_corrected():
    assert Point.objects.get(pinyin="Weizhong").code == "BL 40"
    assert Point.objects.get(pinyin="Yangjiao").code == "GB 35"
    assert Point.objects.get(code="BL 59").pinyin == "Fuyang"
    assert Point.objects.get(code="BL 58").pinyin == "Feiyang"
    assert Point.objects.get(code="ST 43").pinyin == "Xiangu"
    assert Point.objects.get(code="BL 64").pinyin == "Jinggu"
    assert Point.objects.get(code="BL 61").pinyin == "Pucan"
    for code in ["BL 40", "GB 35", "BL 59", "ST 43", "KI 7", "ST 35", "ST 36", "GB 33"]:
        assert Point.objects.get(code=code).corrections, code


def test_no_athletes_foot_and_no_encoding_damage(points):
    assert not Indication.objects.filter(name__icontains="athlete").exists()
    assert not Indication.objects.filter(synonyms__icontains="athlete").exists()
    leg_qi = Indication.objects.get(name="Leg qi")
    assert {p.code for p in leg_qi.points.all()} == {"ST 35", "ST 36", "GB 33", "BL 57"}
    assert "beriberi" in leg_qi.synonym_list
    for point in points:
        for text in [point.location, point.english, point.pinyin_tones]:
            assert "Ā 3" not in text and "\ufffd" not in text


def test_names_are_consistent(points):
    for point in points:
        assert point.pinyin == point.pinyin.strip() and " " not in point.pinyin
        assert fold(point.pinyin_tones) == fold(point.pinyin), point.code
        assert not point.pinyin_tones.isascii(), f"{point.code} has no tone marks"
        for chinese in filter(None, [point.chinese, point.chinese_traditional]):
            assert all("\u4e00" <= ch <= "\u9fff" for ch in chinese), point.code
        assert point.chinese_traditional != point.chinese
        if point.chinese_traditional:
            assert len(point.chinese_traditional) == len(point.chinese)
        assert point.english


def test_every_point_has_a_location_and_all_but_ki9_have_indications(points):
    for point in points:
        assert point.location.strip(), point.code
        if point.code == "KI 9":
            assert not point.indications.all()
        else:
            assert point.indications.all(), point.code


def test_codes_mentioned_in_locations_are_real_points(points):
    here = {point.code for point in points}
    mentioned = set()
    for point in points:
        for _match, code in codes_in_text(point.location):
            mentioned.add(str(code))
            assert str(code) in here or code.exists, f"{point.code} mentions {code}"
    assert {"ST 35", "BL 40", "KI 3", "SP 12", "GV 2", "GB 36"} <= mentioned


def test_no_two_indications_differ_only_in_case_or_spacing():
    names = list(Indication.objects.values_list("name", flat=True))
    assert all(name == squash_spaces(name) for name in names)
    folded = Counter(fold(name) for name in names)
    assert [name for name, n in folded.items() if n > 1] == []


def test_a_synonym_never_names_another_indication():
    indications = list(Indication.objects.all())
    names = {fold(ind.name): ind for ind in indications}
    for indication in indications:
        for synonym in indication.synonym_list:
            assert names.get(fold(synonym), indication) == indication, synonym


def test_lumbar_and_low_back_pain_are_one_symptom():
    low_back = Indication.objects.get(slug="low-back-pain")
    assert "lumbar pain" in low_back.synonym_list
    assert low_back.points.count() >= 15


def test_functions_and_cautions_where_the_literature_gives_them(points):
    by_code = {point.code: point for point in points}
    assert "calms the Shen" in by_code["BL 64"].functions
    for code in ["SP 6", "BL 60"]:
        caution = by_code[code].cautions.get()
        assert "pregnancy" in caution.text
        assert caution.source


def test_categories_come_from_the_standard_literature():
    def codes(slug):
        return set(Point.objects.filter(categories__slug=slug).values_list("code", flat=True))

    assert codes("lower-he-sea") == {"ST 36", "ST 37", "ST 39", "GB 34", "BL 39", "BL 40"}
    assert codes("luo-connecting") == {"ST 40", "SP 4", "BL 58"}
    assert codes("confluent") == {"SP 4", "KI 6", "BL 62"}
    assert codes("influential") == {"GB 34", "GB 39"}
    assert {"ST 42", "KI 3", "BL 64"} == codes("yuan-source")


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_locations_keep_the_seed_wording_unless_a_correction_says_why(points):
    seed = seed_locations()
    assert len(seed) == 48
    for point in points:
        # White space does not count: the seed has a stray no-break space.
        if point.location != squash_spaces(seed[point.code]):
            assert "location" in point.corrections.lower(), point.code


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_locations_are_paired_with_the_caption_after_them():
    seed = seed_locations()
    assert seed["ST 32"].startswith("6 cun above the superior lateral border")
    assert seed["ST 36"].startswith("3 cun below ST 35")
    assert seed["KI 10"].startswith("On the medial side of the knee joint")
    assert Point.objects.get(code="ST 36").location == seed["ST 36"]
