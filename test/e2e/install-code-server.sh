#!/usr/bin/env bash
# Installs the pinned code-server into .e2e/code-server for the end-to-end tests.
# Idempotent: reuses an existing install when the pinned package.json is unchanged.
# Offline apart from the npm registry: the few downloads code-server's install scripts would
# make from elsewhere are replaced by what the machine already has (see each step).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC="$ROOT/test/e2e/code-server"
DEST="$ROOT/.e2e/code-server"
# @vscode/ripgrep version and the rg asset tag pinned by code-server 4.100.3
# (lib/vscode/npm-shrinkwrap.json and @vscode/ripgrep's postinstall.js). Re-read both when bumping.
RG_PKG=1.15.11
RG_TAG=v13.0.0-10
SPDLOG="$DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"

if [ -x "$DEST/node_modules/.bin/code-server" ] && [ -f "$SPDLOG" ] && cmp -s "$SRC/package.json" "$DEST/package.json"; then
  echo "code-server already installed in .e2e/code-server"
  exit 0
fi

missing=()
for c in g++ make python3 pkg-config rg; do command -v "$c" >/dev/null || missing+=("$c"); done
[ -f /usr/include/gssapi/gssapi.h ] || missing+=("libkrb5-dev")
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-code-server: missing ${missing[*]}." >&2
  echo "On Debian/Ubuntu run: apt-get install -y --no-install-recommends g++ make python3 pkg-config libkrb5-dev ripgrep" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub releases; seed its download cache
# with the machine's own rg so it prints "Using cached download" instead.
export TMPDIR="$ROOT/.e2e/tmp"
mkdir -p "$TMPDIR/vscode-ripgrep-cache-$RG_PKG"
tar czf "$TMPDIR/vscode-ripgrep-cache-$RG_PKG/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" \
  -C "$(dirname "$(command -v rg)")" rg

rm -rf "$DEST"
mkdir -p "$DEST"
cp "$SRC/package.json" "$DEST/"
if [ -f "$SRC/package-lock.json" ]; then
  cp "$SRC/package-lock.json" "$DEST/"
  cmd=ci
else
  cmd=install
fi
cd "$DEST"
echo "installing code-server into .e2e/code-server (npm $cmd; about a minute the first time)"
# As root, code-server's postinstall refuses to run unless npm_config_unsafe_perm is set
# (npm 11 no longer knows the option but the script reads the variable); node-pty's
# postinstall runs npx node-gyp, which needs "yes" without a TTY.
npm_config_unsafe_perm=true npm_config_yes=true npm "$cmd" --no-audit --no-fund --loglevel=error
if [ ! -f "$SRC/package-lock.json" ] && [ -f "$DEST/package-lock.json" ]; then
  cp "$DEST/package-lock.json" "$SRC/package-lock.json"
  echo "wrote test/e2e/code-server/package-lock.json (commit it)"
fi
