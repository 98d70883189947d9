import ipaddress

from django.conf import settings
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


class SecurityHeadersMiddleware:
    """Security headers Django has no setting for.

    `Permissions-Policy` switches off browser features no page of ours uses
    (camera, geolocation, payment...), so injected or third-party code cannot
    ask for them. `Cross-Origin-Resource-Policy` keeps other sites from
    embedding our responses (set CROSS_ORIGIN_RESOURCE_POLICY=same-site or
    cross-origin when a CDN on another origin serves static files or media).
    A view that sets either header itself keeps its own value.

    It also drops the body of responses to HEAD requests (keeping their
    Content-Length): the WSGI server must not send one, and gunicorn logs a
    warning for each HEAD response that comes with body bytes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "PERMISSIONS_POLICY", "")
        self.resource_policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self.resource_policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        if request.method == "HEAD" and not response.streaming and response.content:
            response.headers.setdefault("Content-Length", str(len(response.content)))
            response.content = b""
        return response


class HealthCheckMiddleware:
    """Answers /healthz before anything else runs.

    Load balancers and orchestrators probe app servers by their internal
    address, over plain HTTP, without cookies. Answering here, ahead of the
    host check, the HTTPS redirect, sessions and the page cache, means the
    probe sees whether this server can reach the database and the cache, and
    nothing else can make it fail or pass.
    """

    PATHS = {"/healthz", "/healthz/"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in self.PATHS and request.method in {"GET", "HEAD"}:
            from newsroom.health import healthz

            return healthz(request)
        return self.get_response(request)
