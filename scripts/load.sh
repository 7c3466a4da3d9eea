#!/usr/bin/env bash
# Load test: Gazette against nginx serving Hugo's output of the same generated corpus, side by
# side in one run, on loopback only. Prints requests/second and latency for the home page and
# an article, and Gazette's ratio to nginx. Usage: scripts/load.sh [ARTICLES] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
DURATION=${2:-10}
SHARED=${GAZETTE_SHARED:-../shared}
GEN="$SHARED/tools/gen_corpus.py"
[ -f "$GEN" ] || { echo "load.sh: $GEN not found (set GAZETTE_SHARED)"; exit 1; }

need=()
for cmd in hugo nginx wrk; do command -v "$cmd" >/dev/null || need+=("$cmd"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "load.sh: installing ${need[*]}"
  apt-get update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# The same corpus for both: Hugo builds it with plain layouts, Gazette imports it.
site="$work/site"
mkdir -p "$site/layouts/_default"
python3 "$GEN" "$N" "$site/content/post" >/dev/null
cat > "$site/config.toml" <<'TOML'
baseURL = "http://127.0.0.1:18081/"
title = "Load test"
paginate = 10
TOML
cat > "$site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat > "$site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "January 2, 2006" }}</time>{{ .Content }}
<ul>{{ range .Params.tags }}<li><a href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}
HTML
cat > "$site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ .Summary }}</article>{{ end }}{{ end }}
HTML
cp "$site/layouts/_default/list.html" "$site/layouts/index.html"
hugo -s "$site" -d "$work/public" --quiet

cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  include /etc/nginx/mime.types;
  gzip on; gzip_types text/html text/css;
  server { listen 127.0.0.1:18081; root $work/public; }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' & pids+=($!)

go build -o "$work/gazette" ./cmd/gazette
"$work/gazette" import --data "$work/data" "$site" >/dev/null
"$work/gazette" serve --data "$work/data" --addr 127.0.0.1:18082 --no-demo >/dev/null 2>&1 & pids+=($!)
for port in 18081 18082; do
  for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
done

article=$(find "$work/public/post" -mindepth 2 -name index.html | sort | sed -n 1p)
article=${article#"$work/public"}; article=${article%index.html}

# measure NAME URL: prints one result line and sets RPS.
measure() {
  local out
  out=$(wrk -t2 -c32 -d"${DURATION}s" -H 'Accept-Encoding: gzip' "$2")
  RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  printf '%-40s %10.0f req/s  avg latency %s\n' "$1" "$RPS" "$(awk '/Latency/ {print $2}' <<<"$out")"
}
echo "== $N articles, ${DURATION}s per run, 2 threads, 32 connections, gzip, loopback =="
for page in "/" "$article"; do
  measure "nginx + Hugo output $page" "http://127.0.0.1:18081$page"; ng=$RPS
  measure "gazette $page" "http://127.0.0.1:18082$page"; gz=$RPS
  awk -v a="$gz" -v b="$ng" -v p="$page" 'BEGIN { printf "gazette/nginx on %s: %.2f\n", p, a / b }'
done
