from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = "Leg points"

    def ready(self):
        from .caching import connect_signals
        from .models import counts

        connect_signals()
        counts.connect_signals()
