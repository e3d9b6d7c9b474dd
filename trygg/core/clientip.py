"""The client's address, the one definition used by rate limits, axes and the audit log.

Behind a reverse proxy every request comes from the proxy's address. X-Forwarded-For is
believed only when REMOTE_ADDR is one of TRYGG_TRUSTED_PROXIES, and then only from the
right: each trusted proxy appends the address it saw, so the rightmost hop that is not a
trusted proxy is the client. Everything left of it was written by the client and can be
forged."""

import hashlib
import hmac
import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries)


def _address(text: str):
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:443
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in n for n in networks)


def client_ip(request) -> str:
    """The address of the client that sent this request, as text."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(_address(remote), networks):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # A hop no proxy of ours would write: stop at the last address we can vouch for.
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to count, never the address itself."""
    return keyed_hash(client_ip(request))


def keyed_hash(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
