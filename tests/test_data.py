"""The curated fixture: every point of the leg, each fact with its source, and the source
article's 48 points with their corrections."""

from collections import Counter, defaultdict

import pytest

from points.codes import codes_in_text, parse_code
from points.models import Category, Citation, Indication, Meridian, Point, Source
from points.text import fold, squash_spaces
from tests.seed import SEED, seed_locations

pytestmark = pytest.mark.django_db

# The leg points of each channel, and the extra points of the lower limb (issue 10).
RANGES = {
    "ST": range(31, 46),
    "SP": range(1, 13),
    "GB": range(29, 45),
    "BL": [*range(36, 41), *range(55, 68)],
    "KI": range(1, 11),
    "LR": range(1, 13),
    "EX-LE": range(1, 13),
}
LEG_CODES = {f"{channel} {n}" for channel, numbers in RANGES.items() for n in numbers}

# The Five Shu points of each channel from the toes up, with their phases.
YIN_PHASES = ["Wood", "Fire", "Earth", "Metal", "Water"]
YANG_PHASES = ["Metal", "Water", "Wood", "Fire", "Earth"]
FIVE_SHU = {
    "ST": ([45, 44, 43, 41, 36], YANG_PHASES),
    "GB": ([44, 43, 41, 38, 34], YANG_PHASES),
    "BL": ([67, 66, 65, 60, 40], YANG_PHASES),
    "SP": ([1, 2, 3, 5, 9], YIN_PHASES),
    "KI": ([1, 2, 3, 7, 10], YIN_PHASES),
    "LR": ([1, 2, 3, 4, 8], YIN_PHASES),
}
SHU_NAMES = ["Jing-Well", "Ying-Spring", "Shu-Stream", "Jing-River", "He-Sea"]


@pytest.fixture
def points():
    return list(
        Point.objects.select_related("meridian").prefetch_related(
            "indications", "cautions", "other_locations", "citations__source"
        )
    )


def cited(point, fact, item=None):
    field = {
        "indication": "indication_id",
        "category": "category_id",
        "caution": "caution_id",
        "other-location": "other_location_id",
    }.get(fact)
    return [
        c
        for c in point.citations.all()
        if c.fact == fact and (field is None or getattr(c, field) == item)
    ]


def test_the_fixture_holds_every_point_of_the_leg_and_the_six_channels(points):
    assert {point.code for point in points} == LEG_CODES
    assert len(points) == 95
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


def test_codes_agree_with_channel_and_number(points):
    for point in points:
        channel = "EX-LE" if point.meridian is None else point.meridian.code
        assert point.code == f"{channel} {point.number}"
        assert parse_code(point.code).slug == point.slug
        assert str(point).startswith(point.code + " ")
    assert str(Point.objects.get(code="ST 36")) == "ST 36 Zusanli"
    assert Point.objects.get(code="EX-LE 7").slug == "ex-le7"


def test_every_point_has_names_in_both_scripts(points):
    for point in points:
        assert point.pinyin == point.pinyin.strip() and " " not in point.pinyin, point.code
        assert fold(point.pinyin_tones) == fold(point.pinyin), point.code
        assert not point.pinyin_tones.isascii(), f"{point.code} has no tone marks"
        assert point.chinese, point.code
        for chinese in filter(None, [point.chinese, point.chinese_traditional]):
            assert all("\u4e00" <= ch <= "\u9fff" for ch in chinese), point.code
        assert point.chinese_traditional != point.chinese, point.code
        if point.chinese_traditional:
            assert len(point.chinese_traditional) == len(point.chinese), point.code
        assert cited(point, "names"), point.code


def test_every_point_has_a_cited_location_the_channel_points_from_who_2008(points):
    for point in points:
        assert point.location.strip(), point.code
        sources = {c.source.key for c in cited(point, "location")}
        assert sources, point.code
        if not point.is_extra:
            assert "who2008" in sources, point.code
            assert all(
                c.locator.startswith("p. ")
                for c in cited(point, "location")
                if c.source.key == "who2008"
            ), point.code


