"""The static files of ``make serve``: whitenoise's storage (content-hashed names, gzip and
brotli copies), with the site's own stylesheets (``static/css/``) served minified. The files
in the repository stay readable, with their comments; the collected copies lose the
comments and the spaces that mean nothing."""

import re
from pathlib import Path

from whitenoise.storage import CompressedManifestStaticFilesStorage

# A string (kept as it is) or a comment (dropped), whichever starts first.
TOKEN = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|/\*.*?\*/""", re.S)


def _squeeze(code):
    code = re.sub(r"\s+", " ", code)
    code = re.sub(r" ?([{};,>]) ?", r"\1", code)
    return code.replace(": ", ":").replace(";}", "}")


def minify(css):
    """``css`` without its comments and the spaces that mean nothing; strings untouched."""
    out, last = [], 0
    for token in TOKEN.finditer(css):
        out.append(_squeeze(css[last : token.start()]))
        if not token.group().startswith("/*"):
            out.append(token.group())
        last = token.end()
    out.append(_squeeze(css[last:]))
    return "".join(out).strip() + "\n"


class MinifiedCSSStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, paths, dry_run=False, **options):
        """Minify the collected copies of the site's stylesheets, then hash and compress
        those copies (hashing reads each file from where it was found, unless told)."""
        if not dry_run:
            paths = dict(paths)
            for path in paths:
                if path.startswith("css/") and path.endswith(".css"):
                    copy = Path(self.path(path))
                    copy.write_text(minify(copy.read_text(encoding="utf-8")), encoding="utf-8")
                    paths[path] = (self, path)
        yield from super().post_process(paths, dry_run, **options)
