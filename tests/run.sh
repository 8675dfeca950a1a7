#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs the browser and test tools
# it needs (Debian's chromium and CJK fonts, xmllint, a Java runtime for the Nu
# HTML Checker, the npm packages pinned in tests/browser and tests/serve-browser),
# then runs every Rust test, the browser tests among them.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need_apt+=(fonts-noto-cjk)  # not -q: with pipefail, fc-list would die of SIGPIPE
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
java -version >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} (Debian packages)..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Exactly the versions in the lock file. --ignore-scripts: vnu-jar's install
# script would download a Java runtime when none is found; ours comes from Debian.
if [ -f tests/browser/package-lock.json ]; then
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
# The live-reload browser test of `alumni serve` (tests/serve.rs).
if [ -f tests/serve-browser/package-lock.json ]; then
  (cd tests/serve-browser && npm ci --no-audit --no-fund --loglevel=error)
fi

# The browser tests must run, not skip, once the tools are installed.
export ALUMNI_REQUIRE_BROWSER=1
cargo test --locked "$@"
