#!/usr/bin/env bash
# The CI step without Node on the runner: the dmvpn-lab image (make image-cli) runs check on a lab of
# this repository; reports and pcaps land in the workspace. Exit status as dmvpn-lab's (docs/lab-cli.md).
set -euo pipefail
LAB=${LAB:-labs/phase3/phase3.clab.yml}
EXPECT=${EXPECT:-examples/ci/phase3.expect.yml}
IMAGE=${IMAGE:-dmvpn-lab/dmvpn-lab:latest}
mkdir -p reports
sudo mkdir -p /run/netns
exec sudo docker run --rm \
  --cap-add NET_ADMIN --cap-add SYS_ADMIN --cap-add NET_RAW --device /dev/net/tun \
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
  --pid=host --network=host -v /run/netns:/run/netns:shared \
  -v "$PWD:/work" "$IMAGE" \
  check "/work/$LAB" --expect "/work/$EXPECT" --junit /work/reports/junit.xml --json /work/reports/report.json
