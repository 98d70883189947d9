# The site's part of deploy/varnish/newsroom.vcl: the app servers, who may
# purge, the admin's path. One copy per Varnish host (docs/production.md).

import directors;

# Every app server (gunicorn), probed on /healthz: while none answers,
# Varnish serves what it has (grace, up to the pages' stale-if-error).
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/healthz";
        .timeout = 1s;
        .interval = 2s;
        .window = 3;
        .threshold = 2;
    }
}

# This Varnish itself, as it listens (varnishd -a): whole pages are
# assembled from the parts it keeps (newsroom.vcl, "Two tiers").
backend assembler {
    .host = "127.0.0.1";
    .port = "6081";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# Who may ask for parts: this Varnish (its address as it sees itself).
acl assemblers {
    "127.0.0.1";
    "::1";
}

# Who may send PURGE: the app servers (their addresses as Varnish sees them).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}

# Never cached: the admin (ADMIN_URL) and staff previews.
sub newsroom_private {
    if (req.url ~ "^/(admin|preview)/") {
        return (pass);
    }
}
