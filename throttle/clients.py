"""The client's address, as far as proxies we trust tell us.

One function for the whole site: comments and their rate limits, login
protection (django-axes, AXES_CLIENT_IP_CALLABLE) and anything that must tell
one reader from another.

Each proxy in front of the app appends the address it saw to
X-Forwarded-For, so the chain reads, left to right, whatever the client
sent, then the client's address as our first proxy saw it, then each next
proxy's; REMOTE_ADDR is the last proxy (or the client, with none). Only the
entries our own proxies appended can be trusted. Two ways to say which:

- TRUSTED_PROXY_COUNT = N: N proxies append (a load balancer: 1; a CDN and a
  load balancer: 2). The client is the Nth entry from the right.
- TRUSTED_PROXIES = networks (CIDR) of our proxies, e.g. the load balancer's
  subnet and the CDN's published ranges: entries are skipped from the right
  while they belong to one of them, and the first that does not is the
  client. Sturdier: a request that reaches the load balancer without passing
  the CDN cannot pass off an entry of its own as its address. When set, it
  decides, and TRUSTED_PROXY_COUNT is not used.
"""

import functools
import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address, normalised ("::ffff:192.0.2.1" is 192.0.2.1), or
    None when there is none (a Unix socket with no proxy header)."""
    chain = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    chain = [hop.strip() for hop in chain if hop.strip()]
    chain.append(request.META.get("REMOTE_ADDR", ""))
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if networks:
        index = len(chain) - 1
        while index > 0 and _within(address(chain[index]), networks):
            index -= 1
    else:
        index = max(0, len(chain) - 1 - settings.TRUSTED_PROXY_COUNT)
    # An entry our proxy wrote that is no address ("unknown", a typo in its
    # configuration): the nearest proxy's own address stands in, rather than
    # none at all, so limits still count.
    for hop in chain[index:]:
        found = address(hop)
        if found is not None:
            return str(found)
    return None


def address(text):
    """An IP address from an X-Forwarded-For entry or REMOTE_ADDR (with or
    without a port: "203.0.113.7:51234", "[2001:db8::1]:443"), or None."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return None
    if found.version == 6 and found.ipv4_mapped:
        return found.ipv4_mapped
    return found


@functools.lru_cache(maxsize=8)
def trusted_networks(values):
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value)


def _within(found, networks):
    return found is not None and any(found in network for network in networks)
