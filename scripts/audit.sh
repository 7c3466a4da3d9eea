#!/usr/bin/env bash
# Lighthouse over the reader pages Gazette's standards name (home, an article, a tag, a
# category, /page/2/, the archive, search results) on two sites served by the real binary:
# the demo, and the xmr-ru corpus imported with its accent (#ff6600) and a 300×60 logo.
# Prints one table of the four category scores. Too slow for `make test` (a Chromium start
# and a full page load per row), so `make audit` runs it. Reports stay in test-artifacts/lighthouse/.
#   Needs: node_modules/.bin/lighthouse (package-lock.json), chromium, ../shared/corpora.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "audit: ERROR: $*" >&2; exit 1; }
lighthouse=node_modules/.bin/lighthouse
[ -x "$lighthouse" ] || die "$lighthouse is missing: run scripts/install-test-deps.sh"
chrome=/usr/bin/chromium
[ -x "$chrome" ] || chrome=$(command -v chromium) || die "chromium is missing"
corpus=../shared/corpora/xmr-ru__xmr_ru
[ -d "$corpus" ] || die "$corpus is missing"

work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-audit.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

CGO_ENABLED=0 go build -o "$work/gazette" ./cmd/gazette

# serve NAME PORT [--no-demo]: starts the binary on 127.0.0.1:PORT and waits until it is ready.
serve() {
	local name=$1 port=$2
	shift 2
	"$work/gazette" serve --data "$work/$name" --addr "127.0.0.1:$port" --base-url "http://127.0.0.1:$port/" "$@" \
		>"$work/$name.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 1 600); do
		curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	cat "$work/$name.log" >&2
	die "$name did not become ready"
}

# The imported site: the corpus as it is, plus its logo file, which lived in its theme.
cp -r "$corpus" "$work/xmr"
mkdir -p "$work/xmr/static/img"
cp scripts/audit-logo-300x60.png "$work/xmr/static/img/logo.png"
"$work/gazette" import --data "$work/imported" "$work/xmr" >"$work/import.log" 2>&1 || { cat "$work/import.log" >&2; die "import failed"; }
serve imported 18931 --no-demo
serve demo 18932

# first URL of a term list page: the most used term of a taxonomy page.
first_term() {
	curl -fsS "$1/$2/" | grep -o 'class="terms__link" href="[^"]*"' | head -1 | sed 's/.*href="//; s/"$//'
}
# an article: the first item of the home page.
first_article() {
	curl -fsS "$1/" | grep -o 'class="list__title post__title"><a href="[^"]*"' | head -1 | sed 's/.*href="//; s/"$//'
}

reports=test-artifacts/lighthouse
mkdir -p "$reports"
printf '| site | page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|---|\n'
for site in imported:18931 demo:18932; do
	name=${site%%:*}
	base="http://127.0.0.1:${site##*:}"
	for page in "home /" "article $(first_article "$base")" "tag $(first_term "$base" tags)" \
		"category $(first_term "$base" categories)" "page2 /page/2/" "archive /archive/" "search /search?q=Monero"; do
		label=${page%% *}
		path=${page#* }
		[ "$name" = demo ] && [ "$label" = search ] && path="/search?q=harbour"
		out="$PWD/$reports/$name-$label.json"
		"$lighthouse" "$base$path" --quiet --output=json --output-path="$out" \
			--chrome-path="$chrome" --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" \
			--only-categories=performance,accessibility,best-practices,seo >/dev/null 2>"$work/lh.log" ||
			{ cat "$work/lh.log" >&2; die "lighthouse failed on $base$path"; }
		node -e '
			const r = require(process.argv[1]);
			const s = k => r.categories[k].score === null ? "n/a" : r.categories[k].score.toFixed(2);
			const failed = Object.values(r.audits).filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map(a => a.id);
			const ms = id => Math.round(r.audits[id].numericValue);
			console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${s("performance")} | ${s("accessibility")} | ${s("best-practices")} | ${s("seo")} |` +
				` <!-- LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${r.audits["cumulative-layout-shift"].numericValue.toFixed(3)}` +
				(failed.length ? `; failing: ${failed.join(", ")}` : "") + " -->");
		' "$out" "$name" "$label $path"
	done
done
