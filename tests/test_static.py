"""The static files as `make serve` collects them: the site's stylesheets minified (strings
and every rule kept), hashed and compressed; the readable source left as it is."""

import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from legpoints.storage import MinifiedCSSStorage, minify

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


def test_minify_drops_comments_and_spaces_and_keeps_strings():
    css = '/* a "note" */\n.a > b ,\n.c::after {\n  content: "; /* kept */ ";\n  color: red;\n}\n'
    assert minify(css) == '.a>b,.c::after{content:"; /* kept */ ";color:red}\n'


def test_the_minified_stylesheet_keeps_every_rule_and_string():
    css = SITE_CSS.read_text(encoding="utf-8")
    small = minify(css)
    assert "/*" not in small and len(small) < 0.8 * len(css)
    assert small.count("{") == css.count("{") and small.count("}") == css.count("}")
    strings = re.compile(r'"[^"]*"')
    assert strings.findall(small) == strings.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    selectors = re.compile(r"([^{}]+)\{")
    assert [re.sub(r"\s+", "", s) for s in selectors.findall(small)] == [
        re.sub(r"\s+", "", s) for s in selectors.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    ]


def test_collected_stylesheet_is_minified_hashed_and_compressed(tmp_path):
    (tmp_path / "css").mkdir()
    shutil.copy(SITE_CSS, tmp_path / "css" / "site.css")  # as collectstatic copies it
    storage = MinifiedCSSStorage(location=tmp_path, base_url="/static/")
    source = FileSystemStorage(location=SITE_CSS.parent.parent)
    list(storage.post_process({"css/site.css": (source, "css/site.css")}))
    served = tmp_path / storage.stored_name("css/site.css")
    assert served.name != "site.css" and served.read_text() == minify(SITE_CSS.read_text())
    assert served.with_name(served.name + ".br").exists()
    assert "/*" in SITE_CSS.read_text()  # the source keeps its comments
