#!/usr/bin/env bash
# Makes sure a Docker daemon answers: installs docker.io when dockerd is missing, and starts dockerd
# in the background when none runs, trying the usual storage/iptables fallbacks until one works.
# Idempotent: returns at once when `docker info` already answers. Needs root to start a daemon.
#
#   scripts/docker-up.sh            # ensure a daemon; exit 1 with the daemon's log tail when none starts
#   DOCKERD_FLAGS="--iptables=false" scripts/docker-up.sh   # force these flags (no fallbacks)
set -uo pipefail

LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
PIDFILE=/var/run/dmvpn-lab-dockerd.pid
WAIT=${DOCKERD_WAIT:-40}

say() { printf 'docker-up: %s\n' "$*" >&2; }

answers() { timeout 10 docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && answers; then
  say "a Docker daemon answers ($(docker info --format '{{.ServerVersion}}, storage {{.Driver}}' 2>/dev/null))"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  say "no Docker daemon answers and starting one needs root: run 'sudo $0' (or start the docker service)"
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  say "installing docker.io (dockerd, containerd, runc)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq docker.io >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq docker.io >/dev/null || { say "apt-get install docker.io failed"; exit 1; }
  fi
fi

# A daemon we started before and that died leaves its pid file and socket: clear them.
if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi

start() { # $1: flags; returns 0 once `docker info` answers
  local flags=$1 pid i
  say "starting dockerd ${flags:-(default flags)}; log $LOG"
  # setsid: the daemon outlives this script and the CI step that ran it.
  # shellcheck disable=SC2086
  setsid dockerd $flags >>"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  for ((i = 0; i < WAIT * 2; i++)); do
    if answers; then
      say "dockerd $pid answers ($(docker info --format 'storage {{.Driver}}, cgroup {{.CgroupDriver}}' 2>/dev/null))"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  say "dockerd ${flags:-(default flags)} did not come up:"
  tail -n 5 "$LOG" | sed 's/^/    /' >&2
  kill "$pid" 2>/dev/null
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null
  rm -f "$PIDFILE" /var/run/docker.pid
  return 1
}

if [ -n "${DOCKERD_FLAGS+x}" ]; then
  start "$DOCKERD_FLAGS" && exit 0
  exit 1
fi
for flags in "" "--iptables=false" "--storage-driver=vfs" "--iptables=false --storage-driver=vfs"; do
  start "$flags" && exit 0
done
say "no dockerd configuration worked; see $LOG"
exit 1
