#!/usr/bin/env bash
# Installs what VirtualWire's data plane, tests and benchmarks use on a fresh Debian machine (as root), then
# builds the VM guest image (scripts/guest-image.sh: cached, does nothing when it is already built).
# Installs only what is missing and never upgrades a package: running JVMs and QEMUs depend on what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
# iproute2: ip netns/link/tc/bridge/ss; jq: run.sh's table; qemu-system-x86 + busybox-static: VM guests, their image
for pkg in iproute2 iputils-ping iperf3 tcpdump ethtool curl procps tar gzip ca-certificates bc \
    jq qemu-system-x86 busybox-static; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] || need+=("$pkg")
done
command -v mvn >/dev/null || need+=(maven)
[ -d /usr/lib/jvm/java-17-openjdk-amd64 ] || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --no-upgrade: upgrading the JDK under running Java processes breaks their process spawning
  apt-get install -y -qq --no-install-recommends --no-upgrade "${need[@]}" >/dev/null
fi
# The VM guest image the VM tests and ./run.sh boot (first time: a 70 MB kernel package, cached for later)
scripts/guest-image.sh
