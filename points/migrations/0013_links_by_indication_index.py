"""An index of the points' links by indication, then point: the points listed for some
symptoms (the symptom filter, the points sharing a point's symptoms) are read off it
alone. The links' table is the one Django makes for Point.indications, which has no Meta
of its own to declare the index in, hence SQL that both SQLite and PostgreSQL take."""

from django.db import migrations

INDEX = "points_point_indications_by_indication"


class Migration(migrations.Migration):
    dependencies = [
        ("points", "0012_facet_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON points_point_indications (indication_id, point_id)",
            f"DROP INDEX {INDEX}",
        ),
    ]
