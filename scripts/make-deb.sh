#!/usr/bin/env bash
# Builds steward_<version>_<arch>.deb with dpkg-deb from a staged `make install` (README.md, "Install").
# Usage: scripts/make-deb.sh STAGE_DIR OUTPUT_DIR
# STAGE_DIR holds usr/bin/steward, its man page and completions (make install PREFIX=/usr
# DESTDIR=STAGE_DIR). Depends: lists only the Debian packages owning the shared libraries the
# binary needs (found with ldd and dpkg -S), libc6 with the newest glibc symbol version it uses.
set -euo pipefail
stage=$1
out=$2
binary="$stage/usr/bin/steward"
[ -x "$binary" ] || { echo "make-deb: $binary missing: run make install PREFIX=/usr DESTDIR=$stage first" >&2; exit 1; }

version=$("$binary" --version | sed -n 's/^steward //p')
arch=$(dpkg --print-architecture)
# The package's maintainer: $DEB_MAINTAINER, else the author of the commit it is built from.
maintainer=${DEB_MAINTAINER:-$(git log -1 --format='%an <%ae>' 2>/dev/null || true)}
maintainer=${maintainer:-steward maintainers <steward@invalid>}

# One package per shared library the binary loads (the dynamic loader and vDSO have no package
# of their own here; both come with libc6).
depends=""
while read -r path; do
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) \
    || owner=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -n "$owner" ] || { echo "make-deb: no Debian package owns $path" >&2; exit 1; }
  case " $depends " in *" $owner "*) ;; *) depends="$depends $owner" ;; esac
done < <(ldd "$binary" | awk '/=> \// { print $3 }')

glibc=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
control_depends=""
for package in $depends; do
  entry=$package
  [ "$package" = libc6 ] && entry="libc6 (>= $glibc)"
  control_depends="${control_depends:+$control_depends, }$entry"
done

# Debian keeps man pages compressed.
if [ -f "$stage/usr/share/man/man1/steward.1" ]; then
  gzip -9nf "$stage/usr/share/man/man1/steward.1"
fi

mkdir -p "$stage/DEBIAN" "$out"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: steward
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $control_depends
Section: utils
Priority: optional
Description: see what a scoring system could infer from your own data exports
 steward reads the data exports people download about themselves (bank statements,
 Google Takeout, social network archives, chats, browser history, health exports)
 and shows every inference a scorer could draw, with the exact records behind it,
 and the score and tier documented scoring systems would give. Nothing leaves the
 machine: steward has no networking code. Its rules are built in.
CONTROL
find "$stage" -type d -exec chmod 0755 {} +
deb="$out/steward_${version}_${arch}.deb"
# gzip, not dpkg's default xz: xz saves 8 of 25 MB but takes minutes on a busy 2-core machine.
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
