"""gunicorn's logger, speaking JSON: one object per line on stdout/stderr.

Selected by gunicorn.conf.py when LOG_FORMAT is "json" (the production
default). Access lines carry the request as fields (method, path, status,
duration...) instead of an Apache-style string, so a log shipper can index
them without parsing; error lines use the same formatter as Django's logs.
"""

from gunicorn import glogging

from newsroom.logging import JSONFormatter


class JSONLogger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        formatter = JSONFormatter()
        for logger in (self.error_log, self.access_log):
            for handler in logger.handlers:
                handler.setFormatter(formatter)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        try:
            status = int(status)
        except (TypeError, ValueError):
            pass
        method = environ.get("REQUEST_METHOD", "")
        path = environ.get("PATH_INFO", "")
        fields = {
            "method": method,
            "path": path,
            "query": environ.get("QUERY_STRING", ""),
            "status": status,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.seconds * 1000 + request_time.microseconds / 1000, 3),
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "referer": environ.get("HTTP_REFERER", ""),
            "request_id": environ.get("HTTP_X_REQUEST_ID", ""),
            "protocol": environ.get("SERVER_PROTOCOL", ""),
        }
        try:
            self.access_log.info("%s %s %s", method, path, status, extra=fields)
        except Exception:
            self.exception("Could not write the access log line")
