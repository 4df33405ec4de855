"""The fixed drawing of each view (its skin and landmarks) as a static SVG file.

The drawing depends on the view and its scale alone, never on the data, so every page shows
it from one long-cached file (``static/maps/``, referenced by the maps with ``<image>``) and
a reader fetches it once. The files are generated from the views and committed;
``manage.py draw_maps`` writes them again after a view or the map colours change, and a
test fails while they are out of date.

An SVG shown as an image cannot read the page's stylesheet, so each file carries its own
``<style>``: the drawing's rules below, with the colours of ``static/css/site.css`` (its
``--skin``, ``--skin-line`` and ``--mark-line``, light and dark) written in. The image takes
the colour scheme of the map it is shown in (site.css makes that light on paper): an image's
own ``@media print`` never applies, so print shows the drawing in its light colours.
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings

from .closeup import close_scale
from .drawing import drawing
from .views import VIEWS

FOLDER = "maps"  # under the static files
SITE_CSS = "css/site.css"
COLOURS = ("--skin", "--skin-line", "--mark-line")
DARK = "(prefers-color-scheme: dark)"
RULES = (
    ".skin-fill{fill:var(--skin)}"
    ".skin,.mark{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".skin{stroke:var(--skin-line);stroke-width:1.4}"
    ".mark{stroke:var(--mark-line);stroke-width:.8}"
    ".mark-tendon{stroke-dasharray:3 2}"
    ".mark-crease,.mark-midline{stroke-dasharray:1.5 2}"
    ".mark-muscle{stroke-width:.7}"
)


def scales_of(view_name):
    """The scales a view is drawn at: its own, and its close-up's on a point's page."""
    view = VIEWS[view_name]
    return [view.scale, close_scale(view)]


def site_css_path():
    return Path(settings.BASE_DIR) / "static" / SITE_CSS


def colours(css):
    """The drawing's colours in ``css`` (site.css): {"" or DARK: "--name:#hex;…"}."""
    found = {}
    blocks = [("", body) for body in re.findall(r"(?m)^:root\s*\{([^}]*)\}", css)]
    blocks += re.findall(r"@media\s*([^{]+?)\s*\{\s*:root\s*\{([^}]*)\}", css)
    for media, body in blocks:
        for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", body):
            if name in COLOURS and media in ("", DARK):
                found.setdefault(media, {})[name] = value.strip()
    return {
        media: ";".join(f"{name}:{value}" for name, value in sorted(values.items()))
        for media, values in found.items()
    }


def svg(view_name, scale, css):
    """The SVG file of a view's drawing at ``scale``, its colours from ``css``."""
    fixed = drawing(view_name, scale)
    style = "".join(
        f":root{{{values}}}" if not media else f"@media {media}{{:root{{{values}}}}}"
        for media, values in colours(css).items()
    )
    marks = "".join(f'<path class="mark mark-{m["class"]}" d="{m["d"]}"/>' for m in fixed["marks"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{fixed["image"]["box"]}">'
        f"<style>{style}{RULES}</style>\n"
        f'<path class="skin-fill" d="{fixed["fill"]}"/>\n{marks}\n'
        f'<path class="skin" d="{fixed["skin"]}"/>\n</svg>\n'
    )


@cache
def expected():
    """Every drawing file: {path under the static files: its text}."""
    css = site_css_path().read_text(encoding="utf-8")
    return {
        drawing(name, scale)["image"]["file"]: svg(name, scale, css)
        for name in VIEWS
        for scale in scales_of(name)
    }
