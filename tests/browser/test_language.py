"""Language: the page declares English, and every Chinese name and every pinyin with tone marks
is marked with its own language, so screen readers switch voice and browsers pick the font."""

from points.models import Meridian, Point

from .pages import PAGE_TYPES

# Text nodes holding Han characters, or pinyin tone marks, that no element marks as such.
UNMARKED = """() => {
  const han = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
  const tones = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/i;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    const lang = (node.parentElement.closest("[lang]") || document.documentElement).lang;
    if (han.test(text) && !/^zh-Han[st]$/.test(lang)) found.push([lang, text.trim()]);
    else if (!han.test(text) && tones.test(text) && lang !== "zh-Latn-pinyin")
      found.push([lang, text.trim()]);
  }
  return found;
}"""


def test_the_page_language_is_declared_and_chinese_and_pinyin_are_marked(page):
    problems = {}
    urls = [*PAGE_TYPES.values(), "/search/?q=%E8%85%B0"]  # 腰, echoed in the heading
    # The point pages differ in their data: those whose notes hold Chinese or pinyin.
    han_or_tones = r"[\u3400-\u9fffāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
    points = Point.objects.filter(corrections__regex=han_or_tones)
    assert points.count() >= 5
    urls += [point.get_absolute_url() for point in points]
    urls += [meridian.get_absolute_url() for meridian in Meridian.objects.all()]
    for url in urls:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en", url
        unmarked = page.evaluate(UNMARKED)
        if unmarked:
            problems[url] = unmarked
    assert problems == {}, "\n".join(f"{u}: {p}" for u, p in problems.items())


def test_mark_languages_escapes_and_marks_chinese_and_tone_marked_pinyin():
    """Without a browser too: the filter the curated notes and the search heading go through."""
    from points.templatetags.legpoints import mark_languages

    assert mark_languages("<b> for 脚气 (jiǎoqì), not Zusanli") == (
        '&lt;b&gt; for <span lang="zh-Hans">脚气</span> '
        '(<span lang="zh-Latn-pinyin">jiǎoqì</span>), not Zusanli'
    )
