#!/usr/bin/env bash
# Screenshots of the campaign report as headless Chromium renders it: one at a phone's width (412 px), one at a
# laptop's (1280 px), written next to the page. Nothing is fetched: the page is self-contained and Chromium runs
# with a fresh profile and its background networking off. Needs the chromium package (.ci/run installs it).
#
#   scripts/report-screenshot.sh                          # outbox/report/index.html
#   scripts/report-screenshot.sh path/to/index.html       # another page
#   PHONE_HEIGHT=4000 scripts/report-screenshot.sh        # taller shots (a screenshot covers the window only)
#
# PHONE_HEIGHT=2400    height of the 412 px wide shot
# DESKTOP_HEIGHT=1600  height of the 1280 px wide shot
set -euo pipefail

PAGE=${1:-outbox/report/index.html}
PHONE_HEIGHT=${PHONE_HEIGHT:-2400}
DESKTOP_HEIGHT=${DESKTOP_HEIGHT:-1600}
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}

[[ -f $PAGE ]] || { echo "report-screenshot: no page at $PAGE (the app writes outbox/report/index.html)" >&2; exit 2; }
[[ -n $CHROMIUM ]] || { echo "report-screenshot: chromium is missing (apt-get install -y chromium)" >&2; exit 2; }
PAGE=$(cd "$(dirname "$PAGE")" && pwd)/$(basename "$PAGE")
OUT=$(dirname "$PAGE")

PROFILE=$(mktemp -d /tmp/xhs-report-chromium.XXXXXX)
trap 'rm -rf "$PROFILE"' EXIT

shot() { # width height file
  timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$PROFILE" \
    --hide-scrollbars --window-size="$1,$2" --screenshot="$3" "$PAGE" >"$PROFILE/log" 2>&1 \
    || { echo "report-screenshot: chromium failed:" >&2; cat "$PROFILE/log" >&2; exit 1; }
  [[ -s $3 ]] || { echo "report-screenshot: chromium wrote no $3:" >&2; cat "$PROFILE/log" >&2; exit 1; }
  echo "$3 (${1}×${2})"
}

shot 412 "$PHONE_HEIGHT" "$OUT/screenshot-412.png"
shot 1280 "$DESKTOP_HEIGHT" "$OUT/screenshot-1280.png"
