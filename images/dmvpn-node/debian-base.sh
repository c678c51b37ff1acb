#!/usr/bin/env bash
# Makes the dmvpn-node base image without a registry: debootstrap (minbase) of the host's own Debian
# release from the mirror in its apt sources, with iproute2, iptables, tcpdump, ping and procps, plus
# the host's Node 20 binary, imported with `docker import`. Prints the image reference on stdout.
# The root filesystem tarball is cached in $DMVPN_CACHE (default /var/cache/dmvpn-lab) under a hash
# of its inputs (release, mirror, packages, Node binary, this script); an existing image is reused.
# DMVPN_BASE_FLAVOR=cli with DMVPN_BASE_PACKAGES=a,b,… makes the dmvpn-lab (orchestrator) image's base instead:
# same steps, more packages, its own image name and tarball.
set -euo pipefail

CACHE=${DMVPN_CACHE:-/var/cache/dmvpn-lab}
PACKAGES=${DMVPN_BASE_PACKAGES:-iproute2,iptables,tcpdump,iputils-ping,procps,iperf3,frr}
FLAVOR=${DMVPN_BASE_FLAVOR:-node}
# the dmvpn-node base keeps its historical names; another flavour prefixes them
PREFIX=
[ "$FLAVOR" = node ] || PREFIX=$FLAVOR-
say() { printf 'debian-base: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

. /etc/os-release
SUITE=${DEBIAN_SUITE:-${VERSION_CODENAME:-}}
[ -n "$SUITE" ] || die "cannot tell the Debian release (no VERSION_CODENAME in /etc/os-release); set DEBIAN_SUITE"

# The first apt source that serves $SUITE itself (deb822 .sources files and one-line .list files).
mirror_from_apt() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v suite="$SUITE" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "") { split(uris, u, " "); print u[1]; found = 1; exit } types = suites = uris = "" }
      /^[ \t]*$/ { flush(); next }
      /^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
      /^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0 }
      END { if (!found) flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -E 's/\[[^]]*\]//' "$f" | awk -v suite="$SUITE" '$1 == "deb" && $3 == suite { print $2 }'
  done
}
MIRROR=${DEBIAN_MIRROR:-$(mirror_from_apt | head -n 1)}
[ -n "$MIRROR" ] || die "no apt source for $SUITE in /etc/apt/sources.list(.d); set DEBIAN_MIRROR"

NODE=$(readlink -f "${NODE_BINARY:-$(command -v node)}")
NODE_VERSION=$("$NODE" -v)
case "$NODE_VERSION" in
  v2[0-9].* | v[3-9][0-9].*) ;;
  *) die "the host's node ($NODE) is $NODE_VERSION; the image needs Node 20+: set NODE_BINARY to a Node 20 binary" ;;
esac

HASH=$( { echo "$SUITE $MIRROR $PACKAGES"; sha256sum "$NODE" | cut -d' ' -f1; sha256sum "$0" | cut -d' ' -f1; } | sha256sum | cut -c1-16)
MAJOR=${NODE_VERSION#v}
IMAGE=dmvpn-lab/base:$PREFIX$SUITE-node${MAJOR%%.*}-$HASH
TARBALL=$CACHE/base/$PREFIX$SUITE-$HASH.tar

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "reusing $IMAGE"
  echo "$IMAGE"
  exit 0
fi

mkdir -p "$CACHE/base" "$CACHE/debs"
exec 9>"$CACHE/base/.lock"
flock 9
if [ ! -s "$TARBALL" ]; then
  command -v debootstrap >/dev/null || { say "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }; }
  ROOT=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  trap 'rm -rf "$ROOT"' EXIT
  KEYRING=()
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] && [ "$ID" = debian ] && KEYRING=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
  say "debootstrap --variant=minbase $SUITE from $MIRROR (with $PACKAGES)"
  t0=$SECONDS
  debootstrap --variant=minbase --include="$PACKAGES" --cache-dir="$CACHE/debs" "${KEYRING[@]}" "$SUITE" "$ROOT" "$MIRROR" >"$CACHE/base/debootstrap.log" 2>&1 ||
    die "debootstrap failed; see $CACHE/base/debootstrap.log: $(tail -n 3 "$CACHE/base/debootstrap.log")"
  say "debootstrap took $((SECONDS - t0)) s"
  # What a container does not need: package lists and caches, documentation, translations.
  rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/cache/apt/archives/*.deb \
    "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* \
    "$ROOT"/var/log/* "$ROOT"/tmp/* "$ROOT"/var/cache/debconf/*-old
  # Node 20 from the host (a single binary; its libraries, libc and libstdc++, are in minbase).
  if command -v strip >/dev/null; then strip -o "$ROOT/usr/local/bin/node" "$NODE"; else cp "$NODE" "$ROOT/usr/local/bin/node"; fi
  chmod 755 "$ROOT/usr/local/bin/node"
  got=$(chroot "$ROOT" /usr/local/bin/node -v) || die "node does not run inside the base (missing library?)"
  [ "$got" = "$NODE_VERSION" ] || die "node in the base says $got, expected $NODE_VERSION"
  tar -C "$ROOT" --numeric-owner -cf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
  find "$CACHE/base" -maxdepth 1 -name "$PREFIX$SUITE-*.tar" ! -path "$TARBALL" -delete # older bases of this flavour
  say "cached $TARBALL ($(du -m "$TARBALL" | cut -f1) MiB)"
fi
say "importing $TARBALL as $IMAGE"
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["bash"]' \
  --message "debootstrap $SUITE minbase + $PACKAGES + node $NODE_VERSION" \
  "$TARBALL" "$IMAGE" >/dev/null
echo "$IMAGE"
