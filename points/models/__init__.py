"""The models, one module a concern: the channels, the categories, the vocabulary of
symptoms, the points, their sources and citations, and the content stamp."""

from .categories import Category, PointCategory
from .dataset import DatasetFile, DatasetVersion
from .guide import GuideRule, Pressing, Routine, RoutineStep
from .indications import Indication, IndicationMerge
from .meridians import Meridian
from .point_queries import channel_order
from .points import Point
from .red_flags import RedFlag
from .sources import Caution, Citation, OtherLocation, Source
from .stamp import ContentStamp
from .suggestions import Suggestion

__all__ = [
    "Category",
    "Caution",
    "Citation",
    "ContentStamp",
    "DatasetFile",
    "DatasetVersion",
    "GuideRule",
    "Indication",
    "IndicationMerge",
    "Meridian",
    "OtherLocation",
    "Point",
    "PointCategory",
    "RedFlag",
    "Pressing",
    "Routine",
    "RoutineStep",
    "Source",
    "Suggestion",
    "channel_order",
]
