"""The public pages: what a visitor sees, where links lead, and how many queries each costs."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from points.models import Indication, Point
from points.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db

# A point page: the point, its five kinds of facts with their citations, its channel with
# the points its locations name (one query), the points that share its indications, the dataset's
# latest version (for "Cite this"); and for How to press, the guide's default rules and the
# sources they and the point's pressing entry cite.
MAX_QUERIES = 12


def all_page_urls():
    """Every page the sitemap lists, plus the pages that take parameters."""
    urls = []
    for sitemap in SITEMAPS.values():
        urls += [sitemap.location(item) for item in sitemap.items()]
    return urls


class Outline(HTMLParser):
    """Collects the headings, the title and the links of a page."""

    def __init__(self):
        super().__init__()
        self.headings, self.links, self.title, self._tag = [], [], "", None
        self.canonical = self.description = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"h1", "h2", "h3", "title"}:
            self._tag = tag
            if tag != "title":
                self.headings.append([tag, ""])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs["content"]

    def handle_endtag(self, tag):
        if tag == self._tag:
            self._tag = None

    def handle_data(self, data):
        if self._tag == "title":
            self.title += data
        elif self._tag:
            self.headings[-1][1] += data


def outline(response):
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def test_every_page_has_one_h1_a_title_a_description_a_canonical_link_and_the_search_box(
    client, django_assert_max_num_queries
):
    urls = all_page_urls()
    # pages and regions, points, meridians, symptoms, routines
    assert len(urls) == 13 + 95 + 6 + Indication.objects.count() + 9
    titles = set()
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200, url
        page = outline(response)
        assert [tag for tag, _ in page.headings].count("h1") == 1, url
        assert page.headings[0][0] == "h1", url
        assert page.description, url
        assert page.canonical == f"http://testserver{url}", url
        assert 'role="search"' in response.text and 'name="q"' in response.text, url
        for name in ["home", "meridians", "symptoms", "list"]:
            assert reverse(f"points:{name}") in page.links, (url, name)
        titles.add(page.title)
    assert len(titles) == len(urls), "every page has its own title"


def test_every_internal_link_on_every_page_works(client):
    seen, broken = set(), []
    for url in all_page_urls():
        for link in outline(client.get(url)).links:
            path = link.split("#")[0]
            if path.startswith("/") and path not in seen and not path.startswith("/admin/"):
                seen.add(path)
                status = client.get(path).status_code
                if status != 200:
                    broken.append((url, link, status))
    assert broken == []


def test_home_shows_regions_meridians_symptoms_and_safety(client):
    response = client.get("/")
    text = response.text
    for value, label in Point.Region.choices:
        count = Point.objects.filter(region=value).count()
        assert re.search(rf"{label}</strong> <span>{count} points", text)
    for meridian in ["Stomach", "Spleen", "Gallbladder", "Bladder", "Kidney", "Liver"]:
        assert meridian in text
    assert "Liver</strong>\n        <span>Inner (medial) side · 12 points" in text
    assert re.search(r"Extra points</strong>\s*<span>On no channel · 12 points", text)
    assert " 0 points" not in text and "all 95 points" in text
    # The commonest symptoms are ticked on the home page and sent to the symptom finder.
    assert 'action="/finder/"' in text
    assert 'name="symptom" value="low-back-pain"' in text
    assert 'href="/symptoms/"' in text
    assert "not medical advice" in text and "pregnancy" in text
    assert 'action="/search/"' in text


def test_region_page_groups_its_points_by_meridian_in_seed_order(client):
    response = client.get("/regions/side/")
    headings = [text for tag, text in outline(response).headings if tag == "h2"]
    assert headings == [
        "Spleen meridian (12)",
        "Gallbladder meridian (16)",
        "Kidney meridian (8)",
        "Liver meridian (12)",
        f"Extra points ({Point.objects.filter(region='side', meridian=None).count()})",
    ]
    codes = re.findall(r'<span class="code">(SP \d+)</span>', response.text)
    # The article's points in its order, then the others by number.
    assert codes == [
        *["SP 11", "SP 10", "SP 9", "SP 8", "SP 7", "SP 6", "SP 4"],
        *["SP 1", "SP 2", "SP 3", "SP 5", "SP 12"],
    ]
    assert 'href="/points/?region=side"' in response.text
    for point in Point.objects.filter(region="side"):
        assert point.get_absolute_url() in response.text
        assert point.chinese in response.text and point.english in response.text


def test_unknown_region_is_404(client):
    assert client.get("/regions/top/").status_code == 404


def test_point_page_shows_names_place_use_and_neighbours(client):
    response = client.get("/points/st36/")
    text = response.text
    assert outline(response).headings[0] == ["h1", "ST 36 Zusanli"]
    assert '<span class="pinyin" lang="zh-Latn-pinyin">Zúsānlǐ</span>' in text
    assert '<span class="chinese" lang="zh-Hans">足三里</span>' in text
    assert "Leg Three Miles" in text
    assert 'href="/meridians/stomach/"' in text and 'href="/regions/front/"' in text
    assert '3 cun below <a href="/points/st35/">ST 35</a>, one finger width' in text
    assert 'href="/symptoms/leg-qi/"' in text and "Leg qi" in text
    assert "He-Sea</a> point, Earth point" in text
    assert "athlete" in text.lower()  # only in the correction note
    assert 'rel="prev" href="/points/st35/"' in text and 'rel="next" href="/points/st37/"' in text


def test_location_codes_link_in_any_spelling_and_only_to_points_here(client):
    text = client.get("/points/ki9/").text
    assert 'Taixi acupoint( <a href="/points/ki3/">KI 3</a>)' in text  # the article's words
    assert '<a href="/points/ki10/">KI 10</a>' in text
    bl37 = client.get("/points/bl37/").text
    assert '<a href="/points/bl40/">UB 40</a>' in bl37
    sp11 = client.get("/points/sp11/").text
    assert '<a href="/points/sp12/">SP 12</a>' in sp11  # now a point here
    gb30 = client.get("/points/gb30/").text
    assert "GV 2" in gb30 and 'href="/points/gv2/"' not in gb30  # not a leg point


def test_point_page_functions_categories_cautions_and_corrections(client):
    bl64 = client.get("/points/bl64/").text
    assert "Functions" in bl64 and "calms the Shen" in bl64
    sp6 = client.get("/points/sp6/").text
    assert "Cautions" in sp6 and "pregnancy" in sp6 and "Deadman P, Al-Khafaji M, Baker K" in sp6
    bl40 = client.get("/points/bl40/").text
    assert "Corrections to the source article" in bl40 and "BL 49" in bl40
    assert 'href="/about/#source-seed"' in bl40


def test_neighbours_skip_gaps_and_stop_at_the_ends(client):
    bl40 = client.get("/points/bl40/").text
    assert 'rel="next" href="/points/bl55/"' in bl40
    st31 = client.get("/points/st31/").text
    assert 'rel="prev"' not in st31
    assert 'rel="next"' not in client.get("/points/st45/").text
    lr3 = client.get("/points/lr3/").text
    assert 'rel="prev" href="/points/lr2/"' in lr3 and 'rel="next" href="/points/lr4/"' in lr3
    ex1 = client.get("/points/ex-le1/").text
    assert 'rel="prev"' not in ex1 and 'rel="next" href="/points/ex-le2/"' in ex1


def test_related_points_are_ordered_by_shared_indications(client):
    response = client.get("/points/bl63/")
    related = response.context["related"]
    shared = [point.shared for point in related]
    assert shared == sorted(shared, reverse=True) and shared[0] >= 4
    assert "BL 63" not in [point.code for point in related]


@pytest.mark.parametrize(
    "path", ["/points/ST36/", "/points/st-36/", "/points/st_36/", "/points/St%2036/"]
)
def test_other_spellings_redirect_permanently(client, path):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == "/points/st36/"


def test_ub_codes_redirect_to_bl(client):
    response = client.get("/points/ub40/")
    assert (response.status_code, response["Location"]) == (301, "/points/bl40/")


def test_unknown_code_is_a_404_offering_the_nearest_points(client):
    response = client.get("/points/st46/")
    assert response.status_code == 404
    assert "No point “ST 46” here" in response.text
    assert 'href="/points/st45/"' in response.text
    extra = client.get("/points/ex-le13/")
    assert extra.status_code == 404 and 'href="/points/ex-le12/"' in extra.text
    assert 'role="search"' in response.text
    misspelt = client.get("/points/zusanly/")
    assert misspelt.status_code == 404 and 'href="/points/st36/"' in misspelt.text


def test_meridian_pages_list_their_points_in_order(client):
    text = client.get("/meridians/stomach/").text
    positions = [text.index(f"ST {n}<") for n in range(31, 46)]
    assert positions == sorted(positions)
    liver = client.get("/meridians/liver/").text
    positions = [liver.index(f"LR {n}<") for n in range(1, 13)]
    assert positions == sorted(positions)
    index = client.get("/meridians/").text
    assert index.index("ST 31") < index.index("SP 1") < index.index("GB 29")
    assert index.index("LR 12") < index.index("EX-LE 1 ") < index.index(
        'href="/extra-points/"'
    ) or (index.index('href="/extra-points/"') < index.index("EX-LE 1 "))
    assert client.get("/meridians/heart/").status_code == 404


def test_symptom_index_is_grouped_by_letter_with_counts(client):
    response = client.get("/symptoms/")
    headings = [text for tag, text in outline(response).headings if tag == "h2"]
    assert headings[:3] == ["A", "B", "C"]
    assert re.search(
        r'href="/symptoms/low-back-pain/">Low back pain</a> <span class="count">\d+ points',
        response.text,
    )


def test_symptom_page_groups_points_by_region_and_offers_related_symptoms(client):
    response = client.get("/symptoms/low-back-pain/")
    headings = [text for tag, text in outline(response).headings if tag == "h2"]
    assert headings[:3] == ["Front of the leg", "Side of the leg", "Back of the leg"]
    assert "lumbar pain" in response.text
    assert "Related symptoms" in headings
    assert 'href="/symptoms/leg-pain/"' in response.text
    assert client.get("/symptoms/no-such-thing/").status_code == 404


def test_about_lists_sources_corrections_licence_and_exports(client):
    text = client.get("/about/").text
    assert "WHO Standard Acupuncture Point" in text and "A Manual of Acupuncture" in text
    assert "Chinese Acupuncture and Moxibustion" in text and 'id="source-seed"' in text
    assert "Front, side and back" in text and "KI 9, KI 1" in text
    for point in Point.objects.exclude(corrections=""):
        assert point.get_absolute_url() in text
    assert "CC BY 4.0" in text and 'href="/points.json"' in text and 'href="/points.csv"' in text
    assert "How to press a point" in text


def test_sitemap_lists_every_page_and_robots_points_to_it(client):
    sitemap = client.get("/sitemap.xml").text
    for url in all_page_urls():
        assert f"<loc>http://testserver{url}</loc>" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.text


def test_an_unknown_address_gets_the_sites_own_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text and 'role="search"' in response.text


def test_the_extra_points_have_a_group_page_of_their_own(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/extra-points/")
    assert response.status_code == 200
    assert outline(response).headings[0][1].startswith("Extra points of the leg")
    codes = re.findall(r'<span class="code">(EX-LE \d+)</span>', response.text)
    assert codes == [f"EX-LE {n}" for n in range(1, 13)]
    assert "Bafeng is eight points" in response.text
    point = client.get("/points/ex-le10/").text
    assert 'href="/extra-points/"' in point and "Meridian</dt>" not in point
    assert client.get("/meridians/extra/").status_code == 404  # not a fake meridian


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/points/EX-LE7/", "/points/ex-le7/"),
        ("/points/ex%20le%207/", "/points/ex-le7/"),
        ("/points/exle7/", "/points/ex-le7/"),
        ("/points/lv3/", "/points/lr3/"),
        ("/points/Liv3/", "/points/lr3/"),
        ("/points/K1/", "/points/ki1/"),
        ("/points/UB67/", "/points/bl67/"),
    ],
)
def test_code_aliases_redirect_permanently_to_the_one_address(client, path, target):
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (301, target)
    assert client.get(target).status_code == 200


def test_every_other_code_a_source_uses_redirects_to_its_point(client):
    pairs = [(code, p) for p in Point.objects.all() for code in p.other_code_list]
    assert pairs, "the extra points carry their older numbers"
    for code, point in pairs:
        response = client.get(f"/points/{code}/")
        assert response.status_code == 301, code
        assert response["Location"] == point.get_absolute_url(), code


def test_a_point_page_numbers_its_references_and_marks_each_fact(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/points/lr3/")
    text = response.text
    references = response.context["references"]
    assert [r.number for r in references] == list(range(1, len(references) + 1))
    assert [r.source.key for r in references][:3] == ["who2008", "deadman", "cheng"]
    assert 'id="ref-1"' in text and "WHO Standard Acupuncture Point Locations" in text
    # The location is marked with WHO's page, an indication with its sources.
    location = text[text.index("WHO standard location:") : text.index("How to measure in cun")]
    assert re.search(r'\[<a href="#ref-1" title="[^"]+">1</a>, p\. \d+\]', location)
    indications = text[text.index('id="indications-heading"') :]
    assert indications.count('class="refs"') >= 5
    # The seed article's sentence is shown as the article's, with how it compares.
    st36 = client.get("/points/st36/").text
    assert "Leg acupressure points (the web article the site grew from)" in st36
    assert '3 cun below <a href="/points/st35/">ST 35</a>' in st36


def test_points_without_an_english_name_show_no_empty_quotes(client):
    for point in Point.objects.filter(english=""):
        text = client.get(point.get_absolute_url()).text
        assert "“”" not in text and "()" not in text.split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize(
    "path", ["/points/st%0036/", "/regions/fr%00ont/", "/points/st36%07/suggest/", "/data/1.0/%00"]
)
def test_an_address_with_a_control_character_is_not_found(client, path):
    """A NUL byte cannot even be looked up in PostgreSQL: such an address is a plain 404."""
    assert client.get(path).status_code == 404
