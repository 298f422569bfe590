#!/usr/bin/env bash
# Installs what the tests need, then runs every test: formatting, lints, Rust unit
# and integration tests, the copy check, and the browser suite (axe-core and the
# Nu HTML Checker in Debian's Chromium) over the built site and fixture sites.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing test dependencies"
bash scripts/install-test-deps.sh

echo "== cargo fmt, clippy and doc"
cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
# The code's own documentation: every link in it resolves.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked

echo "== Rust tests"
# tests/hosting.rs fails, rather than skips, when Apache httpd or nginx is missing.
PLAINSITE_HOST_TOOLS=require cargo test --locked

echo "== copy check against the seed report"
# The seed sits beside the repository on the project's machines; a clone made
# elsewhere has none to compare with, and says so rather than failing.
if compgen -G "../shared/seed/*.txt" > /dev/null; then
    python3 scripts/seed_overlap.py
else
    echo "seed overlap: skipped, no seed text at ../shared/seed/ beside this clone"
fi

echo "== building the site and the fixture sites for the browser suite"
cargo build --release --locked
bin="$PWD/target/release/plainsite"
out="$PWD/target/browser-sites"
rm -rf "$out"
mkdir -p "$out"
# --internal: the author's guide is left out of a public build, but its pages
# must pass the same checks, so the swept copy includes it.
"$bin" build --internal --output "$out/site"
sites="$out/site"
for fixture in tests/fixtures/theme-*/ tests/fixtures/publish-*/ tests/fixtures/feeds-*/; do
  [ -d "$fixture" ] || continue
  name=$(basename "$fixture")
  "$bin" --root "$fixture" build --output "$out/$name"
  sites="$sites:$out/$name"
done

# The example site `plainsite init` makes is checked like the others.
"$bin" init "$out/starter-src" >/dev/null
"$bin" --root "$out/starter-src" build --internal --output "$out/starter"
sites="$sites:$out/starter"

echo "== typical page weight (median page HTML + its CSS, at most 30 KB)"
python3 scripts/page_weight.py "$out/site" 30

echo "== serve under load (wrk, loopback, 10 s)"
bash scripts/serve_load.sh "$bin"

echo "== browser suite"
PLAINSITE_SITES="$sites" PLAINSITE_SITE_DIR="$out/site" PLAINSITE_BIN="$bin" node --test tests/browser/
