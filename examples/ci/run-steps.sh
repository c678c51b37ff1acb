#!/usr/bin/env bash
# The steps of the CI recipes in this folder, as one script: github-actions.yml runs the lines below
# "### steps" as its run: steps, gitlab-ci.yml as its script:, in this order. A test
# (test/examples/ci-recipe.test.ts) checks that the recipes and this script agree, and runs this
# script on a clean clone of the repository, so the recipes cannot rot.
# Run it from the repository root on an Ubuntu or Debian machine with Node.js 20, as root or with sudo.
set -euo pipefail
# The recipes' variables and their defaults (the workflow's env:, the GitLab job's variables:).
: "${LAB:=labs/phase3/phase3.clab.yml}"
: "${LAB_NAME:=phase3}"
: "${EXPECT:=examples/ci/phase3.expect.yml}"
: "${ONLY:=registration,phase}"
export LAB LAB_NAME EXPECT ONLY
# As root (a container job) there may be no sudo: run the command itself.
command -v sudo >/dev/null || sudo() { "$@"; }
### steps
sudo make apt
npm ci --no-audit --no-fund
npm run build --silent
sudo make install NODE="$(command -v node)"
mkdir -p reports
sudo dmvpn-lab check "$LAB" --name "$LAB_NAME" --only "$ONLY" --expect "$EXPECT" --junit reports/junit.xml --json reports/report.json
