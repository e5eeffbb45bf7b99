#!/usr/bin/env bash
# VM migration figures (issue 3): N live migrations of a 128 MiB TCG guest the VirtualWire way (the product's
# migration route) and N the naive way (QMP migrate, then re-point the peer when QEMU says completed) in one
# run, interleaved, each watched by a 1 ms ICMP probe from a peer guest (bench/icmp-probe.py) and by QEMU's
# own events (bench/qemu-observer); prints one table side by side. See VmMigrationBench.java.
# Usage (as root): bench/vm-migration.sh [N] [--only vw|naive] [--option downtime-limit-ms=10] [--no-build]
# Its own namespaces start with vwb-v- (removed at the end); it does not use a running appliance.
# Experiments: VWV_SYSCTL="key=value;..." sets sysctls in the VM hosts' namespaces after the product made them
# (e.g. the kernel's default TCP buffers back: "net.ipv4.tcp_rmem=4096 131072 33554432;net.ipv4.tcp_wmem=4096
# 16384 4194304"); VWV_HOLD_MS=N holds the VirtualWire route N ms between transfer and activate; VWV_JAVA_OPTS
# adds JVM options. Raw per-run figures and probe traces stay in /tmp/vwv-bench*.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
vwb_require_root
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
build=1
args=()
for a in "$@"; do
  if [ "$a" = --no-build ]; then build=; else args+=("$a"); fi
done
if [ -n "$build" ]; then
  mvn -o -q -B install -DskipTests
fi
bash scripts/guest-image.sh >/dev/null
cp=$(mktemp /tmp/vwv-cp.XXXXXX)
mvn -o -q -B dependency:build-classpath -pl bundles/migration -Dmdep.outputFile="$cp" >/dev/null
export VWV_OBSERVE=$(mktemp -d /tmp/vwv-obs.XXXXXX)
trap 'rm -rf "$VWV_OBSERVE" "$cp"; for ns in $(ip netns list | awk "/^vwb-v-/ {print \$1}"); do ip netns del "$ns"; done' EXIT
# this tree's own classes, never the virtualwire jars in ~/.m2 (other work trees install theirs there)
classes=bundles/migration/target/test-classes:bundles/drivers-local/target/test-classes
for m in migration core drivers-local tunnel-vxlan; do classes=$classes:bundles/$m/target/classes; done
deps=$(tr ':' '\n' < "$cp" | grep -v '/org/virtualwire/' | paste -sd:)
echo "# load average at start: $(cat /proc/loadavg)"
PATH=$PWD/bench/qemu-observer:$PATH "$JAVA_HOME/bin/java" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${VWV_JAVA_OPTS:-} \
  -cp "$classes:$deps" \
  org.virtualwire.migration.bench.VmMigrationBench "${args[@]}"
echo "# load average at end: $(cat /proc/loadavg)"
