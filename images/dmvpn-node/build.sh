#!/usr/bin/env bash
# `make image`: builds dmvpn-lab/dmvpn-node:<version> and :latest from the compiled tree (make build).
# Base: the official node image when it is present or a registry gives it, else the Debian base made
# by debian-base.sh (no registry needed). DMVPN_BASE=official|debian|<image> forces a choice.
# Skips the build when the image's dmvpn-lab.inputs label already matches the staged inputs.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${DMVPN_CACHE:-/var/cache/dmvpn-lab}
NAME=${DMVPN_NODE_REPO:-dmvpn-lab/dmvpn-node}
OFFICIAL=${DMVPN_OFFICIAL_BASE:-node:20-bookworm-slim}
say() { printf 'image: %s\n' "$*" >&2; }

"$REPO/scripts/docker-up.sh"
t0=$SECONDS

case ${DMVPN_BASE:-auto} in
  official) BASE=$OFFICIAL KIND=official ;;
  debian) BASE=$("$HERE/debian-base.sh") KIND=debian ;;
  auto)
    if docker image inspect "$OFFICIAL" >/dev/null 2>&1; then
      BASE=$OFFICIAL KIND=official
    elif say "trying the registry for $OFFICIAL" && timeout 45 docker pull -q "$OFFICIAL" >/dev/null 2>&1; then
      BASE=$OFFICIAL KIND=official
    else
      say "no registry answers: building on a Debian base from apt packages"
      BASE=$("$HERE/debian-base.sh") KIND=debian
    fi
    ;;
  *) BASE=$DMVPN_BASE KIND=custom ;;
esac
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  docker pull "$BASE" >/dev/null || { say "base image $BASE is not available"; exit 1; }
fi
say "base $BASE ($KIND)"

CTX=$CACHE/context
mkdir -p "$CACHE"
node "$HERE/stage.mjs" "$REPO" "$CTX" >&2

VERSION=$(node -p "require('$REPO/package.json').version")
REVISION=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$REVISION" != unknown ] && [ -n "$(git -C "$REPO" status --porcelain -- src native images package.json package-lock.json 2>/dev/null)" ]; then
  REVISION=$REVISION-dirty
fi
BASE_ID=$(docker image inspect -f '{{.Id}}' "$BASE")
# The router's compiled code alone (the runtime compares it with the tree's to warn of a stale image).
ROUTER=$( (cd "$CTX/app/dist" && find . -type f -name '*.js' | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-24)
INPUTS=$( { echo "$BASE_ID $VERSION"; (cd "$CTX" && find . -type f -print0 | sort -z | xargs -0 sha256sum); } | sha256sum | cut -c1-24)

current=$(docker image inspect -f '{{index .Config.Labels "dmvpn-lab.inputs"}}' "$NAME:$VERSION" 2>/dev/null || true)
if [ "$current" = "$INPUTS" ]; then
  docker tag "$NAME:$VERSION" "$NAME:latest"
  say "$NAME:$VERSION is up to date (inputs $INPUTS); $(docker image inspect -f '{{.Size}}' "$NAME:$VERSION" | awk '{printf "%.0f MB", $1/1e6}')"
  exit 0
fi

# The legacy builder needs no buildx plugin; BuildKit is used when the plugin is there.
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
say "building $NAME:$VERSION (inputs $INPUTS, revision $REVISION)"
docker build -q \
  --build-arg BASE="$BASE" --build-arg BASE_KIND="$KIND" --build-arg VERSION="$VERSION" \
  --build-arg REVISION="$REVISION" --build-arg INPUTS="$INPUTS" --build-arg ROUTER="$ROUTER" \
  -t "$NAME:$VERSION" -t "$NAME:latest" "$CTX" >/dev/null
docker image prune -f --filter "label=org.opencontainers.image.title=dmvpn-node" >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$NAME:$VERSION" | awk '{printf "%.0f MB", $1/1e6}')
say "built $NAME:$VERSION in $((SECONDS - t0)) s: $size, base $KIND"
