#!/usr/bin/env bash
# Builds the container image's base, a Debian 12 root file system with the Java 17 runtime, as an image archive
# (the format `docker save` writes) that Jib builds the service's image on: no registry and no Docker engine
# needed, only Debian's mirror. Needs root (debootstrap). Writes image/base/base-image.tar; the Maven module
# `image` is built when that file exists (.ci/run makes it).
#
#   sudo image/build-base.sh [mirror]
set -euo pipefail
cd "$(dirname "$0")"
mirror="${1:-http://deb.debian.org/debian}"
out="base/base-image.tar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" "$mirror"

# The service runs as this user, never as root (the chart's runAsUser is the same number).
chroot "$rootfs" groupadd --gid 10001 ringfence
chroot "$rootfs" useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
  --shell /usr/sbin/nologin ringfence
# What a running container never needs: package caches and lists, documentation, the package tools' logs, and
# device nodes (a runtime mounts its own /dev; nodes in a layer cannot be unpacked by a user without privileges).
rm -rf --one-file-system "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log \
  "$rootfs"/var/log/apt "$rootfs"/tmp/* "$rootfs"/dev/*
arch="$(dpkg --print-architecture)"
java_home="/usr/lib/jvm/java-17-openjdk-$arch"
[ -x "$rootfs$java_home/bin/java" ] || { echo "no Java runtime at $java_home in the base" >&2; exit 1; }

layer="$work/layer.tar"
tar --numeric-owner --sort=name --mtime='2000-01-01 00:00:00Z' -C "$rootfs" -cf "$layer" .
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
mkdir -p "$work/archive"
mv "$layer" "$work/archive/layer.tar"
cat > "$work/archive/config.json" <<JSON
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "User":"10001:10001"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"2000-01-01T00:00:00Z","created_by":"image/build-base.sh: debootstrap bookworm minbase + openjdk-17-jre-headless"}]}
JSON
cat > "$work/archive/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["ringfence-base:bookworm-jre17"],"Layers":["layer.tar"]}]
JSON
mkdir -p base
tar -C "$work/archive" -cf "$out.part" manifest.json config.json layer.tar
mv "$out.part" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1), java at $java_home)"
