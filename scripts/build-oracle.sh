#!/usr/bin/env bash
# Builds the reference oracles (Xen's own libxlutil and xl, as Debian ships them) into
# .oracle/build/, from the read-only copy in ../shared/oracles. The differential fuzz, the
# conformance recorder and the benchmark look for .oracle/build/xlcfg-oracle.
#
# Idempotent: re-copies the sources only when they changed and lets make decide what to rebuild.
# Needs the Debian packages libxen-dev (headers and libxlutil.so.4.17), xen-utils-4.17 (the
# real xl, for xl-dryrun-oracle only), build-essential, pkg-config and jq. Install them (as
# root) with:
#   apt-get update
#   DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
#       libxen-dev xen-utils-4.17 build-essential pkg-config jq
# Exit status: 0 built, 1 build failed, 2 sources missing, 3 packages missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src=${XLCFG_ORACLE_SRC:-$root/../shared/oracles}
dest=$root/.oracle

if [ ! -f "$src/Makefile" ] || [ ! -f "$src/src/xlcfg-oracle.c" ]; then
    echo "build-oracle: no oracle sources at $src (expected ../shared/oracles beside the repository)" >&2
    exit 2
fi

missing=()
for pkg in libxen-dev build-essential pkg-config; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done
for tool in gcc make pkg-config; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool (command)")
done
if ! pkg-config --exists xlutil 2>/dev/null; then
    missing+=("pkg-config module xlutil (from libxen-dev)")
fi
if [ ${#missing[@]} -gt 0 ]; then
    {
        echo "build-oracle: cannot build the Xen reference oracle; missing: ${missing[*]}"
        echo "build-oracle: install (as root):"
        echo "  apt-get update"
        echo "  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libxen-dev xen-utils-4.17 build-essential pkg-config jq"
    } >&2
    exit 3
fi
# xen-utils-4.17 and jq only matter for xl-dryrun-oracle; say so but build anyway.
for pkg in xen-utils-4.17 jq; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        echo "build-oracle: note: $pkg is not installed; xl-dryrun-oracle will not run (xlcfg-oracle does not need it)" >&2
    fi
done

# Copy the sources (the shared copy is read-only, so make our copies writable), keeping build/.
mkdir -p "$dest"
copy_changed() {
    local rel=$1
    if [ -d "$src/$rel" ]; then
        mkdir -p "$dest/$rel"
        chmod u+w "$dest/$rel"
        local entry
        for entry in "$src/$rel"/* "$src/$rel"/.[!.]*; do
            [ -e "$entry" ] || continue
            copy_changed "${rel:+$rel/}$(basename "$entry")"
        done
    elif ! cmp -s "$src/$rel" "$dest/$rel" 2>/dev/null; then
        [ -e "$dest/$rel" ] && chmod u+w "$dest/$rel"
        cp "$src/$rel" "$dest/$rel"  # a fresh mtime, so make rebuilds from it
        chmod u+w "$dest/$rel"
    fi
}
for entry in "$src"/* "$src"/.[!.]*; do
    [ -e "$entry" ] || continue
    name=$(basename "$entry")
    [ "$name" = build ] && continue
    copy_changed "$name"
done

if ! make -C "$dest" all >&2; then
    echo "build-oracle: make failed in $dest" >&2
    exit 1
fi

# The oracle aborts at start-up when its hook on libxlutil is not active; check it answers.
if ! printf 'a=1\n' | "$dest/build/xlcfg-oracle" --compact --no-effective --no-specs - | grep -q '"ok":true'; then
    echo "build-oracle: $dest/build/xlcfg-oracle was built but does not answer correctly" >&2
    exit 1
fi
echo "build-oracle: ready: $dest/build/xlcfg-oracle"
