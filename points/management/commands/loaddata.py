"""Django's loaddata, moving the content stamp once when it has loaded, not once a row,
and counting each indication's points once at the end (``Indication.point_count``).

Each row loaded sends its model's signals; the stamp's handler would write the stamp
for every one of them (about 2,900 writes for the site's fixture). A fixture may hold the
points before the indications they list, or counts of its own: they are counted again.
"""

from django.core.management.commands import loaddata

from points.caching.stamp import changes_held
from points.models import Indication


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with changes_held():
            super().handle(*fixture_labels, **options)
            Indication.objects.recount()
