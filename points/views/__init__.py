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
from .exports import citation_row, citation_text, csv_cell, export_rows, points_csv, points_json
from .guide import guide, routine_detail, routine_list
from .lists import chips, point_list, search
from .pages import about, cun, robots_txt
from .point import group_crumb, point_detail, point_not_found

__all__ = [
    "about",
    "chips",
    "citation_row",
    "citation_text",
    "csv_cell",
    "cun",
    "export_rows",
    "extra_points",
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
    "symptom_detail",
    "symptom_list",
]
