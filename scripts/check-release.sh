#!/usr/bin/env bash
# `make test-install`: the release binary carries everything but a few C libraries, runs alone
# in an empty folder with a bare environment, installs with `make install`, and its .deb
# installs and runs with no Swift toolchain on the PATH. See README.md, "Install".
# Usage: scripts/check-release.sh RELEASE_BINARY DEB_FILE
set -euo pipefail
binary=$(readlink -f "$1")
deb=$(readlink -f "$2")
make=${MAKE:-make}
work=$(mktemp -d "${TMPDIR:-/tmp}/steward-release-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "check-release: FAIL: $*" >&2; exit 1; }
pass() { echo "check-release: ok: $*"; }

# The only shared libraries the binary may load: glibc's (libc, libm, the loader, the vDSO),
# GCC's C++ and unwinding runtime that the static Swift runtime uses, system SQLite and zlib.
# README.md ("Install") lists the same; every Debian and Ubuntu system has them.
allowed='linux-vdso.so.1 libc.so.6 libm.so.6 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1 libstdc++.so.6 libgcc_s.so.1 libsqlite3.so.0 libz.so.1'
libraries=$(ldd "$binary" | awk '{ print $1 }' | xargs -n1 basename)
for library in $libraries; do
  case " $allowed " in *" $library "*) ;; *) fail "$binary links $library, which is not in the allowed list: $allowed" ;; esac
done
pass "links only: $(echo $libraries | tr '\n' ' ')"

# A bare environment: no Swift toolchain (it lives outside /usr/bin:/bin), no STEWARD_RULES.
bare() { env -i PATH=/usr/bin:/bin HOME="$work/home" "$@"; }
mkdir -p "$work/home"
bare sh -c 'command -v swift' >/dev/null && fail "swift is on PATH=/usr/bin:/bin; this check could not tell"

# 1. The binary copied alone into an empty folder.
mkdir "$work/alone"
cp "$binary" "$work/alone/steward"
(cd "$work/alone" && bare ./steward demo > "$work/demo.txt" 2> "$work/demo.err") \
  || { cat "$work/demo.err" >&2; fail "steward demo failed when copied alone"; }
grep -q '^FINDINGS (' "$work/demo.txt" || fail "steward demo printed no findings when copied alone"
[ "$(ls -A "$work/alone")" = steward ] || fail "steward demo wrote files beside the binary: $(ls -A "$work/alone")"
pass "a copy alone in an empty folder runs steward demo with a bare environment"

# 2. make install PREFIX=… and make uninstall.
prefix="$work/prefix"
"$make" --no-print-directory install PREFIX="$prefix" >/dev/null
installed="bin/steward share/man/man1/steward.1 share/bash-completion/completions/steward
  share/zsh/site-functions/_steward share/fish/vendor_completions.d/steward.fish"
for file in $installed; do [ -s "$prefix/$file" ] || fail "make install did not install $file"; done
[ "$("$prefix/bin/steward" --version)" = "$("$binary" --version)" ] || fail "make install installed another steward than $binary"
grep -q '^\.Dt STEWARD 1' "$prefix/share/man/man1/steward.1" || fail "the man page has no .Dt STEWARD 1 header"
if command -v man >/dev/null; then
  man -l "$prefix/share/man/man1/steward.1" 2>/dev/null | grep -q 'demo' || fail "man cannot render the man page"
fi
bash -n "$prefix/share/bash-completion/completions/steward" || fail "the bash completion is not valid bash"
grep -q '^#compdef steward' "$prefix/share/zsh/site-functions/_steward" || fail "the zsh completion has no #compdef line"
grep -q "^complete -c 'steward'" "$prefix/share/fish/vendor_completions.d/steward.fish" || fail "the fish completion has no complete -c 'steward' line"
bare "$prefix/bin/steward" --version | grep -q '^rules [0-9a-f]\{16\} (built in' || fail "installed steward --version names no built-in rules"
"$make" --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
pass "make install PREFIX=… installs binary, man page and bash, zsh and fish completions; make uninstall removes them"

# 3. The .deb: holds the same files, depends only on installed runtime library packages, and
# runs from a scratch root with no Swift on the PATH.
dpkg-deb --info "$deb" > "$work/info.txt"
depends=$(sed -n 's/^ Depends: //p' "$work/info.txt")
[ -n "$depends" ] || fail "the .deb has no Depends"
for package in $(echo "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g'); do
  case "$package" in libc6|libsqlite3-0|zlib1g|libstdc++6|libgcc-s1) ;; *) fail "the .deb depends on $package, not a runtime library package" ;; esac
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || fail "dependency $package is not installed here"
done
root="$work/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/steward usr/share/man/man1/steward.1.gz usr/share/bash-completion/completions/steward \
            usr/share/zsh/site-functions/_steward usr/share/fish/vendor_completions.d/steward.fish; do
  [ -s "$root/$file" ] || fail "the .deb does not hold /$file"
done
[ "$("$root/usr/bin/steward" --version)" = "$("$binary" --version)" ] || fail "the .deb holds another steward than $binary"
(cd "$work/home" && bare "$root/usr/bin/steward" demo > "$work/deb-demo.txt" 2> "$work/deb-demo.err") \
  || { cat "$work/deb-demo.err" >&2; fail "steward demo from the .deb failed"; }
grep -q '^FINDINGS (' "$work/deb-demo.txt" || fail "steward demo from the .deb printed no findings"
pass "$(basename "$deb") (Depends: $depends) unpacks and runs steward demo with no Swift on the PATH"

# 4. The .deb installed for real with dpkg -i (as root, when no steward package is installed
# already, so this check never replaces a person's own installation), run with no Swift on the
# PATH, then removed with dpkg -r, leaving none of its files behind.
if [ "$(id -u)" != 0 ]; then
  echo "check-release: skipped: dpkg -i needs root (the unpacked .deb was checked above)"
elif dpkg-query -W -f='${Status}' steward 2>/dev/null | grep -q 'install ok installed'; then
  echo "check-release: skipped: a steward package is already installed here; dpkg -i would replace it"
else
  dpkg -i "$deb" > "$work/dpkg.txt" 2>&1 || { cat "$work/dpkg.txt" >&2; fail "dpkg -i $(basename "$deb") failed"; }
  (cd "$work/home" && bare steward demo > "$work/installed-demo.txt" 2> "$work/installed-demo.err") \
    || { cat "$work/installed-demo.err" >&2; dpkg -r steward >/dev/null 2>&1; fail "steward demo after dpkg -i failed"; }
  [ "$(bare sh -c 'command -v steward')" = /usr/bin/steward ] || { dpkg -r steward >/dev/null 2>&1; fail "dpkg -i did not put steward on PATH as /usr/bin/steward"; }
  grep -q '^FINDINGS (' "$work/installed-demo.txt" || { dpkg -r steward >/dev/null 2>&1; fail "steward demo after dpkg -i printed no findings"; }
  dpkg -r steward > "$work/dpkg-r.txt" 2>&1 || { cat "$work/dpkg-r.txt" >&2; fail "dpkg -r steward failed"; }
  [ ! -e /usr/bin/steward ] || fail "dpkg -r steward left /usr/bin/steward"
  pass "dpkg -i $(basename "$deb") installs steward on the PATH, steward demo runs with no Swift on the PATH, dpkg -r removes it"
fi
