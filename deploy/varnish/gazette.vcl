# Varnish in front of Gazette, with the xkey vmod (Debian: apt-get install varnish varnish-modules).
#
# Gazette serve flags that go with this file:
#   --surrogate-header Surrogate-Key   pages name their dependency keys (plus "all")
#   --purge-url http://127.0.0.1:6081/ every change is sent here as PURGE + Surrogate-Key
#   --shared-max-age 5m                pages that name keys may stay here until purged (or 5 min)
#   --trusted-proxies 127.0.0.1        readers' addresses come from X-Forwarded-For
#
# Run it: varnishd -a :6081 -f /etc/varnish/gazette.vcl -s malloc,256m
# Check it: varnishd -C -f /etc/varnish/gazette.vcl >/dev/null
vcl 4.1;

import std;
import xkey;

backend gazette {
	.host = "127.0.0.1";
	.port = "8080";
	.connect_timeout = 2s;
	.first_byte_timeout = 30s;
	# /healthz answers at once while the store answers: when it fails, Varnish serves what it
	# has (the stale-if-error window) instead of errors.
	.probe = {
		.url = "/healthz";
		.interval = 2s;
		.timeout = 1s;
		.window = 3;
		.threshold = 2;
	}
}

# Who may purge: Gazette itself. Widen it to the origin's address when Varnish runs elsewhere.
acl purgers {
	"127.0.0.1";
	"::1";
}

sub vcl_recv {
	if (req.method == "PURGE") {
		if (client.ip !~ purgers) {
			return (synth(403, "Forbidden"));
		}
		if (!req.http.Surrogate-Key) {
			return (synth(400, "Surrogate-Key header required"));
		}
		# Hard purge: the next reader gets the corrected page, not a stale copy in grace.
		set req.http.n-gone = xkey.purge(req.http.Surrogate-Key);
		return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
	}
	# One id for this request in Varnish's log (varnishlog -q 'ReqHeader:X-Request-Id') and in
	# Gazette's, which takes it from this header; one set in front (Caddy's) is kept.
	if (!req.http.X-Request-Id) {
		set req.http.X-Request-Id = req.xid;
	}
	# The desk, sign-in and everything a reader posts go straight through.
	if (req.method != "GET" && req.method != "HEAD") {
		return (pass);
	}
	if (req.url ~ "^/admin" || req.url ~ "^/comments/") {
		return (pass);
	}
	# An editor or a commenting reader sees personal pages (their own cookie); nobody else's
	# cookies matter to Gazette, so they must not split the cache.
	if (req.http.Cookie ~ "(^|;\s*)gazette_(session|reader|2fa)=") {
		return (pass);
	}
	unset req.http.Cookie;
	# Health and readiness answer for this origin now, never from the cache.
	if (req.url ~ "^/(healthz|readyz)$") {
		return (pass);
	}
	# While Gazette is healthy a page past its TTL is served stale for at most 10 s while it is
	# fetched again; while it is down, for the whole grace (stale-if-error).
	if (std.healthy(req.backend_hint)) {
		set req.grace = 10s;
	}
}

sub vcl_backend_response {
	# Gazette names each page's keys in Surrogate-Key; xkey indexes them from the xkey header.
	if (beresp.http.Surrogate-Key) {
		set beresp.http.xkey = beresp.http.Surrogate-Key;
	}
	# stale-if-error: keep serving the last good page this long while Gazette fails.
	if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
		set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, ".*stale-if-error=(\d+).*", "\1") + "s", 10s);
	}
	# Errors are not kept: a failure must not outlive its cause.
	if (beresp.status >= 500) {
		set beresp.ttl = 0s;
		set beresp.uncacheable = true;
		return (deliver);
	}
}

sub vcl_backend_error {
	# Gazette is unreachable and no stale copy is left: a short plain page, retried soon.
	set beresp.http.Content-Type = "text/plain; charset=utf-8";
	set beresp.http.Retry-After = "10";
	set beresp.body = "The site is being updated. Please try again in a few seconds.";
	return (deliver);
}

sub vcl_deliver {
	# The keys are between Gazette and this cache.
	unset resp.http.xkey;
	unset resp.http.Surrogate-Key;
	# A kept page carries the id of the request that fetched it; the reader gets their own.
	set resp.http.X-Request-Id = req.http.X-Request-Id;
	# Whether this answer came from Varnish (Gazette's own X-Cache said what it did on a miss).
	set resp.http.X-Cache = "MISS";
	if (obj.hits > 0) {
		set resp.http.X-Cache = "HIT";
	}
}
