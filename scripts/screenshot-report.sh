#!/usr/bin/env bash
# Renders a `jetnet evaluate --report` page to PNG with headless Chromium, to look at the
# report as a browser shows it.
#
#   scripts/screenshot-report.sh report.html [report.png] [width]
#
# Without arguments it makes a fresh report of the sensitivity study (debug build) first.
# Needs Chromium: `apt-get install chromium` (Debian/Ubuntu) or Google Chrome on the PATH.
set -euo pipefail

cd "$(dirname "$0")/.."
html="${1:-}"
if [[ -z "$html" ]]; then
  swift build --product jetnet >/dev/null
  html="$(mktemp -d)/report.html"
  "$(swift build --show-bin-path)/jetnet" evaluate --quiet --report "$html" >/dev/null
fi
png="${2:-${html%.html}.png}"
width="${3:-1280}"

browser=""
for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [[ -z "$browser" ]]; then
  echo "no Chromium or Chrome found; install it (apt-get install chromium) and retry" >&2
  exit 1
fi

# The page's height: tall enough for everything (headless mode cannot scroll-capture).
height="${HEIGHT:-$(( $(grep -o '<figure>' "$html" | wc -l) * 110 + 900 ))}"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="${width},${height}" --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
echo "$png"
