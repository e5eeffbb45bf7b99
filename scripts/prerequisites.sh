#!/usr/bin/env bash
# Installs what VirtualWire's data plane, tests and benchmarks use on a fresh Debian machine (as root), then
# builds the VM guest image (scripts/guest-image.sh: cached, does nothing when it is already built).
# Installs only what is missing and never upgrades a package: running JVMs and QEMUs depend on what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
# iproute2: ip netns/link/tc/bridge/ss; nftables: nft, the wire ends' underlay filter; jq: run.sh's table;
# busybox-static: the VM guests' image (QEMU below)
for pkg in iproute2 iputils-ping iperf3 tcpdump ethtool curl procps tar gzip ca-certificates bc \
    jq busybox-static nftables; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] || need+=("$pkg")
done
command -v mvn >/dev/null || need+=(maven)
# node/npm: the build fetches the topology page's libraries (bundles/web: npm ci); chromium: TopologyPageIT loads
# the page in a real browser (headless). A node that is already there (e.g. with its own npm) is kept
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/lib/jvm/java-17-openjdk-amd64 ] || need+=(openjdk-17-jdk-headless)
export DEBIAN_FRONTEND=noninteractive
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  apt-get update -qq
  # --no-upgrade: upgrading the JDK under running Java processes breaks their process spawning
  apt-get install -y -qq --no-install-recommends --no-upgrade "${need[@]}" >/dev/null
fi
# QEMU 10 rather than Debian 12's 7.2: a TCG guest live-migrated by 7.2 under traffic broke (kernel BUG, panic,
# virtio ring error) about once in 10 to 40 migrations, by 10.0 in none of 80 (BENCHMARKS.md, "QEMU 7.2 against
# 10.0"). Debian 12 has it in bookworm-backports: only QEMU's own packages come from there (and the SeaBIOS they
# ask for); a QEMU already running keeps its binary.
qemu_min=1:10.0
installed_qemu=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null || true)
if ! dpkg --compare-versions "${installed_qemu:-0}" ge "$qemu_min"; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  qemu_pkgs=(qemu-system-x86)
  if [ "$codename" = bookworm ]; then
    list=/etc/apt/sources.list.d/virtualwire-bookworm-backports.list
    [ -f "$list" ] || echo "deb http://deb.debian.org/debian bookworm-backports main" > "$list"
    # these four from backports, each named (the libraries they need stay Debian 12's own)
    qemu_pkgs=(qemu-system-x86/bookworm-backports qemu-system-common/bookworm-backports
      qemu-system-data/bookworm-backports seabios/bookworm-backports)
  fi
  echo "Installing QEMU >= $qemu_min (have ${installed_qemu:-none})"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${qemu_pkgs[@]}" >/dev/null
  installed_qemu=$(dpkg-query -W -f='${Version}' qemu-system-x86)
  dpkg --compare-versions "$installed_qemu" ge "$qemu_min" \
    || { echo "QEMU $installed_qemu installed, $qemu_min or later needed" >&2; exit 1; }
fi
# The VM guest image the VM tests and ./run.sh boot (first time: a 70 MB kernel package, cached for later)
scripts/guest-image.sh
