from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from points.health import healthz
from points.sitemaps import SITEMAPS
from points.views import robots_txt

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("", include("points.urls")),
]

handler400 = "points.errors.bad_request"
handler403 = "points.errors.permission_denied"
handler500 = "points.errors.server_error"
