#!/usr/bin/env bash
# Installs what Gazette's tests need when it is missing: Chromium for the browser tests, xmllint
# for feeds and sitemaps, Java and the pinned npm tools (vnu-jar, axe-core) for HTML checks,
# Debian's Hugo (0.111, the corpora's oracle) for the export round trip, Varnish with the xkey
# vmod (varnish, varnish-modules) and wrk for the cache tier's end-to-end test, Lighthouse (npm)
# for `make audit`.
# It fails loudly when it cannot, so that `make test` never passes by skipping those tests.
set -euo pipefail

cd "$(dirname "$0")/.."

die() {
	echo "install-test-deps: ERROR: $*" >&2
	exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# as_root runs a command as root: directly, through sudo, or not at all.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif have sudo; then
		sudo "$@"
	else
		die "need root to run '$*' (not root and no sudo); install the packages by hand: ${apt_missing[*]}"
	fi
}

apt_missing=()
[ -x /usr/bin/chromium ] || have chromium || apt_missing+=(chromium)
have xmllint || apt_missing+=(libxml2-utils)
have java || apt_missing+=(default-jre-headless)
have hugo || apt_missing+=(hugo)
# The cache tier's end-to-end test: Varnish with the xkey vmod, and wrk for load.
{ have varnishd || [ -x /usr/sbin/varnishd ]; } || apt_missing+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || apt_missing+=(varnish-modules)
have wrk || apt_missing+=(wrk)
# deploy/systemd/gazette.service is checked with systemd-analyze verify.
have systemd-analyze || apt_missing+=(systemd)

if [ ${#apt_missing[@]} -gt 0 ]; then
	have apt-get || die "missing ${apt_missing[*]} and apt-get is not available"
	echo "install-test-deps: installing ${apt_missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	as_root apt-get -o DPkg::Lock::Timeout=600 update -qq ||
		die "apt-get update failed"
	as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${apt_missing[@]}" ||
		die "apt-get install ${apt_missing[*]} failed"
fi

{ [ -x /usr/bin/chromium ] || have chromium; } || die "chromium is still missing after install"
have xmllint || die "xmllint is still missing after install"
have java || die "java is still missing after install"
have hugo || die "hugo is still missing after install"
{ have varnishd || [ -x /usr/sbin/varnishd ]; } || die "varnishd is still missing after install"
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || die "the xkey vmod (varnish-modules) is still missing after install"
have wrk || die "wrk is still missing after install"
have systemd-analyze || die "systemd-analyze is still missing after install"

# npm tools, pinned by package-lock.json. Reinstall when the lock changed since the last install.
have npm || die "npm is missing: install Node.js (Debian package nodejs + npm)"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
	echo "install-test-deps: npm ci" >&2
	npm ci --no-audit --no-fund || die "npm ci failed"
	touch node_modules
fi
[ -f node_modules/vnu-jar/build/dist/vnu.jar ] || die "node_modules/vnu-jar/build/dist/vnu.jar is missing after npm ci"
[ -f node_modules/axe-core/axe.min.js ] || die "node_modules/axe-core/axe.min.js is missing after npm ci"
[ -x node_modules/.bin/lighthouse ] || die "node_modules/.bin/lighthouse is missing after npm ci (make audit needs it)"
