#!/usr/bin/env bash
# Assembles the files the container image adds beside the service when it is built on `scratch` (the
# default base, which needs no registry): a Java runtime made with jlink from this JDK's modules, holding
# only the modules named in java-modules beside this file, under /opt/java; the shared libraries that
# runtime loads (glibc, libstdc++, zlib, …), found with ldd, at the paths the dynamic loader looks in; an
# /etc/passwd and /etc/group naming the service's user; an empty /tmp. On any other base (one that brings
# its own Java, e.g. gcr.io/distroless/java17-debian12) it adds nothing: the directory stays empty.
# The build runs it (transfer-service/pom.xml, execution image-root) before Jib adds the directory as
# an extra directory. Debian's JDK keeps its modules in the package openjdk-17-jmods.
# Usage: assemble-root.sh <directory> <base image> <java home>
set -euo pipefail
root="$1"
base="$2"
java_home="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

rm -rf "$root"
mkdir -p "$root"
if [ "$base" != "scratch" ]; then
  echo "image base $base brings its own Java: nothing to assemble"
  exit 0
fi
if [ ! -d "$java_home/jmods" ]; then
  echo "$java_home has no jmods directory, which jlink needs (Debian: apt-get install openjdk-17-jmods)" >&2
  exit 1
fi

modules="$(grep -v '^#' "$here/java-modules" | paste -sd, -)"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
    --strip-debug --no-man-pages --no-header-files --output "$root/opt/java"
# a JDK that links its CA certificates to the system's store (Debian's) leaves jlink a link, not a file
if [ -L "$java_home/lib/security/cacerts" ] || [ ! -s "$root/opt/java/lib/security/cacerts" ]; then
  cp -L "$java_home/lib/security/cacerts" "$root/opt/java/lib/security/cacerts"
fi

# java.desktop is there for java.beans, which Quarkus and Micrometer use; its screen, sound, font and
# image libraries a server never loads, and they would bring X11, ALSA and FreeType along
for library in libawt_xawt libsplashscreen libjsound libfontmanager liblcms libjavajpeg; do
  rm -f "$root/opt/java/lib/$library.so"
done

# every shared library the runtime's binaries and libraries load, at the path ldd resolves it to
# (the dynamic loader itself included), as a file: scratch has no /lib for a link to point into
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | grep -o '/[^ ]*\.so[^ ]*' | sort -u \
  | while read -r library; do
      case "$library" in "$root"/*) continue ;; esac
      mkdir -p "$root$(dirname "$library")"
      cp -L "$library" "$root$library"
    done

mkdir -p "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\noverdracht:x:10001:10001:Overdracht:/tmp:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\noverdracht:x:10001:\n' > "$root/etc/group"
echo "assembled $(du -sh "$root" | cut -f1) in $root: $("$root/opt/java/bin/java" -version 2>&1 | head -1)"
