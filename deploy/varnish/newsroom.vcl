# Varnish 7 in front of the Newsroom app servers (docs/production.md).
#
# - Anonymous GET/HEAD: cached by URL, cookies stripped. The reader's own
#   settings (text size, dark mode) live in the browser's localStorage and
#   are applied by script: no cookie the server reads, nothing to vary on.
# - Staff (a session cookie), a reader with a message waiting (the messages
#   cookie, right after posting a comment), Authorization, the admin and
#   previews (site.vcl: newsroom_private), and every other method (POST):
#   passed to the app untouched, never stored.
# - Nothing with Set-Cookie, or marked private/no-store/no-cache, is stored.
# - TTL: the app's s-maxage, which it caps at the page's own expiry (a
#   scheduled story coming due, a banner ending, comments closing).
# - Purges: `PURGE /` with an `xkey: <tags>` header, from the `purgers` ACL
#   (site.vcl), soft-purges every object tagged so (xkey, Debian's
#   varnish-modules). The app sends them after each change commits
#   (pagecache.purge.VarnishPurger); our responses name their tags in `xkey`.
# - Grace: while the app answers (its /healthz probe), an outdated object is
#   never shown: purged or expired, it is fetched again (a conditional
#   request, answered 304 from the app's page cache in about a millisecond).
#   A correction or an unpublished story must not be served once more. When
#   the app is down, objects are served up to their stale-if-error (6 h).
# - ESI: The Latest beside each story is an <esi:include> (the app sends it
#   when asked with Surrogate-Capability), cached and purged on its own, so a
#   story published does not outdate every article page.
# - Two tiers. Assembling ESI on every request costs Varnish a sub-request
#   and three more writes to the reader's connection (it flushes before and
#   after each include): the article page served half as fast as a plain
#   one. So what readers get ("pages") is kept whole, fetched from this
#   Varnish itself (the `assembler` backend, site.vcl) with
#   X-Newsroom-Parts: 1, which asks for the "parts": the page with its
#   includes, and the fragments, fetched from the app. A whole page carries
#   its own tags and those of the fragments it holds (the app names them in
#   X-Included-Tags), so a publish purges the fragments and the whole pages
#   holding them, and leaves the parts: those pages are assembled again here,
#   without asking the app for them.
#
# The site's own part (backends, the `app` director, the purgers ACL, the
# admin's path) is in site.vcl, found on varnishd's vcl_path: copy
# deploy/varnish/site.vcl next to this file and adapt it.

vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();
    # Only we tell the app we process ESI, and only we ask ourselves for parts.
    unset req.http.Surrogate-Capability;
    unset req.http.X-Cache;
    if (req.esi_level > 0 || !req.http.X-Newsroom-Parts || client.ip !~ assemblers) {
        unset req.http.X-Newsroom-Parts;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey) {
            return (synth(400, "An xkey header is required"));
        }
        set req.http.n-gone = xkey.softpurge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=[^;]") {
        return (pass);
    }
    call newsroom_private;
    # Cookies mean nothing to an anonymous page: the app varies on none.
    unset req.http.Cookie;
    if (std.healthy(app.backend())) {
        set req.grace = 0s;
    }
    if (req.esi_level > 0 || req.http.X-Newsroom-Parts) {
        # Parts: from the app, with ESI.
        set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    } else {
        # A whole page: assembled from the parts by this Varnish.
        set req.backend_hint = assembler;
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.X-Newsroom-Parts) {
        hash_data("parts");
    }
    # ... then the URL and the host (the built-in vcl_hash).
}

sub vcl_backend_fetch {
    if (bereq.backend == assembler) {
        set bereq.http.X-Newsroom-Parts = "1";
        # Never revalidated: the parts may be unchanged while a fragment
        # changed (their validators are the page's alone).
        unset bereq.http.If-None-Match;
        unset bereq.http.If-Modified-Since;
    }
}

sub vcl_pass {
    set req.http.X-Cache = "pass";
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
    if (bereq.backend == assembler && beresp.http.X-Assembled) {
        # A whole page assembled now: validators of its own, so a reader's
        # browser revalidating its copy from before a fragment changed is
        # sent the new page, not a 304.
        set beresp.http.ETag = {"W/""} + bereq.xid + {"""};
        set beresp.http.Last-Modified = now;
    }
    unset beresp.http.X-Assembled;
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);  # keep the copy we have
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*"
        || !beresp.http.Cache-Control) {
        # Never stored; the next request goes to the app (hit-for-miss).
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # TTL: Varnish takes s-maxage. Kept past it: served while the app is
    # down (stale-if-error), and the base of a conditional refetch.
    set beresp.grace = std.duration(
        regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_deliver {
    if (req.http.X-Newsroom-Parts) {
        # To the whole page's fetch: its tags, and its fragments' tags.
        if (resp.http.X-Included-Tags) {
            set resp.http.xkey = resp.http.xkey + " " + resp.http.X-Included-Tags;
            set resp.http.X-Assembled = "1";
        }
    } else {
        # Tags and internals are ours, not the reader's.
        unset resp.http.xkey;
    }
    unset resp.http.X-Included-Tags;
    unset resp.http.Surrogate-Control;
    unset resp.http.Via;
    if (req.http.X-Cache == "pass") {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
