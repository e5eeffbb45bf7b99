#!/usr/bin/env bash
# Installs what VirtualWire's data plane, tests and benchmarks use on a fresh Debian machine (as root).
set -euo pipefail
need=()
for pkg in iproute2 iputils-ping iperf3 tcpdump ethtool curl procps; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
