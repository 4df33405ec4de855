from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('points', '0002_content_stamp'),
    ]

    operations = [
        migrations.AddField(
            model_name='point',
            name='map_positions',
            field=models.JSONField(blank=True, default=dict, help_text='Where the point is drawn on each view of the leg maps, in drawing units: {"front": [x, y], "lateral": [x, y], "medial": [x, y], "back": [x, y]}. Worked out from the location by “manage.py place_points”, which overwrites edits made here; see points/maps.py.', verbose_name='places on the leg maps'),
        ),
    ]
