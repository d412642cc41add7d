#!/usr/bin/env bash
# Screenshots of the rendered site with headless Chromium, into site/out/screenshots/:
#   index.png                  the contents page with every chapter's status (1400x1000)
#   chapter-08.png             chapter 8 at its Before/After listings (1400x1000)
#   chapter-08-dark.png        the same in dark mode
#   method-foo.png             the page of AsyncMicro.Program::Foo (1400x1000)
#   chapter-08-phone.png       chapter 8 in a 390 px wide frame (a phone; the shot is 500 px, grey beside it)
# Usage: scripts/screenshots.sh [SITE_DIR]   (default site/out; render it first: make site)
set -euo pipefail
site="${1:-site/out}"
chromium="${JITBOOK_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ]; then
    echo "screenshots: chromium not found; run: bash scripts/install-deps.sh --with-chromium" >&2
    exit 1
fi
[ -f "$site/index.html" ] || { echo "screenshots: no site in $site (run: make site)" >&2; exit 1; }
out="$site/screenshots"
mkdir -p "$out"
abs="$(cd "$site" && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shot() { # name width height url [extra flags]
    local name="$1" w="$2" h="$3" url="$4"; shift 4
    timeout 60 "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$profile" --allow-file-access-from-files --host-resolver-rules="MAP * ~NOTFOUND" \
        --virtual-time-budget=3000 --window-size="$w,$h" --screenshot="$out/$name" "$@" "$url" >/dev/null 2>&1
    echo "screenshots: $out/$name"
}
ch8="08-seed-000-inlining-async-thunks-after-gdv.html"
# A page opened at a #fragment screenshots blank in headless Chromium, and its window is at least
# 500 px wide: such shots load the page in a frame of the wanted size on a page of their own.
framed() { # name width height src [extra flags]
    local name="$1" w="$2" h="$3" src="$4"; shift 4
    cat > "$out/frame.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><title>frame</title>
<style>html,body{margin:0;background:#888}iframe{display:block;width:${w}px;height:${h}px;border:0}</style></head>
<body><iframe src="../$src" title="page"></iframe></body></html>
HTML
    shot "$name" "$(( w < 500 ? 500 : w ))" "$h" "file://$abs/screenshots/frame.html" "$@"
    rm -f "$out/frame.html"
}
shot index.png 1400 1000 "file://$abs/index.html"
framed chapter-08.png 1400 1000 "$ch8#after-the-thunk-is-inlined"
framed chapter-08-dark.png 1400 1000 "$ch8#after-the-thunk-is-inlined" --blink-settings=preferredColorScheme=0
shot method-foo.png 1400 1000 "file://$abs/methods/AsyncMicro.Program--Foo.html"
framed chapter-08-phone.png 390 1000 "$ch8"
