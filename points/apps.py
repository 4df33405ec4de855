from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = "Leg points"

    def ready(self):
        from .caching import connect_signals

        connect_signals()
