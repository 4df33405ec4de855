"""The public pages, one module a concern."""

from .browse import (
    extra_points,
    home,
    meridian_detail,
    meridian_list,
    region,
    symptom_detail,
    symptom_list,
)
from .data import data, data_file, datapackage
from .exports import export_rows, points_csv, points_json
from .finder import finder
from .guide import guide, routine_detail, routine_list
from .lists import chips, point_list, search
from .pages import about, cun, robots_txt
from .point import group_crumb, point_detail, point_not_found
from .suggest import suggest, suggest_thanks

__all__ = [
    "about",
    "chips",
    "cun",
    "data",
    "data_file",
    "datapackage",
    "export_rows",
    "extra_points",
    "finder",
    "group_crumb",
    "guide",
    "home",
    "meridian_detail",
    "meridian_list",
    "point_detail",
    "point_list",
    "point_not_found",
    "points_csv",
    "points_json",
    "region",
    "robots_txt",
    "routine_detail",
    "routine_list",
    "search",
    "suggest",
    "suggest_thanks",
    "symptom_detail",
    "symptom_list",
]
