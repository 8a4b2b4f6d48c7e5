"""The client's address, as seen through the proxies this service trusts.

Behind a reverse proxy every request comes from the proxy's address, so a
login lockout keyed on REMOTE_ADDR would lock out everyone at once. With
``DJANGO_TRUSTED_PROXY_COUNT=N`` the address is taken from X-Forwarded-For,
N entries from the right: the ones our own proxies appended, which a client
cannot forge (anything the client sent stands further left).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # Not through the expected chain of proxies: trust only the peer.
        return remote
    return hops[-count]
