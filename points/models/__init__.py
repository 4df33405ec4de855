"""The models, one module a concern: the channels, the categories, the vocabulary of
symptoms, the points, their sources and citations, and the content stamp."""

from .categories import Category, PointCategory
from .guide import GuideRule, Pressing, Routine, RoutineStep
from .indications import Indication, IndicationMerge
from .meridians import Meridian
from .points import Point, channel_order, exact_name_or_code
from .sources import Caution, Citation, OtherLocation, Source
from .stamp import ContentStamp

__all__ = [
    "Category",
    "Caution",
    "Citation",
    "ContentStamp",
    "GuideRule",
    "Indication",
    "IndicationMerge",
    "Meridian",
    "OtherLocation",
    "Point",
    "PointCategory",
    "Pressing",
    "Routine",
    "RoutineStep",
    "Source",
    "channel_order",
    "exact_name_or_code",
]
