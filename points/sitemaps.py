from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Indication, Meridian, Point, Routine, channel_order


class PageSitemap(Sitemap):
    def items(self):
        pages = ["home", "list", "meridians", "extra", "symptoms", "finder", "about", "cun"]
        pages += ["guide", "routines"]
        regions = [("region", value) for value in Point.Region.values]
        return [(name,) for name in pages] + regions

    def location(self, item):
        return reverse(f"points:{item[0]}", args=item[1:])


class ModelSitemap(Sitemap):
    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset


SITEMAPS = {
    "pages": PageSitemap(),
    "meridians": ModelSitemap(Meridian.objects.all()),
    "points": ModelSitemap(Point.objects.order_by(*channel_order())),
    "symptoms": ModelSitemap(Indication.objects.all()),
    "routines": ModelSitemap(Routine.objects.all()),
}