def test_every_channel_point_has_five_indications_each_with_a_source(points):
    for point in points:
        indications = point.indications.all()
        if not point.is_extra:
            assert len(indications) >= 5, point.code
        for indication in indications:
            assert cited(point, "indication", indication.pk), f"{point.code}: {indication}"


def test_every_caution_other_location_and_category_has_a_source(points):
    links = defaultdict(set)
    for point_id, category_id in Point.categories.through.objects.values_list(
        "point_id", "category_id"
    ):
        links[point_id].add(category_id)
    for point in points:
        for caution in point.cautions.all():
            assert cited(point, "caution", caution.pk), point.code
        for other in point.other_locations.all():
            assert cited(point, "other-location", other.pk), point.code
        for category_id in links[point.pk]:
            assert cited(point, "category", category_id), point.code
        if point.functions:
            assert cited(point, "functions"), point.code
        # No citation of a category the point is not in.
        for citation in cited(point, "category"):
            assert citation.category_id in links[point.pk], point.code


def test_every_source_is_cited_and_every_symptom_is_used():
    # A source is cited by a point's facts, by a notice on when to see a doctor, or by How to
    # press (its ``cited`` texts).
    from points.models import GuideRule, Pressing, Routine
    from points.models.guide import citation_lines

    texts = [r.cited for r in GuideRule.objects.all()]
    texts += [text for p in Pressing.objects.all() for text in (p.cited, p.advice_cited)]
    texts += [
        text
        for r in Routine.objects.all()
        for text in (r.cautions_cited, r.see_doctor_cited, r.combination_cited)
    ]
    by_guide = {key for text in texts for key, _locator in citation_lines(text)}
    uncited = Source.objects.filter(citations=None, red_flags=None).exclude(key__in=by_guide)
    assert not uncited.exists(), list(uncited)
    assert not Indication.objects.filter(points=None).exists()


def test_cross_references_in_locations_resolve(points):
    """A code a location mentions is a point here, or a WHO point off the leg (GV 2)."""
    here = {point.code for point in points}
    for point in points:
        for text in [point.location, *(o.text for o in point.other_locations.all())]:
            for _match, code in codes_in_text(text):
                assert code.exists, f"{point.code} mentions {code}"
                leg = code.channel in RANGES and code.number in RANGES[code.channel]
                assert not leg or str(code) in here, f"{point.code} mentions {code}"


def test_the_five_shu_points_of_each_channel_from_the_toes_up():
    for channel, (numbers, phases) in FIVE_SHU.items():
        for name, number, phase in zip(SHU_NAMES, numbers, phases, strict=True):
            links = Point.categories.through.objects.filter(category__name=name)
            in_channel = links.filter(point__meridian__code=channel)
            assert [link.point.number for link in in_channel] == [number], (channel, name)
            assert in_channel.get().detail == f"{phase} point", (channel, name)


def test_one_yuan_source_and_one_luo_point_per_channel():
    for slug in ["yuan-source", "luo-connecting"]:
        per_channel = Counter(
            Point.objects.filter(categories__slug=slug).values_list("meridian__code", flat=True)
        )
        assert per_channel == dict.fromkeys(FIVE_SHU, 1), slug


def test_the_category_lists_match_the_standard_sets():
    def codes(slug):
        return set(Point.objects.filter(categories__slug=slug).values_list("code", flat=True))

    assert codes("yuan-source") == {"ST 42", "SP 3", "GB 40", "BL 64", "KI 3", "LR 3"}
    assert codes("luo-connecting") == {"ST 40", "SP 4", "GB 37", "BL 58", "KI 4", "LR 5"}
    assert codes("lower-he-sea") == {"ST 36", "ST 37", "ST 39", "GB 34", "BL 39", "BL 40"}
    assert codes("confluent") == {"SP 4", "GB 41", "BL 62", "KI 6"}
    assert codes("influential") == {"GB 34", "GB 39"}
    assert {"ST 34", "SP 8", "GB 36", "BL 63", "KI 5", "LR 6"} <= codes("xi-cleft")
    assert codes("heavenly-star") == {
        "ST 36",
        "ST 44",
        "BL 40",
        "BL 57",
        "BL 60",
        "GB 30",
        "GB 34",
        "LR 3",
    }
    assert codes("command") == {"ST 36", "BL 40"}
    assert not Point.objects.filter(meridian=None, categories__isnull=False).exists()
    assert Category.objects.count() == 13


