"""How often one client may send a correction, counted by django-ratelimit in the site's
cache, per client address as the sign-in lockout finds it (django-ipware through axes,
with DJANGO_BEHIND_PROXY and DJANGO_PROXY_COUNT)."""

import ipaddress

from axes.helpers import get_client_ip_address
from django.conf import settings
from django_ratelimit.core import get_usage

GROUP = "suggestions"


def client_address(request):
    """The client's address; an IPv6 address stands for its /64, which one host can fill."""
    address = get_client_ip_address(request)
    if not address:
        return "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def suggestion_limit(request):
    """Count this submission: ("ok", 0), ("over", seconds until more are taken) when this
    address has sent too many, or ("unknown", 0) when the cache did not answer, so nothing
    can be counted."""
    usage = get_usage(
        request,
        group=GROUP,
        key=lambda group, request: client_address(request),
        rate=settings.SUGGESTION_RATE,
        method="POST",
        increment=True,
    )
    if usage is None:  # limits turned off (RATELIMIT_ENABLE)
        return "ok", 0
    if usage["limit"] == 0:
        return "unknown", 0
    if usage["should_limit"]:
        return "over", max(1, usage["time_left"])
    return "ok", 0
