# dmvpn-lab: `make demo` and `make test` work on a fresh Debian machine with Node.js 20 (run as root).
SHELL := /bin/bash
APT_PKGS := tshark tcpdump iproute2 iptables iperf3 procps iputils-ping tmux frr openssh-client \
  strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-extra-plugins libstrongswan-standard-plugins
export DEBIAN_FRONTEND := noninteractive

.PHONY: all deps apt build test demo bench clean image image-cli install uninstall

all: build

# Debian packages the tests and labs use; installed only when one is missing.
apt:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections; \
	  apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

deps: apt node_modules/.package-lock.json

build: deps
	npm run build --silent

# Types (src, test, bench), format and lint first: a type error, a lint error or an unformatted file fails the run.
test: build
	npm run --silent typecheck
	npm run --silent lint
	npm test

bench: build
	npm run bench

# The dmvpn-node image for the docker runtime: starts dockerd if needed; official node base when a
# registry answers, else a Debian base from apt (images/dmvpn-node/); skipped when its inputs are unchanged.
image: build
	images/dmvpn-node/build.sh

# The orchestrator itself as an image (dmvpn-lab/dmvpn-lab), for a CI runner without Node: Debian packages
# only (FRR, tshark, iproute2, iptables, Node 20), skipped when its inputs are unchanged (docs/docker.md).
image-cli: build
	images/dmvpn-lab/build.sh

# `dmvpn-lab` and `dmvpnd` on PATH: small wrappers in $(PREFIX)/bin that run this tree's dist/ with this
# node (absolute paths, so `sudo dmvpn-lab …` works whatever sudo's PATH). `make build` first.
PREFIX ?= /usr/local
DIST ?= $(CURDIR)/dist
NODE ?= $(shell command -v node)
install:
	@test -f $(DIST)/cli/main.js || { echo "make install: $(DIST)/cli/main.js is missing: run make build first" >&2; exit 1; }
	@test -n "$(NODE)" || { echo "make install: node is not on PATH" >&2; exit 1; }
	@mkdir -p $(PREFIX)/bin
	@for pair in dmvpn-lab:cli dmvpnd:node; do \
	  cmd=$${pair%%:*}; dir=$${pair#*:}; \
	  printf '#!/bin/sh\n# installed by make install from %s\nexec %s %s "$$@"\n' "$(CURDIR)" "$(NODE)" "$(DIST)/$$dir/main.js" > $(PREFIX)/bin/$$cmd; \
	  chmod 755 $(PREFIX)/bin/$$cmd; echo "installed $(PREFIX)/bin/$$cmd"; \
	done

uninstall:
	rm -f $(PREFIX)/bin/dmvpn-lab $(PREFIX)/bin/dmvpnd

demo: build
	@node dist/cli/main.js demo

clean:
	rm -rf dist dist-check native/build