def test_pregnancy_and_artery_cautions_where_the_sources_give_them(points):
    by_code = {point.code: point for point in points}
    for code in ["SP 6", "BL 60", "BL 67"]:
        assert any("pregnan" in c.text.lower() for c in by_code[code].cautions.all()), code
    for code in ["SP 11", "ST 42", "BL 40"]:
        assert any("arter" in c.text.lower() for c in by_code[code].cautions.all()), code


def test_extra_points_belong_to_no_channel_and_sets_say_so(points):
    extra = [point for point in points if point.is_extra]
    assert [p.number for p in sorted(extra, key=lambda p: p.number)] == list(range(1, 13))
    assert [p.pinyin for p in sorted(extra, key=lambda p: p.number)] == [
        "Kuangu",
        "Heding",
        "Baichongwo",
        "Neixiyan",
        "Xiyan",
        "Dannang",
        "Lanwei",
        "Neihuaijian",
        "Waihuaijian",
        "Bafeng",
        "Duyin",
        "Qiduan",
    ]
    by_code = {point.code: point for point in extra}
    assert "eight" in by_code["EX-LE 10"].location.lower()
    assert "ten" in by_code["EX-LE 12"].location.lower()


def test_regions_follow_the_written_rule(points):
    channel_region = {
        "ST": "front",
        "BL": "back",
        "SP": "side",
        "LR": "side",
        "KI": "side",
        "GB": "side",
    }
    for point in points:
        if point.is_extra or point.code in {"KI 1", "KI 9"}:
            continue
        assert point.region == channel_region[point.meridian.code], point.code
    assert {p.region for p in points if p.code in {"KI 1", "KI 9"}} == {"back"}


# --- The source article's 48 points --------------------------------------------------------


def test_the_article_points_keep_their_sections_in_an_unbroken_order(points):
    seed = [point for point in points if point.seed_order is not None]
    by_region = Counter(point.region for point in seed)
    assert by_region == {"front": 13, "side": 19, "back": 16}
    for region, count in by_region.items():
        orders = sorted(p.seed_order for p in seed if p.region == region)
        assert orders == list(range(1, count + 1))


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
    assert {"ST 35", "ST 36", "GB 33", "BL 57"} <= {p.code for p in leg_qi.points.all()}
    assert "beriberi" in leg_qi.synonym_list
    for point in points:
        for text in [point.location, point.english, point.pinyin_tones]:
            assert "Ā 3" not in text and "\ufffd" not in text


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


def article_locations(points):
    found = {}
    for point in points:
        for other in point.other_locations.all():
            if any(c.source.key == "seed" for c in cited(point, "other-location", other.pk)):
                found[point.code] = other
    return found


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_the_article_location_is_kept_as_the_articles_unless_a_correction_says_why(points):
    seed = seed_locations()
    assert len(seed) == 48
    kept = article_locations(points)
    assert set(kept) == set(seed) == {p.code for p in points if p.seed_order is not None}
    for code, other in kept.items():
        # White space does not count: the seed has a stray no-break space.
        if other.text != squash_spaces(seed[code]):
            point = next(p for p in points if p.code == code)
            assert "location" in point.corrections.lower(), code
        assert other.difference, f"{code}: say how the article's location compares with WHO's"


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_locations_are_paired_with_the_caption_after_them(points):
    seed = seed_locations()
    assert seed["ST 32"].startswith("6 cun above the superior lateral border")
    assert seed["ST 36"].startswith("3 cun below ST 35")
    assert seed["KI 10"].startswith("On the medial side of the knee joint")
    assert article_locations(points)["ST 36"].text == seed["ST 36"]


def test_the_fixture_is_what_the_curated_data_builds():
    from points.curation import FIXTURE, build, render

    objects, _unused = build()
    assert render(objects) == FIXTURE.read_text(encoding="utf-8"), (
        "fixtures/legpoints.json is stale: run manage.py build_fixture"
    )
    assert Citation.objects.count() == sum(o["model"] == "points.citation" for o in objects)
