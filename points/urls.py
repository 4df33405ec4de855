from django.urls import path, register_converter

from . import views


class TextConverter:
    """A path segment as the ``str`` converter takes it, less control characters: a code or a
    name never holds one, and a NUL byte cannot even be looked up in PostgreSQL, so such an
    address is simply not found."""

    regex = "[^/\\x00-\\x1f\\x7f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TextConverter, "text")

app_name = "points"
urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<text:region>/", views.region, name="region"),
    path("points/", views.point_list, name="list"),
    path("points.json", views.points_json, name="json"),
    path("points.csv", views.points_csv, name="csv"),
    path("points/<text:code>/", views.point_detail, name="point"),
    path("points/<text:code>/suggest/", views.suggest, name="suggest"),
    path("points/<text:code>/suggest/thanks/", views.suggest_thanks, name="suggest-thanks"),
    path("data/", views.data, name="data"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("data/<text:version>/<text:name>", views.data_file, name="data_file"),
    path("meridians/", views.meridian_list, name="meridians"),
    path("meridians/<slug:slug>/", views.meridian_detail, name="meridian"),
    path("extra-points/", views.extra_points, name="extra"),
    path("symptoms/", views.symptom_list, name="symptoms"),
    path("symptoms/<slug:slug>/", views.symptom_detail, name="symptom"),
    path("finder/", views.finder, name="finder"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
    path("cun/", views.cun, name="cun"),
    path("guide/", views.guide, name="guide"),
    path("routines/", views.routine_list, name="routines"),
    path("routines/<slug:slug>/", views.routine_detail, name="routine"),
]
