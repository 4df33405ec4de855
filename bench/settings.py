"""The site's own settings, with the collected static files in a directory of the bench's.

``bench/run.py`` serves the site with these so that it neither reads nor writes the
project's ``staticfiles/`` (which ``make serve`` uses): collectstatic, the baseline files
and whitenoise all use ``BENCH_STATIC_ROOT``, a temporary directory. Nothing else differs.
"""

import os

from legpoints.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
