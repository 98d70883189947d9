import ipaddress

from django.middleware.security import SecurityMiddleware


def is_loopback_host(host):
    """True for localhost, 127.0.0.0/8 and ::1, with or without a port."""
    if host.startswith("["):
        host = host[1 : host.find("]")]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LoopbackAwareSecurityMiddleware(SecurityMiddleware):
    """Django's SecurityMiddleware, without the HTTPS redirect for loopback.

    Production keeps SECURE_SSL_REDIRECT on, yet the same settings must serve
    plain HTTP to someone on this very machine (a first run, the test suite, a
    benchmark): a request for a loopback host never crossed a network. Behind a
    TLS proxy the Host header is the public name, so the redirect still holds.
    """

    def process_request(self, request):
        if self.redirect and is_loopback_host(request.get_host()):
            return None
        return super().process_request(request)
