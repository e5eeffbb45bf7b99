#!/usr/bin/env bash
# Installs what VirtualWire's data plane, tests and benchmarks use on a fresh Debian machine (as root).
set -euo pipefail
need=()
for pkg in iproute2 iputils-ping iperf3 tcpdump ethtool curl procps tar gzip ca-certificates; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
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
