"""Django's loaddata, moving the content stamp once when it has loaded, not once a row.

Each row loaded sends its model's signals; the stamp's handler would write the stamp
for every one of them (about 2,900 writes for the site's fixture).
"""

from django.core.management.commands import loaddata

from points.caching.stamp import changes_held


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with changes_held():
            super().handle(*fixture_labels, **options)
