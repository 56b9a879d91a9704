#!/bin/sh
# Screenshots of the first screen of a summary section, for docs/first-screen-*.png:
# a trusted, an unreliable, a contradicted and a range result (test/fixtures/reports.ts), rendered
# by `npm run preview` and taken with headless Chromium (apt-get install chromium fonts-noto-color-emoji).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
chromium=${CHROMIUM:-chromium}
node "$root/scripts/preview.mjs" "$root/preview" >/dev/null
for name in trusted unreliable contradicted range; do
  profile=$(mktemp -d)
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" \
    --screenshot="$root/docs/first-screen-$name.png" --window-size=1000,760 \
    "file://$root/preview/found-$name.html" >/dev/null 2>&1
  rm -rf "$profile"
  echo "wrote docs/first-screen-$name.png"
done
