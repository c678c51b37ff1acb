#!/usr/bin/env bash
# `make image-cli`: builds dmvpn-lab/dmvpn-lab:<version> and :latest, the orchestrator itself (so a CI runner
# needs Docker and no Node): the whole compiled dist/, the native addon, the production npm packages, schema/
# and labs/, on a Debian base made from apt packages by ../dmvpn-node/debian-base.sh (no registry) with the
# tools the labs use: iproute2, iptables, tcpdump, tshark, FRR, strongSwan, iperf3. Skipped when the image's
# dmvpn-lab.inputs label already matches the staged inputs.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${DMVPN_CACHE:-/var/cache/dmvpn-lab}
NAME=${DMVPN_CLI_REPO:-dmvpn-lab/dmvpn-lab}
say() { printf 'image-cli: %s\n' "$*" >&2; }

"$REPO/scripts/docker-up.sh"
t0=$SECONDS
[ -f "$REPO/dist/cli/main.js" ] && [ -f "$REPO/native/build/Release/dmvpn_native.node" ] ||
  { say "dist/ or the native addon is missing: run make build first"; exit 1; }

export DMVPN_BASE_FLAVOR=cli
export DMVPN_BASE_PACKAGES=iproute2,iptables,tcpdump,iputils-ping,procps,tshark,frr,iperf3,strongswan-charon,strongswan-swanctl,libcharon-extra-plugins,libstrongswan-extra-plugins,libstrongswan-standard-plugins,kmod
BASE=${DMVPN_CLI_BASE:-$("$REPO/images/dmvpn-node/debian-base.sh")}
say "base $BASE"

# The context: app/ (dist without source maps, addon, package.json, schema, labs, production packages), bin/.
CTX=$CACHE/context-cli
rm -rf "$CTX" && mkdir -p "$CTX/app/native/build/Release" "$CTX/app/node_modules"
(cd "$REPO" && tar --exclude='*.map' -cf - dist schema labs package.json) | tar -C "$CTX/app" -xf -
cp "$REPO/native/build/Release/dmvpn_native.node" "$CTX/app/native/build/Release/"
(cd "$REPO" && npm ls --omit=dev --all --parseable 2>/dev/null | tail -n +2 | sed "s|^$REPO/||") |
  while read -r dir; do mkdir -p "$CTX/app/$(dirname "$dir")" && cp -a "$REPO/$dir" "$CTX/app/$dir" 2>/dev/null || true; done
cp -r "$HERE/bin" "$HERE/Dockerfile" "$CTX/"

VERSION=$(node -p "require('$REPO/package.json').version")
REVISION=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
BASE_ID=$(docker image inspect -f '{{.Id}}' "$BASE")
INPUTS=$( { echo "$BASE_ID $VERSION"; (cd "$CTX" && find . -type f -print0 | sort -z | xargs -0 sha256sum); } | sha256sum | cut -c1-24)
current=$(docker image inspect -f '{{index .Config.Labels "dmvpn-lab.inputs"}}' "$NAME:$VERSION" 2>/dev/null || true)
if [ "$current" = "$INPUTS" ]; then
  docker tag "$NAME:$VERSION" "$NAME:latest"
  say "$NAME:$VERSION is up to date (inputs $INPUTS)"
  exit 0
fi
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
say "building $NAME:$VERSION (inputs $INPUTS, revision $REVISION)"
docker build -q --build-arg BASE="$BASE" --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
  --build-arg INPUTS="$INPUTS" -t "$NAME:$VERSION" -t "$NAME:latest" "$CTX" >/dev/null
docker image prune -f --filter "label=org.opencontainers.image.title=dmvpn-lab" >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$NAME:$VERSION" | awk '{printf "%.0f MB", $1/1e6}')
say "built $NAME:$VERSION in $((SECONDS - t0)) s: $size"
